/**
 * `juesuan check` in a reviewer's pipeline, end to end through the built CLI (bin/juesuan.cjs → dist/):
 * a CI-style run twice leaves one report and exits by the rule, a baseline accepts exactly the finding it
 * names, -o refuses a format its extension contradicts, stdin, quoted globs, the ignore file, the config
 * file, unsupported files, usage errors (exit 2) and Chinese help. Then the worker pool's isolation: a file
 * that never finishes or eats memory fails alone, by name, and the next file is checked.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckPool } from '../src/cli/pool.js';
import { ReadError } from '../src/readers/types.js';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'bin/juesuan.cjs');
const SEED = path.resolve(ROOT, '../shared/corpus/seed/cq-beibei-zfb-2020.txt');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'juesuan-pipe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], opts: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? tmp,
    input: opts.input,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SarifResult {
  ruleId: string;
  level: string;
  partialFingerprints: Record<string, string>;
  message: { text: string };
}

const sarifResults = (file: string): SarifResult[] => JSON.parse(readFileSync(file, 'utf8')).runs[0].results;

describe('juesuan check in a CI pipeline', () => {
  const ws = path.join(tmp, 'ws');
  mkdirSync(path.join(ws, 'docs'), { recursive: true });
  copyFileSync(SEED, path.join(ws, 'docs', 'seed.txt'));
  writeFileSync(path.join(ws, 'docs', 'notes.csv'), 'a,b\n');

  it('should leave one report after two runs, exit by --max-warnings, and let a baseline turn off exactly one finding', () => {
    const args = ['check', 'docs/', '--format', 'sarif', '-o', 'report.sarif', '--max-warnings', '0'];
    const first = cli(args, { cwd: ws });
    const results = sarifResults(path.join(ws, 'report.sarif'));
    const warnings = results.filter((r) => r.level === 'warning');
    expect(warnings.length, first.stderr).toBeGreaterThan(0);
    expect(results.some((r) => r.level === 'error')).toBe(false);
    expect(first.status).toBe(1); // warnings over --max-warnings 0
    expect(first.stderr).toContain('超过了 --max-warnings 0');
    const second = cli(args, { cwd: ws });
    expect(second.status).toBe(1);
    expect(readdirSync(ws).filter((f) => f.includes('report')).sort()).toEqual(['report.sarif']);
    // The skipped .csv is counted, not an error.
    expect(JSON.parse(readFileSync(path.join(ws, 'report.sarif'), 'utf8')).runs[0].properties.skippedFiles).toBe(1);

    // A baseline accepting every warning (one entry each), with written reasons.
    const draft = cli(['check', 'docs/', '--write-baseline', 'baseline.json', '--format', 'json', '-o', 'r.json'], { cwd: ws });
    expect(draft.status).toBe(0);
    const baseline = JSON.parse(readFileSync(path.join(ws, 'baseline.json'), 'utf8'));
    const all = baseline.accepted.length;
    expect(all).toBe(results.length);
    // Without a justification the baseline is refused.
    const refused = cli([...args, '--baseline', 'baseline.json'], { cwd: ws });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('accepted[0].justification');

    const target = baseline.accepted.find((e: { fingerprint: string }) => e.fingerprint === warnings[0].partialFingerprints['juesuan/v1']);
    expect(target).toBeDefined();
    writeFileSync(path.join(ws, 'baseline.json'), JSON.stringify({ accepted: [{ ...target, justification: '该数据经财政局书面确认，原文无误。' }] }));
    const third = cli([...args, '--baseline', 'baseline.json'], { cwd: ws });
    const after = sarifResults(path.join(ws, 'report.sarif'));
    expect(after).toHaveLength(results.length - 1);
    expect(after.map((r) => r.partialFingerprints['juesuan/v1'])).not.toContain(target.fingerprint);
    expect(third.status).toBe(warnings.length > 1 ? 1 : 0);
  }, 180_000);

  it('should check a folder that also holds its last report, a baseline and a model: only the model among the JSON files is checked', () => {
    const dir = path.join(tmp, 'mixed');
    mkdirSync(dir, { recursive: true });
    copyFileSync(SEED, path.join(dir, 'seed.txt'));
    copyFileSync(path.join(ROOT, 'examples', 'cq-beibei-zfb-2020.json'), path.join(dir, 'model.json'));
    writeFileSync(path.join(dir, 'baseline.json'), JSON.stringify({ version: 1, accepted: [] }));
    const first = cli(['check', '.', '--format', 'json', '-o', 'report.json'], { cwd: dir });
    expect(first.status, first.stderr).toBe(0);
    const second = cli(['check', '.', '--format', 'json', '-o', 'report.json'], { cwd: dir });
    expect(second.status, second.stderr).toBe(0); // last run's report.json is not taken for a model
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.results.map((x: { file: string }) => x.file).sort()).toEqual(['model.json', 'seed.txt']);
    expect(report.summary.skipped).toBe(2); // baseline.json and report.json
    // Named explicitly, a JSON file that is not a model is a named failure.
    const named = cli(['check', 'baseline.json'], { cwd: dir });
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('baseline.json');
  }, 120_000);

  it('should refuse a format that does not match the -o extension, with exit 2', () => {
    const r = cli(['check', SEED, '--format', 'json', '-o', 'report.sarif']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('扩展名不符');
    expect(existsSync(path.join(tmp, 'report.sarif'))).toBe(false);
    // Without --format the extension decides.
    const html = cli(['check', SEED, '-o', 'report.html']);
    expect(readFileSync(path.join(tmp, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(path.join(tmp, 'report.html'), 'utf8')).not.toMatch(/domain\.md|rule-ideas\.md/);
    expect(html.status).toBe(0);
  }, 120_000);

  it('should check standard input under --stdin-filename', () => {
    const r = cli(['check', '-', '--stdin-filename', 'seed.txt', '--format', 'json'], { input: readFileSync(SEED) });
    const report = JSON.parse(r.stdout);
    expect(report.results[0].file).toBe('seed.txt');
    expect(report.results[0].findings.length).toBeGreaterThan(0);
    const severities = report.results[0].findings.map((f: { severity: string }) => f.severity);
    expect(severities).toEqual([...severities].sort((a: string, b: string) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
  }, 120_000);

  it('should expand a quoted glob, apply the ignore file and the config file, and report only errors with --quiet', () => {
    const dir = path.join(tmp, 'glob');
    mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(path.join(dir, 'a', 'one.txt'), '本年支出合计100万元。\n');
    writeFileSync(path.join(dir, 'a', 'b', 'two.txt'), '本年支出合计200万元。\n');
    writeFileSync(path.join(dir, 'a', 'b', 'draft.txt'), '草稿\n');
    writeFileSync(path.join(dir, '.juesuanignore'), '# drafts are not published\ndraft.txt\n');
    const r = cli(['check', 'a/**/*.txt', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report.results.map((x: { file: string }) => x.file).sort()).toEqual(['a/b/two.txt', 'a/one.txt']);
    expect(report.summary.skipped).toBe(1);

    const seedCopy = path.join(dir, 'seed.txt');
    copyFileSync(SEED, seedCopy);
    const before = JSON.parse(cli(['check', 'seed.txt', '--format', 'json'], { cwd: dir }).stdout).results[0].findings;
    const ruleOff = before[0].ruleId as string;
    writeFileSync(path.join(dir, 'juesuan.config.json'), JSON.stringify({ rules: { [ruleOff]: 'off' }, policy: { performance: 'sichuan' } }));
    const after = JSON.parse(cli(['check', 'seed.txt', '--format', 'json'], { cwd: dir }).stdout).results[0].findings;
    expect(after.some((f: { ruleId: string }) => f.ruleId === ruleOff)).toBe(false);
    expect(after.length).toBe(before.filter((f: { ruleId: string }) => f.ruleId !== ruleOff).length);
    const quiet = JSON.parse(cli(['check', 'seed.txt', '--format', 'json', '--quiet'], { cwd: dir }).stdout).results[0].findings;
    expect(quiet.every((f: { severity: string }) => f.severity === 'error')).toBe(true);

    writeFileSync(path.join(dir, 'juesuan.config.json'), JSON.stringify({ rules: { 'no/such-rule': 'off' } }));
    const bad = cli(['check', 'seed.txt'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('rules.no/such-rule');
  }, 180_000);

  it('should refuse an unsupported file named explicitly, and exit 2 for no command or an unknown one', () => {
    writeFileSync(path.join(tmp, 'table.csv'), 'a,b\n');
    const r = cli(['check', 'table.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('table.csv：不是可审核的文件类型');
    expect(cli([]).status).toBe(2);
    const unknown = cli(['chek', 'x.txt']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('没有“chek”这个命令');
  }, 60_000);

  it('should print help entirely in Chinese', () => {
    for (const args of [['--help'], ['check', '--help'], ['render', '--help'], ['extract', '--help'], ['demo', '--help']]) {
      const r = cli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/Usage|Options|Arguments|Commands|display help|default:|output the version/);
      expect(r.stdout).toContain('用法');
    }
  }, 60_000);

  it('should end quietly when its reader stops reading (juesuan --help | head -1)', async () => {
    for (const args of [['--help'], ['check', '--help'], ['check', SEED, '--format', 'json']]) {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
      // the reader is gone before the command writes a byte: every write of it fails with EPIPE
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(stderr, args.join(' ')).not.toMatch(/EPIPE|Unhandled|node:events/);
      expect(code, args.join(' ')).toBe(0);
    }
  }, 60_000);

  it('should end at once on SIGTERM, workers included', async () => {
    const child = spawn(process.execPath, [BIN, 'check', '-', '--stdin-filename', 'x.txt'], { cwd: tmp, stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    // (a launcher that did not pass the signal on, or a worker left running, would never exit: the test times out)
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
  }, 30_000);
});

// A worker that says ready and then, by file name: never finishes ("hang"), eats memory ("hog"), or answers.
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.file.includes('hang')) for (;;) {}
  if (m.file.includes('hog')) { const a = []; for (;;) a.push(new Array(1e6).fill(m.id)); }
  parentPort.postMessage({ id: m.id, ok: true, json: JSON.stringify({ file: m.file, findings: [], doc: null, internalErrors: [] }) });
});
parentPort.postMessage({ ready: true });
`;

describe('CheckPool isolation', () => {
  it('should end a file that runs past the time limit by ending its worker, and check the next file', async () => {
    const pool = new CheckPool(1, { boot: FAKE_WORKER, timeoutMs: 300 });
    try {
      const hang = pool.checkBytes(new Uint8Array(1), 'hang.txt').catch((e: unknown) => e);
      const next = pool.checkBytes(new Uint8Array(1), 'ok.txt');
      const err = await hang;
      expect(err).toBeInstanceOf(ReadError);
      expect((err as ReadError).code).toBe('timeout');
      expect((err as ReadError).message).toContain('0.3 秒');
      expect((await next).file).toBe('ok.txt');
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('should fail a file that needs more memory than the cap with a plain message, and check the next file', async () => {
    const pool = new CheckPool(1, { boot: FAKE_WORKER, memoryMb: 64, timeoutMs: 0 });
    try {
      const hog = pool.checkBytes(new Uint8Array(1), 'hog.txt').catch((e: unknown) => e);
      const next = pool.checkBytes(new Uint8Array(1), 'ok.txt');
      const err = await hog;
      expect(err).toBeInstanceOf(ReadError);
      expect((err as ReadError).message).toContain('64 MB');
      expect((await next).file).toBe('ok.txt');
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('terminal details', async () => {
  const { colorWanted, progressLine } = await import('../src/cli/tty.js');

  it('should decide colour by flag, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    expect(colorWanted(false, true, { FORCE_COLOR: '1' })).toBe(false);
    expect(colorWanted(true, false, { NO_COLOR: '1' })).toBe(true);
    expect(colorWanted(undefined, false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorWanted(undefined, true, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorWanted(undefined, true, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted(undefined, true, {})).toBe(true);
    expect(colorWanted(undefined, false, {})).toBe(false);
  });

  it('should show files done of total, elapsed time and rate', () => {
    expect(progressLine(12, 45, 8000)).toBe('已审核 12/45 个文件，用时 8.0 秒，每秒 1.5 个，预计还需 22 秒');
    expect(progressLine(45, 45, 30000)).toBe('已审核 45/45 个文件，用时 30.0 秒，每秒 1.5 个');
  });
});
