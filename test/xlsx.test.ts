/**
 * Excel in and out: export → import gives the same model (the seed example and a leaves model); a department's
 * own layout (several tables a sheet, title with body and year, 元, 类/款/项 in three columns, 栏次 row) reads;
 * bad workbooks give cell-addressed messages, exit 2 and no output file.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { canonicalJson } from '../src/model/canonical.js';
import { cellValue } from '../src/model/concepts.js';
import { writeXlsx } from '../src/xlsx/write.js';
import { readXlsx, ImportError } from '../src/xlsx/read.js';
import { sheetName } from '../src/xlsx/layout.js';
import { runImport } from '../src/cli/commands/import.js';
import { runTemplate } from '../src/cli/commands/template.js';
import { UserError } from '../src/cli/io.js';
import { leavesModel, EXAMPLE_PATH } from './leaves-fixture.js';

function valid(data: unknown): Disclosure {
  const r = validateDisclosure(data);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
}

const example = valid(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));

async function edit(bytes: Uint8Array, f: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  f(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportError) return err.problems.map((p) => `${p.at}：${p.message}`);
    throw err;
  }
  throw new Error('no ImportError');
}

describe('round trip model → xlsx → model', () => {
  it('should give the same model for the seed example', async () => {
    const back = readXlsx(await writeXlsx(example), 'ex.xlsx');
    expect(canonicalJson(back)).toBe(canonicalJson(example));
  });

  it('should give the same model for a leaves model (every derived row included)', async () => {
    const m = valid(leavesModel());
    const back = readXlsx(await writeXlsx(m), 'leaves.xlsx');
    expect(canonicalJson(back)).toBe(canonicalJson(m));
  });

  it('should write the tables as published: title, unit line, merged header, numbers with #,##0.00', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeXlsx(example)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(sheetName('t7'))!;
    expect(ws.getCell('A1').value).toBe('2020年度一般公共预算财政拨款“三公”经费支出决算表');
    expect(String(ws.getCell('A2').value)).toContain('单位：万元');
    expect(ws.getCell('A3').value).toBe('预算数');
    expect(ws.getCell('A3').isMerged).toBe(true);
    const t5 = wb.getWorksheet(sheetName('t5'))!;
    const total = t5.getCell('C4');
    expect(total.value).toBe(1833.68);
    expect(total.numFmt).toBe('#,##0.00');
  });
});

/** A workbook the way many departments keep it: tables 2–9 stacked in one sheet, amounts in 元. */
async function departmentWorkbook(m: Disclosure): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const exported = new ExcelJS.Workbook();
  await exported.xlsx.load(Buffer.from(await writeXlsx(m)) as unknown as ArrayBuffer);
  // T1, T4, T6, T7 and the data sheet as exported (one table a sheet) …
  for (const kind of ['t1', 't4', 't6', 't7'] as const) {
    const src = exported.getWorksheet(sheetName(kind))!;
    const ws = wb.addWorksheet(`公开${kind.slice(1)}表`);
    src.eachRow({ includeEmpty: false }, (row, r) => row.eachCell((cell, c) => { ws.getCell(r, c).value = cell.value; }));
    for (const range of Object.keys((src as unknown as { _merges: Record<string, unknown> })._merges)) {
      const mm = (src as unknown as { _merges: Record<string, { range: string }> })._merges[range];
      ws.mergeCells(mm.range);
    }
  }
  const data = wb.addWorksheet('模型数据');
  exported.getWorksheet('模型数据')!.eachRow((row, r) => row.eachCell((cell, c) => { data.getCell(r, c).value = cell.value; }));
  // … and the code tables stacked in one sheet, in 元, with 类/款/项 in three columns and a 栏次 row.
  const ws = wb.addWorksheet('支出');
  let r = 1;
  for (const kind of ['t2', 't3', 't5', 't8', 't9'] as const) {
    const t = m.tables.find((x) => x.kind === kind)!;
    const cols = { t2: ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], t3: ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'], t5: ['合计', '基本支出', '项目支出'], t8: null, t9: ['合计', '基本支出', '项目支出'] }[kind];
    ws.getCell(r, 1).value = `${m.body.name}2020年度${{ t2: '收入决算表', t3: '支出决算表', t5: '一般公共预算财政拨款支出决算表', t8: '政府性基金预算财政拨款收入支出决算表', t9: '国有资本经营预算财政拨款支出决算表' }[kind]}`;
    ws.getCell(r + 1, 1).value = '编制单位：' + m.body.name;
    ws.getCell(r + 1, 6).value = '单位：元';
    const keys = kind === 't8' ? ['opening', 'income', 'total', 'basic', 'project', 'closing'] : ['total', ...(kind === 't2' ? ['fiscal', 'superior', 'business', 'operating', 'subordinate', 'other'] : kind === 't3' ? ['basic', 'project', 'remit', 'operating', 'subsidy'] : ['basic', 'project'])];
    // Header: 科目编码 over 类/款/项, 科目名称, then the columns (T8: 本年支出 over 合计/基本/项目).
    ws.getCell(r + 2, 1).value = '科目编码';
    ws.mergeCells(r + 2, 1, r + 2, 3);
    ['类', '款', '项'].forEach((x, i) => { ws.getCell(r + 3, i + 1).value = x; });
    ws.getCell(r + 2, 4).value = '科目名称';
    ws.mergeCells(r + 2, 4, r + 3, 4);
    const labels = cols ?? ['年初结转和结余', '本年收入', '本年支出', '', '', '年末结转和结余'];
    labels.forEach((x, i) => {
      if (kind === 't8' && i >= 2 && i <= 4) {
        if (i === 2) { ws.getCell(r + 2, 5 + i).value = '本年支出'; ws.mergeCells(r + 2, 7, r + 2, 9); }
        ws.getCell(r + 3, 5 + i).value = ['合计', '基本支出', '项目支出'][i - 2];
        return;
      }
      ws.getCell(r + 2, 5 + i).value = x;
      ws.mergeCells(r + 2, 5 + i, r + 3, 5 + i);
    });
    ws.getCell(r + 4, 1).value = '栏次';
    keys.forEach((_, i) => { ws.getCell(r + 4, 5 + i).value = i + 1; });
    let b = r + 5;
    if (t.empty) {
      ws.getCell(b, 1).value = t.note ?? '本表为空表';
      b++;
    }
    for (const row of t.rows) {
      if (row.code) {
        ws.getCell(b, 1).value = row.code.slice(0, 3);
        if (row.code.length >= 5) ws.getCell(b, 2).value = row.code.slice(3, 5);
        if (row.code.length === 7) ws.getCell(b, 3).value = row.code.slice(5, 7);
        ws.getCell(b, 4).value = row.name;
      } else {
        ws.getCell(b, 1).value = '合计';
        ws.mergeCells(b, 1, b, 4);
      }
      keys.forEach((k, i) => {
        const v = row.values[k];
        if (v !== undefined && v !== null) ws.getCell(b, 5 + i).value = Number(v) * 10000;
      });
      b++;
    }
    r = b + 2;
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('department workbooks', () => {
  it('should read several tables a sheet, 元, codes in three columns, 栏次 and the body name in the title', async () => {
    const m = valid(leavesModel());
    const back = readXlsx(await departmentWorkbook(m), 'dept.xlsx');
    const t5 = back.tables.find((t) => t.kind === 't5')!;
    expect(t5.unit).toBe('元');
    expect(cellValue(back, 't5', '2010302', 'project')?.toFixed(2)).toBe('2000000.00');
    expect(cellValue(back, 't3', 'total', 'total')?.toFixed(2)).toBe('18845800.00');
    expect(back.tables.find((t) => t.kind === 't9')!.empty).toBe(true);
    // The derived figures agree across units: T4 (万元) from T5 (元).
    expect(cellValue(back, 't4', '201', 'general')?.toFixed(2)).toBe('1450.00');
  });
});

describe('bad workbooks', () => {
  it('should name the cell holding text where a number belongs', async () => {
    const bytes = await edit(await writeXlsx(example), (wb) => { wb.getWorksheet(sheetName('t5'))!.getCell('C5').value = '一千四百'; });
    expect(problemsOf(() => readXlsx(bytes, 'x.xlsx'))).toContain(`${sheetName('t5')}!C5：“一千四百”不是金额`);
  });

  it('should refuse a merge across figure cells, with its range', async () => {
    const bytes = await edit(await writeXlsx(example), (wb) => { wb.getWorksheet(sheetName('t3'))!.mergeCells('D4:E4'); });
    expect(problemsOf(() => readXlsx(bytes, 'x.xlsx')).join('\n')).toContain(`${sheetName('t3')}!D4:E4：表体中的合并单元格`);
  });

  it('should name a missing table', async () => {
    const bytes = await edit(await writeXlsx(example), (wb) => { wb.removeWorksheet(wb.getWorksheet(sheetName('t6'))!.id); });
    expect(problemsOf(() => readXlsx(bytes, 'x.xlsx'))).toEqual(['：缺少表6“一般公共预算财政拨款基本支出决算表”（没有哪张工作表有这个标题）']);
  });

  it('should ask for --base when the workbook has no 模型数据 sheet', async () => {
    const bytes = await edit(await writeXlsx(example), (wb) => { wb.removeWorksheet(wb.getWorksheet('模型数据')!.id); });
    expect(problemsOf(() => readXlsx(bytes, 'x.xlsx')).join('\n')).toContain('--base');
    const back = readXlsx(bytes, 'x.xlsx', { base: example });
    expect(cellValue(back, 't5', 'total', 'total')?.toFixed(2)).toBe('1833.68');
    // The same through a pool whose worker cannot start: the job queued before that is read in this thread,
    // with its --base model (it once lost it there and failed asking for --base).
    const { CheckPool } = await import('../src/cli/pool.js');
    const pool = new CheckPool(1, { boot: 'throw new Error("no loader here")' });
    try {
      const viaPool = (await pool.importWorkbook(bytes, 'x.xlsx', example)) as Disclosure;
      expect(cellValue(viaPool, 't5', 'total', 'total')?.toFixed(2)).toBe('1833.68');
    } finally {
      await pool.close();
    }
  });

  it('should exit 2 and write nothing for text in a number cell, a merge over figures, a missing sheet, a 20 MB file and a non-workbook', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-xlsx-'));
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(bad, await edit(await writeXlsx(example), (wb) => { wb.getWorksheet(sheetName('t5'))!.getCell('C5').value = 'abc'; }));
    const big = path.join(dir, 'big.xlsx');
    writeFileSync(big, new Uint8Array(20 * 1024 * 1024 + 1));
    const junk = path.join(dir, 'junk.xls');
    writeFileSync(junk, 'not a workbook');
    const merged = path.join(dir, 'merged.xlsx');
    writeFileSync(merged, await edit(await writeXlsx(example), (wb) => { wb.getWorksheet(sheetName('t1'))!.mergeCells('A6:B7'); }));
    const noSheet = path.join(dir, 'nosheet.xlsx');
    writeFileSync(noSheet, await edit(await writeXlsx(example), (wb) => { wb.removeWorksheet(wb.getWorksheet(sheetName('t6'))!.id); }));
    const cases = [
      [bad, /C5：“abc”不是金额/],
      [merged, new RegExp(`${sheetName('t1')}!A6:B7：表体中的合并单元格`)],
      [noSheet, /缺少表6“一般公共预算财政拨款基本支出决算表”/],
      [big, /超过了 20 MB/],
      [junk, /无法导入|不是可读取/],
    ] as const;
    for (const [file, msg] of cases) {
      const err = await runImport(file, { output: path.join(dir, 'out.json') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).exitCode).toBe(2);
      expect((err as UserError).message).toMatch(msg);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toEqual([]);
  });

  it('should never overwrite: a second import goes to name.v2.json', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-xlsx-'));
    const wbFile = path.join(dir, 'ok.xlsx');
    writeFileSync(wbFile, await writeXlsx(example));
    const a = await runImport(wbFile, { output: path.join(dir, 'm.json') });
    const b = await runImport(wbFile, { output: path.join(dir, 'm.json') });
    expect(path.basename(a)).toBe('m.json');
    expect(path.basename(b)).toBe('m.v2.json');
  });
});

describe('template', () => {
  it('should write a workbook with the nine tables that reads back (blank figures)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-tpl-'));
    const file = await runTemplate({ output: path.join(dir, 't.xlsx'), year: '2021' });
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9'] as const).map(sheetName), '模型数据']);
    expect(wb.getWorksheet(sheetName('t1'))!.getCell('A1').value).toBe('2021年度收入支出决算总表');
  });
});

describe('.xls (BIFF8, the legacy Excel format)', () => {
  it('should read an exported workbook saved as .xls to the same model', async () => {
    // SheetJS writes the BIFF8 file (merges and Chinese text kept), so the test needs no office suite.
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(await writeXlsx(example), { type: 'array' });
    const xls = new Uint8Array(XLSX.write(wb, { bookType: 'biff8', type: 'array' }) as ArrayBuffer);
    expect([...xls.slice(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const back = readXlsx(xls, 'ex.xls');
    expect(canonicalJson(back)).toBe(canonicalJson(example));
  });
});
