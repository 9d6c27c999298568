/**
 * The nine tables rebuilt from the two real Shanghai Putuo PDFs: every table found, every table's own
 * identities listed here (independently of src/extract/tables/identities.ts) and checked with checkSum,
 * values compared with poppler's pdftotext as an oracle, body names and empty-table notes recorded.
 * Needs ../shared/corpus (the tests say so when it is missing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSum, type Printed } from '../src/calc/compare.js';
import { parseAmount, printedPlaces } from '../src/calc/money.js';
import type { Row, Table } from '../src/model/schema.js';
import { TABLE_KINDS, TABLE_SPECS, type TableKind } from '../src/model/tables.js';
import { readPdfWithTables, type PdfReadWithTables } from '../src/readers/pdf.js';
import { TABLE_CONFIDENCE_THRESHOLD } from '../src/extract/table-types.js';

const dir = path.resolve(process.cwd(), '../shared/corpus/pdf');
const hasCorpus = fs.existsSync(dir);
let hasPdftotext = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  hasPdftotext = false;
}

const P = (v: Row['values'][string] | undefined): Printed => {
  const s = v === null || v === undefined ? '0.00' : String(v);
  return { value: parseAmount(s)!, dp: printedPlaces(s) };
};

/** Every identity of a table, as [label, total, parts]. */
function identities(t: Table): [string, Printed, Printed[]][] {
  const out: [string, Printed, Printed[]][] = [];
  const cols = TABLE_SPECS[t.kind].columns.map((c) => c.key);
  const key = (k: string) => t.rows.find((r) => r.key === k);
  const val = (k: string, c: string) => P(key(k)?.values[c]);
  const coded = t.rows.filter((r) => r.code);
  const rowSumRows = t.kind === 't4' ? t.rows.filter((r) => r.side === 'expense') : t.rows;
  for (const rs of TABLE_SPECS[t.kind].rowSum ?? [])
    for (const r of rowSumRows) out.push([`${r.code ?? r.key} ${rs.total}=Σ`, P(r.values[rs.total]), rs.parts.map((p) => P(r.values[p]))]);
  const hierCols = t.kind === 't6' ? ['amount'] : ['t2', 't3', 't5', 't8', 't9'].includes(t.kind) ? cols : [];
  for (const p of coded)
    for (const c of hierCols) {
      const kids = coded.filter((k) => k.code!.length === p.code!.length + 2 && k.code!.startsWith(p.code!));
      if (kids.length) out.push([`${p.code}.${c}=Σ下级`, P(p.values[c]), kids.map((k) => P(k.values[c]))]);
    }
  if (hierCols.length && key('total') && t.kind !== 't6')
    for (const c of cols) out.push([`合计.${c}=Σ类`, val('total', c), coded.filter((r) => r.code!.length === 3).map((r) => P(r.values[c]))]);
  const expense = coded.filter((r) => r.side === 'expense');
  if (t.kind === 't1') {
    const inc = ['in.general', 'in.fund', 'in.capital', 'in.superior', 'in.business', 'in.operating', 'in.subordinate', 'in.other'];
    out.push(['本年收入合计', val('in.total', 'amount'), inc.map((k) => val(k, 'amount'))]);
    out.push(['收入总计', val('in.grand', 'amount'), ['in.total', 'in.nonfiscal', 'in.opening'].map((k) => val(k, 'amount'))]);
    out.push(['本年支出合计', val('out.total', 'amount'), expense.map((r) => P(r.values.amount))]);
    out.push(['支出总计', val('out.grand', 'amount'), ['out.total', 'out.distribution', 'out.closing'].map((k) => val(k, 'amount'))]);
    out.push(['收入总计=支出总计', val('in.grand', 'amount'), [val('out.grand', 'amount')]]);
  }
  if (t.kind === 't4') {
    out.push(['本年收入合计', val('in.total', 'total'), ['in.general', 'in.fund', 'in.capital'].map((k) => val(k, 'total'))]);
    out.push(['收入总计', val('in.grand', 'total'), [val('in.total', 'total'), val('in.opening', 'total')]]);
    for (const c of cols) {
      out.push([`本年支出合计.${c}`, val('out.total', c), expense.map((r) => P(r.values[c]))]);
      out.push([`支出总计.${c}`, val('out.grand', c), [val('out.total', c), val('out.closing', c)]]);
    }
    out.push(['收入总计=支出总计', val('in.grand', 'total'), [val('out.grand', 'total')]]);
  }
  if (t.kind === 't6') {
    const top = (c: string) => P(coded.find((r) => r.code === c)?.values.amount);
    out.push(['人员经费=301+303', val('personnel', 'amount'), [top('301'), top('303')]]);
    out.push(['公用经费=302+310', val('public', 'amount'), [top('302'), top('310')]]);
  }
  return out;
}

const read: Partial<Record<string, PdfReadWithTables>> = {};
const FILES = ['sh-putuo-shehuigongzuobu-2024.pdf', 'sh-putuo-guihuaziyuan-2024.pdf'];

it('needs the corpus PDFs in ../shared/corpus/pdf', () => {
  expect(hasCorpus, `${dir} is missing`).toBe(true);
});

beforeAll(async () => {
  for (const f of FILES) read[f] = await readPdfWithTables(new Uint8Array(fs.readFileSync(path.join(dir, f))), f);
}, 60000);

const table = (f: string, k: TableKind) => read[f]!.tables.find((t) => t.table.kind === k)!;
const row = (f: string, k: TableKind, id: string) => table(f, k).table.rows.find((r) => r.code === id || r.key === id)!;

describe.each(FILES)('%s', (f) => {
  it('finds all nine tables, in order, none flagged', () => {
    const got = read[f]!.tables.map((t) => t.table.kind);
    expect(got).toEqual(TABLE_KINDS);
    for (const t of read[f]!.tables) {
      expect(t.flagged, `${t.title}: ${t.confidenceNotes.join('; ')}`).toBe(false);
      expect(t.confidence).toBeGreaterThanOrEqual(TABLE_CONFIDENCE_THRESHOLD);
      expect(t.table.unit).toBe('万元');
    }
  });

  it('every identity of every table holds within rounding (checkSum)', () => {
    let n = 0;
    for (const t of read[f]!.tables) {
      for (const [label, total, parts] of identities(t.table)) {
        const r = checkSum(total, parts);
        expect(r.verdict, `${t.table.kind} ${label}: ${r.stated} vs ${r.expected}`).not.toBe('wrong');
        n++;
      }
    }
    expect(n).toBeGreaterThan(150);
  });

  it('every amount pdftotext prints on the table pages is in a rebuilt cell (and no more)', () => {
    expect(hasPdftotext, 'pdftotext (Debian poppler-utils) is needed as the oracle; .ci/run installs it').toBe(true);
    for (const t of read[f]!.tables) {
      const pages = t.pages!;
      const text = execFileSync('pdftotext', ['-layout', '-f', String(Math.min(...pages)), '-l', String(Math.max(...pages)), path.join(dir, f), '-']).toString();
      const oracle = (text.match(/\d+\.\d{2}\b/g) ?? []).sort();
      // One printed number per source position (T4's income 决算数 also fills its own column).
      const byStart = new Map<number, string>();
      t.table.rows.forEach((r, i) => {
        for (const [c, v] of Object.entries(r.values)) {
          const s = t.cellSources[i][c]?.start;
          if (s !== undefined) byStart.set(s, String(v));
        }
      });
      const ours = [...byStart.values()].sort();
      expect(ours, t.title).toEqual(oracle);
    }
  });

  it('records the body name printed in the table header', () => {
    const want = f.includes('guihua') ? '上海市规划和自然资源局' : '中共上海市普陀区委社会工作部';
    for (const t of read[f]!.tables) expect(t.bodyName).toBe(want);
    const at = table(f, 't1').bodyNameAt!;
    expect(read[f]!.doc.text.slice(at.start, at.end).replace(/\s/g, '')).toContain(want);
  });

  it('empty tables carry their note', () => {
    const empties = f.includes('guihua') ? ['t8', 't9'] : ['t7', 't8', 't9'];
    for (const k of TABLE_KINDS) {
      const t = table(f, k).table;
      expect(!!t.empty, k).toBe(empties.includes(k));
      if (t.empty) expect(t.note).toMatch(/故本表无数据/);
    }
  });

  it('cell sources point at the printed text', () => {
    const t = table(f, 't5');
    const doc = read[f]!.doc;
    t.table.rows.forEach((r, i) => {
      for (const [c, s] of Object.entries(t.cellSources[i])) {
        if (s.start === undefined) continue;
        expect(doc.text.slice(s.start, s.end)).toBe(r.values[c]);
        expect(s.box!.page).toBeGreaterThanOrEqual(1);
      }
    });
    expect(doc.norm.length).toBe(doc.text.length);
    expect(doc.lineBoxes!.length).toBe(doc.lineStarts.length);
    expect(doc.norm).not.toMatch(/[\u2e80-\u2fdf]/); // no radical / Kangxi code points left
  });
});

describe('values checked by eye against pdftotext -layout', () => {
  const S = FILES[0];
  const G = FILES[1];
  it('社会工作部', () => {
    expect(row(S, 't1', 'in.total').values.amount).toBe('307.82');
    expect(row(S, 't3', 'total').values).toMatchObject({ total: '307.82', basic: '105.58', project: '202.24' });
    expect(row(S, 't5', '2080505').name).toBe('机关事业单位基本养老保险缴费支出');
    expect(row(S, 't5', '201').name).toBe('一般公共服务支出');
    expect(row(S, 't6', '30113').values.amount).toBe('17.70');
    expect(row(S, 't6', '30299').values.amount).toBe('0.20');
    expect(table(S, 't6').table.rows.filter((r) => r.code).length).toBe(4 + 13 + 12 + 27 + 9);
    expect(table(S, 't2').table.rows.filter((r) => r.code).length).toBe(17);
  });
  it('规划和自然资源局', () => {
    expect(row(G, 't1', 'in.opening').values.amount).toBe('112.88');
    expect(row(G, 't1', 'out.closing').values.amount).toBe('100.00');
    expect(row(G, 't1', '212').values.amount).toBe('3845.25');
    expect(row(G, 't3', '2120101').values).toMatchObject({ total: '1105.68', basic: '1096.91', project: '8.77' });
    expect(row(G, 't4', '220').values).toMatchObject({ total: '4461.67', general: '4461.67' });
    expect(row(G, 't6', '30207').values.amount).toBe('8.05');
    expect(row(G, 't6', '30108').name).toBe('机关事业单位基本养老保险缴费');
    expect(row(G, 't7', 'total').values).toMatchObject({ 'budget.total': '2.85', 'actual.total': '0.39', 'budget.reception': '2.85', 'actual.reception': '0.39', 'actual.vehicle': '0.00' });
  });
  it('人员 95.36 + 公用 10.23 = 105.59 against 基本支出 105.58 is rounding', () => {
    const r = checkSum(P(row(S, 't5', 'total').values.basic), [P(row(S, 't6', 'personnel').values.amount), P(row(S, 't6', 'public').values.amount)]);
    expect(r.verdict).toBe('rounding');
    expect(r.difference.toFixed(2)).toBe('-0.01');
  });
});

describe('template', () => {
  it('is read without crashing; tables it cannot read with confidence are flagged', async () => {
    const f = 'sh-template-2024-final.pdf';
    const r = await readPdfWithTables(new Uint8Array(fs.readFileSync(path.join(dir, f))), f);
    expect(r.tables.map((t) => t.table.kind)).toEqual(TABLE_KINDS);
    for (const t of r.tables) expect(t.flagged).toBe(t.confidence < TABLE_CONFIDENCE_THRESHOLD);
    expect(r.tables.every((t) => t.bodyName === '上海市XX局')).toBe(true);
  }, 30000);
});
