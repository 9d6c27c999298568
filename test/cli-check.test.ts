/**
 * `juesuan check`: the batch runner against a fake engine (exit codes, streaming, directories, bad paths),
 * then end to end through `node bin/juesuan.cjs check` on bad inputs made in a temp dir — binary junk, a
 * truncated DOCX, DOCX zip bombs, a 50 MB text, an empty file — which must all end with exit 2 and a
 * message naming the file, in bounded memory (the child runs with a 400 MB heap cap).
 */
import { zip } from './zip-fixtures.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckEngine, type CheckIO, type CheckOptions } from '../src/cli/commands/check.js';
import { lineColumn, lineStarts } from '../src/core/span.js';
import type { CheckResult } from '../src/engine/types.js';
import { ReadError, type SourceDoc } from '../src/readers/types.js';
import type { Finding } from '../src/rules/types.js';

const ROOT = process.cwd();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'juesuan-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------
// runCheck with a fake engine

/** A fake engine: "ERR"/"WARN" in the text become findings, "CRASH" a rule crash, "BOOM" a thrown bug. */
function fakeEngine(log: string[]): CheckEngine {
  const result = (bytes: Uint8Array, file: string, asModel: boolean): CheckResult => {
    const text = new TextDecoder().decode(bytes);
    if (text.length === 0) throw new ReadError('empty', `文件“${file}”是空的，没有可读的文字。`);
    if (text.includes('BOOM')) throw new Error('boom');
    const doc: SourceDoc | null = asModel
      ? null
      : { file, format: 'text', text, norm: text, lineStarts: lineStarts(text), tables: [], notes: [] };
    const findings: Finding[] = [];
    for (const [word, severity] of [['ERR', 'error'], ['WARN', 'warning']] as const) {
      const offset = text.indexOf(word);
      if (offset < 0) continue;
      const lc = doc ? lineColumn(doc.lineStarts, offset) : { line: 1, column: 1 };
      findings.push({ ruleId: 'test/word', severity, message: `出现 ${word}`, messageId: 'm', location: { file, ...lc, offset, length: word.length } });
    }
    const internalErrors = text.includes('CRASH') ? [{ ruleId: 'test/crash', message: 'kaputt' }] : [];
    return { file, findings, doc, internalErrors };
  };
  return {
    checkBytes: async (bytes, file) => {
      log.push(`doc ${file}`);
      return result(bytes, file, false);
    },
    checkModelFile: async (bytes, file) => {
      log.push(`model ${file}`);
      return result(bytes, file, true);
    },
  };
}

function captureIO(log: string[]): CheckIO & { out: string[]; err: string[]; files: Map<string, string> } {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  return {
    out,
    err,
    files,
    stdout: async (s) => {
      out.push(s);
      log.push('stdout');
    },
    stderr: (s) => void err.push(s),
    writeFile: async (target, data) => {
      files.set(target, data);
      return target;
    },
  };
}

async function run(paths: string[], format = 'json', extra: Partial<CheckOptions> = {}) {
  const log: string[] = [];
  const io = captureIO(log);
  let loaded = false;
  const code = await runCheck(paths, { format, cwd: ROOT, rulesMeta: {}, ...extra }, async () => ((loaded = true), fakeEngine(log)), io);
  return { code, io, log, loaded, stdout: io.out.join(''), stderr: io.err.join('') };
}

function put(rel: string, content: string | Uint8Array): string {
  const p = path.join(tmp, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

describe('runCheck (fake engine)', () => {
  const clean = put('unit/clean.txt', '一切正常\n');
  const warn = put('unit/warn.txt', '有 WARN\n');
  const bad = put('unit/bad.txt', '第一行\n这里 ERR 了\n');
  const crash = put('unit/crash.txt', 'CRASH\n');
  const bug = put('unit/bug.txt', 'BOOM\n');
  const empty = put('unit/empty.txt', '');

  it('should exit 0 without error-level findings and 1 with them', async () => {
    expect((await run([clean])).code).toBe(0);
    expect((await run([clean, warn])).code).toBe(0);
    const r = await run([clean, bad]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { file: string }) => x.file)).toEqual([clean, bad]);
    expect(report.results[1].findings[0]).toMatchObject({ ruleId: 'test/word', severity: 'error', location: { line: 2, column: 4 } });
  });

  it('should keep going past a bad path, report it by name and exit 2', async () => {
    const missing = path.join(tmp, 'unit/没有这个文件.txt');
    const r = await run([missing, bad, empty, clean]);
    expect(r.code).toBe(2);
    expect(r.log.filter((l) => l.startsWith('doc'))).toEqual([`doc ${bad}`, `doc ${empty}`, `doc ${clean}`]);
    expect(r.stderr).toContain(`${missing}：找不到这个文件或目录`);
    expect(r.stderr).toContain(`文件“${empty}”是空的`);
    expect(r.stderr).toContain('2 个文件或目录无法审核');
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { file: string }) => x.file)).toEqual([missing, bad, empty, clean]);
    expect(report.results[0].error.code).toBe('not-found');
    expect(report.results[2].error.code).toBe('empty');
  });

  it('should exit 2 for a rule crash or an engine bug, naming the file, without a stack trace', async () => {
    const c = await run([crash]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain(`${crash}：规则 test/crash 运行失败`);
    const b = await run([bug, clean]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`${bug}：审核时发生内部错误：boom`);
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });

  it('should write each file to the report before checking the next one', async () => {
    const r = await run([bad, clean]);
    expect(r.log).toEqual(['stdout', `doc ${bad}`, 'stdout', `doc ${clean}`, 'stdout', 'stdout']);
  });

  it('should expand directories to supported files, sorted, skipping hidden ones and JSON that is not a model, and check a model .json', async () => {
    put('tree/b.md', '正常\n');
    put('tree/a.txt', '正常\n');
    put('tree/picture.png', 'x');
    put('tree/.hidden.txt', 'ERR');
    put('tree/sub/model.json', '{"schemaVersion": 1}');
    put('tree/sub/report.json', '{"version": 1, "results": []}');
    put('tree/node_modules/x.txt', 'ERR');
    const dir = path.join(tmp, 'tree');
    const r = await run([dir, path.join(dir, 'a.txt')]);
    expect(r.code).toBe(0);
    expect(r.log.filter((l) => l !== 'stdout')).toEqual([
      `doc ${path.join(dir, 'a.txt')}`,
      `doc ${path.join(dir, 'b.md')}`,
      `model ${path.join(dir, 'sub', 'model.json')}`,
    ]);
    mkdirSync(path.join(tmp, 'nothing-here'), { recursive: true });
    const none = await run([path.join(tmp, 'nothing-here')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('目录中没有可审核的文件');
  });

  it('should refuse an unknown format with exit 2 before loading the engine', async () => {
    const r = await run([clean], 'xml');
    expect(r.code).toBe(2);
    expect(r.loaded).toBe(false);
    expect(r.stderr).toContain('未知的报告格式“xml”');
    expect((await run([], 'json')).code).toBe(2);
  });

  it('should write the whole report to -o and nothing to stdout', async () => {
    const r = await run([bad], 'sarif', { output: 'report.sarif' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(r.io.files.get('report.sarif')!);
    expect(log.runs[0].results).toHaveLength(1);
    expect(r.stderr).toContain('报告已写入 report.sarif');
  });

  it('should stop checking once standard output has gone away', async () => {
    const log: string[] = [];
    const io = captureIO(log);
    io.stdoutClosed = () => log.includes(`doc ${bad}`);
    const code = await runCheck([bad, clean, warn], { format: 'json', cwd: ROOT, rulesMeta: {} }, async () => fakeEngine(log), io);
    expect(code).toBe(1);
    expect(log.filter((l) => l.startsWith('doc'))).toEqual([`doc ${bad}`]);
  });

  it('should print a stylish report with the summary line', async () => {
    const r = await run([bad, warn], 'stylish');
    expect(r.stdout).toContain('这里 ERR 了');
    expect(r.stdout).toContain('1 个错误，1 个警告，0 条提示');
  });
});

// ---------------------------------------------------------------------------------------------------------
// End to end through the real engine


function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/juesuan.cjs'), 'check', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // A bound, not an assertion: a hang shows up as a failed test instead of a stuck run.
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function stored(name: string, text: string) {
  const data = Buffer.from(text, 'utf8');
  return { name, data, method: 0 as const, crc: zlib.crc32(data), size: data.length };
}

/** word/document.xml that inflates to `mb` MB of spaces inside a valid body (deflated in 1 MB chunks). */
async function bombEntry(mb: number, lieAboutSize: boolean) {
  const headXml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>', 'utf8');
  const tailXml = Buffer.from('</w:t></w:r></w:p></w:body></w:document>', 'utf8');
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = zlib.crc32(headXml);
  deflate.write(headXml);
  for (let i = 0; i < mb; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  crc = zlib.crc32(tailXml, crc);
  deflate.end(tailXml);
  await done;
  const size = headXml.length + mb * chunk.length + tailXml.length;
  return { name: 'word/document.xml', data: Buffer.concat(parts), method: 8 as const, crc, size, declaredSize: lieAboutSize ? 4096 : size };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

describe('juesuan check end to end on bad input', () => {
  const bad: Record<string, string> = {};

  beforeAll(async () => {
    // Deterministic junk with NULs and high bytes.
    const junk = Buffer.alloc(64 * 1024);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    bad['binary junk as .txt'] = put('e2e/junk.txt', junk);
    bad['binary junk as .pdf'] = put('e2e/junk.pdf', junk);
    bad['binary junk as .docx'] = put('e2e/junk.docx', junk);

    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('2020年度部门决算')] }] }));
    bad['truncated DOCX'] = put('e2e/truncated.docx', docx.subarray(0, Math.floor(docx.length / 2)));

    const parts = [stored('[Content_Types].xml', CONTENT_TYPES), stored('_rels/.rels', RELS)];
    bad['DOCX zip bomb (declared size)'] = put('e2e/bomb.docx', zip([...parts, await bombEntry(256, false)]));
    bad['DOCX zip bomb (lying size)'] = put('e2e/bomb-lying.docx', zip([...parts, await bombEntry(256, true)]));

    const line = Buffer.from('本年支出合计1,234.56万元，较上年增长12.5%。\n', 'utf8');
    bad['50 MB text'] = put('e2e/big.txt', Buffer.concat(Array(Math.ceil((50 * 1024 * 1024) / line.length)).fill(line)));
    bad['empty file'] = put('e2e/empty.txt', '');
    bad['blank text'] = put('e2e/blank.txt', '  \n\u3000\n');
  }, 120_000);

  // Each case with a word the plain-Chinese message must contain.
  const cases: [string, RegExp][] = [
    ['binary junk as .txt', /不是文本/],
    ['binary junk as .pdf', /PDF/],
    ['binary junk as .docx', /损坏|不完整/],
    ['truncated DOCX', /损坏|不完整/],
    ['DOCX zip bomb (declared size)', /过大|压缩炸弹/],
    ['DOCX zip bomb (lying size)', /过大|压缩炸弹/],
    ['50 MB text', /上限/],
    ['empty file', /空/],
    ['blank text', /空/],
  ];

  it.each(cases)('should exit 2 with a plain message naming the file: %s', (name, why) => {
    const file = path.relative(ROOT, bad[name]);
    const r = cli([file], { NODE_OPTIONS: '--max-old-space-size=400' });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).not.toMatch(/\n\s+at |内部错误/);
  }, 150_000);

  it('should check the good files of a batch, name the bad ones and still print valid JSON', () => {
    const seed = path.relative(ROOT, path.resolve(ROOT, '../shared/corpus/seed/cq-beibei-zfb-2020.txt'));
    const empty = path.relative(ROOT, bad['empty file']);
    const r = cli(['--format', 'json', seed, empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(empty);
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { file: string }) => x.file)).toEqual([seed, empty]);
    expect(report.results[1].error.code).toBe('empty');
  }, 150_000);
});

describe('juesuan check end to end on a real disclosure', () => {
  const seed = path.relative(ROOT, path.resolve(ROOT, '../shared/corpus/seed/cq-beibei-zfb-2020.txt'));

  it('should exit 0 or 1 and print the documented JSON for the seed disclosure', () => {
    const r = cli(['--format', 'json', seed]);
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['version', 'results', 'summary']);
    expect(report.summary).toMatchObject({ files: 1, skipped: 0, accepted: 0 });
    expect(report.results[0].counts).toEqual(report.summary.error === undefined ? undefined : { error: report.summary.error, warning: report.summary.warning, info: report.summary.info });
    expect(report.results).toHaveLength(1);
    expect(report.results[0].file).toBe(seed);
    const hasError = report.results[0].findings.some((f: { severity: string }) => f.severity === 'error');
    expect(r.status).toBe(hasError ? 1 : 0);
    for (const f of report.results[0].findings) {
      expect(typeof f.ruleId).toBe('string');
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.location.line).toBeGreaterThanOrEqual(1);
      expect(f.location.column).toBeGreaterThanOrEqual(1);
      expect(f.location).not.toHaveProperty('page');
    }
  }, 150_000);

  it('should print the stylish summary for the seed disclosure', () => {
    const r = cli([seed]);
    expect([0, 1]).toContain(r.status);
    expect(r.stdout).toMatch(/\d+ 个错误，\d+ 个警告，\d+ 条提示/);
  }, 150_000);
});

describe('juesuan check usage errors end to end', () => {
  it('should exit 2, not 1, for an unknown option or format', () => {
    const a = cli(['--bogus', 'x.txt']);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('未知的选项：--bogus');
    const b = cli(['--format', 'xml', 'x.txt']);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('未知的报告格式“xml”');
  }, 150_000);
});


describe('juesuan extract end to end', () => {
  const seed = path.relative(ROOT, path.resolve(ROOT, '../shared/corpus/seed/cq-beibei-zfb-2020.txt'));
  const extract = (args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/juesuan.cjs'), 'extract', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });

  it('should write the extracted model as JSON, never overwriting an earlier one', () => {
    const out = path.join(tmp, 'extract', 'model.json');
    const a = extract([seed, '-o', out]);
    expect(a.stderr).not.toContain('内部错误');
    expect(a.status).toBe(0);
    const b = extract([seed, '-o', out]);
    expect(b.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(path.join(tmp, 'extract', 'model.v2.json'))).toBe(true);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(typeof model).toBe('object');
    expect(model).not.toBeNull();
  }, 150_000);

  it('should exit 2 naming the file for an empty document', () => {
    const empty = put('extract/empty.txt', '');
    const r = extract([empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(empty);
    expect(r.stderr).not.toMatch(/\n\s+at |内部错误/);
  }, 150_000);
});
