/**
 * V8's tiering for a batch (src/cli/tiering.ts): set only for a check of more than one file, known from the
 * arguments before the first worker starts; the worker threads of such a run keep their code caches apart
 * (under juesuan/tiered), so that a batch and a single file, run in turns, each use theirs and neither is
 * rewritten; and the reports are the same either way.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { isBatch, VALUE_OPTIONS } from '../src/cli/tiering.js';
import { registerCheck } from '../src/cli/commands/check.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PDF_DIR = path.resolve(ROOT, '../shared/corpus/pdf');
const PDF = path.join(PDF_DIR, 'sh-template-2024-final.pdf');
const OTHER = path.join(PDF_DIR, 'sh-putuo-shehuigongzuobu-2024.pdf');
const argv = (...a: string[]) => ['node', 'juesuan', ...a];

describe('isBatch: a check of more than one file, from the arguments alone', () => {
  it.each([
    [['check', PDF], false],
    [['check', PDF, OTHER], true],
    [['check', PDF_DIR], true],
    [['check', 'reports/*.pdf'], true],
    [['check', '-o', 'report.html', PDF], false],
    [['check', '--format', 'json', '--max-warnings', '0', PDF], false],
    [['check', '--format=json', PDF, '-q'], false],
    [['check', '-', '--stdin-filename', 'a.pdf'], false],
    [['check', '-j', '2', PDF, OTHER], true],
    [['render', PDF, OTHER], false],
  ] as const)('%j → %s', (args, batch) => {
    expect(isBatch(argv(...args))).toBe(batch);
  });

  it('knows every option of check that takes a value', () => {
    const check = registerCheck(new Command('juesuan'));
    const taking = check.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long].filter((x): x is string => !!x));
    expect([...VALUE_OPTIONS].sort()).toEqual(taking.sort());
  });
});

describe('the caches of batch and single runs', () => {
  const run = (files: string[], env: Record<string, string>) => {
    const r = spawnSync(process.execPath, ['bin/juesuan.js', 'check', ...files, '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    // (shehuigongzuobu holds one error, its 95.89% of a zero 年初预算: exit 1 whenever it is checked; sh-template none)
    expect(r.status, r.stderr.toString()).toBe(files.includes(OTHER) ? 1 : 0);
    return JSON.parse(r.stdout.toString()) as { results: unknown[] };
  };
  const caches = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

  it('are apart, each written once, and the reports the same', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-tiering-'));
    const env = { XDG_CACHE_HOME: home };
    const [single, tiered] = [path.join(home, 'juesuan'), path.join(home, 'juesuan', 'tiered')];
    const batch1 = run([PDF, OTHER], env);
    expect(caches(single)).toEqual([]);
    expect(caches(tiered)).toHaveLength(1);
    const one1 = run([PDF], env);
    expect(caches(single)).toHaveLength(1);
    const mtimes = () => [...caches(single).map((f) => path.join(single, f)), ...caches(tiered).map((f) => path.join(tiered, f))].map((f) => fs.statSync(f).mtimeMs);
    const before = mtimes();
    // in turns again: each kind of run takes its own cache as it is
    expect(run([PDF, OTHER], env)).toEqual(batch1);
    expect(run([PDF], env)).toEqual(one1);
    expect(mtimes()).toEqual(before);
    expect(batch1.results[0]).toEqual(one1.results[0]);
  }, 120_000);
});
