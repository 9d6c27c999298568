/**
 * V8's settings for check workers (src/cli/tiering.ts): a batch is known from the arguments alone, before the
 * first worker starts (its workers keep V8's default young generation); every worker sets the same tiering
 * flag for itself, so that a batch and a single file, run in turns, share one code cache that neither
 * rewrites; and the reports are the same either way.
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

describe('the code cache of batch and single runs', () => {
  const run = (files: string[], env: Record<string, string>) => {
    const r = spawnSync(process.execPath, ['bin/juesuan.cjs', 'check', ...files, '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    // (shehuigongzuobu holds one error, its 95.89% of a zero 年初预算: exit 1 whenever it is checked; sh-template none)
    expect(r.status, r.stderr.toString()).toBe(files.includes(OTHER) ? 1 : 0);
    return JSON.parse(r.stdout.toString()) as { results: unknown[] };
  };
  const caches = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

  it('is one, written once, taken by both kinds of run, and the reports the same', () => {
    // V8 stamps a cache with its flags and refuses it under others: were the two kinds of run's workers under
    // different flags, each would refuse the other's cache and write it again.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-tiering-'));
    const env = { XDG_CACHE_HOME: home };
    const dir = path.join(home, 'juesuan');
    const batch1 = run([PDF, OTHER], env);
    expect(caches(dir)).toHaveLength(1);
    const mtime = () => fs.statSync(path.join(dir, caches(dir)[0]!)).mtimeMs;
    const written = mtime();
    const one1 = run([PDF], env);
    expect(caches(dir)).toHaveLength(1);
    expect(mtime()).toBe(written);
    // in turns again: each kind of run takes the cache as it is
    expect(run([PDF, OTHER], env)).toEqual(batch1);
    expect(run([PDF], env)).toEqual(one1);
    expect(caches(dir)).toHaveLength(1);
    expect(mtime()).toBe(written);
    expect(fs.existsSync(path.join(dir, 'tiered'))).toBe(false);
    expect(batch1.results[0]).toEqual(one1.results[0]);
  }, 120_000);
});
