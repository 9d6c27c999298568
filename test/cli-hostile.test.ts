/**
 * Issue 8 through the built CLI: every command that reads an untrusted file does it on a worker with the per-file
 * limits, and fails by name with exit 2 (extract, import); and the "done when" run — one `juesuan check --format
 * json` over the seed plus a hostile file of each family (bench/hostile.ts makes them) — has the shape the issue
 * asks for. Shapes, not times: bench/hostile.ts measures the times and memory (`npm run bench:hostile`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as H from './hostile-fixtures.js';
import { results, writeHostileSet, type JsonResult } from '../bench/hostile.js';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'bin/juesuan.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'juesuan-hostile-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[], cwd = tmp) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: '1' } });

describe('extract and import run their file on a worker with the limits', () => {
  it('extract: a flood of ten million text operators is stopped at --timeout, named, exit 2, nothing written', () => {
    writeFileSync(path.join(tmp, 'flood.pdf'), H.pdfTextFloodDeflated(10_000_000));
    const r = cli(['extract', 'flood.pdf', '--timeout', '2', '-o', 'flood.json']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('flood.pdf：提取超过了 2 秒的时限，已停止');
    expect(existsSync(path.join(tmp, 'flood.json'))).toBe(false);
  }, 60000);

  it('extract: a bad --timeout is refused (exit 2)', () => {
    const r = cli(['extract', 'flood.pdf', '--timeout', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--timeout 应为正数');
  });

  it.each([
    ['a sheet claiming the whole grid', 'dim.xlsx', () => H.xlsxHugeDimension(), [], '表1!A1:XFD1048576：工作表的单元格跨 1048576 行、16384 列，超过了'],
    ['a zip bomb declaring its size', 'bomb.xlsx', () => H.xlsxZipBomb(1024), [], '解压后1024 MB，超过了 200 MB 的上限（疑似压缩炸弹）'],
    // (SheetJS may stop at the declared size and list the workbook's problems, or run into the time limit)
    ['a zip bomb lying about its size', 'lie.xlsx', () => H.xlsxZipBomb(2048, true), ['--timeout', '3'], /读取超过了 3 秒的时限，已停止|lie\.xlsx：无法导入/],
    ['20 MB of bytes that are no workbook', 'junk.xlsx', () => H.junkBytes(20), [], 'junk.xlsx：无法导入'],
  ] as const)('import: %s is refused by name, exit 2, nothing written', (_, name, make, extra, says) => {
    writeFileSync(path.join(tmp, name), make());
    const out = name.replace('.xlsx', '.json');
    const r = cli(['import', name, '-o', out, ...extra]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(name);
    if (typeof says === 'string') expect(r.stderr).toContain(says);
    else expect(r.stderr).toMatch(says);
    expect(existsSync(path.join(tmp, out))).toBe(false);
  }, 60000);
});

describe('done when: one check over the seed and a hostile file of each family', () => {
  it('exits 2, names every hostile file with a failure or a finding, and the seed reads as it does alone', () => {
    const dir = mkdtempSync(path.join(tmp, 'set-'));
    const files = writeHostileSet(dir);
    // --timeout 10 (not the default 20): the flood exceeds either; this keeps the test shorter.
    const all = cli(['check', '--format', 'json', '--timeout', '10', ...files], dir);
    expect(all.status, all.stderr).toBe(2);
    const got = results(all.stdout);
    expect(got.map((r) => r.file)).toEqual(files);
    const byName = (f: string) => got.find((r) => r.file === f) as JsonResult;
    for (const f of files.slice(1)) {
      const r = byName(f);
      expect(Boolean(r.error) || r.findings.length > 0, `${f}: neither a failure nor a finding`).toBe(true);
      if (r.error) expect(all.stderr, `${f}'s failure is named on stderr`).toContain(f);
    }
    expect(byName('flood.pdf').error?.code).toBe('timeout');
    expect(byName('damaged.pdf').findings.some((x) => x.ruleId === 'doc/damaged')).toBe(true);
    const alone = results(cli(['check', '--format', 'json', 'seed.txt'], dir).stdout)[0];
    expect(alone.findings.length).toBeGreaterThan(0);
    expect(byName('seed.txt').findings).toEqual(alone.findings);
  }, 180000);
});
