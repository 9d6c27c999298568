/**
 * The CLI's worker threads compile pdfjs's modules from V8 code caches (src/cli/pdfjs-cache.ts), when a PDF
 * needs pdfjs: one the quick reader (src/readers/pdf/quick) leaves to it, here a PDF in a standard Type1 font.
 * The report must not depend on it: without a cache (first run, which writes it), with it, and with it
 * turned off, `juesuan check` gives the same JSON report; a damaged cache file is refused by V8 and rebuilt;
 * a cache file others may write to is not read, and is replaced by the user's own. A corpus PDF, read by the
 * quick reader, loads no pdfjs and writes no pdfjs cache. The worker thread itself (the engine, one script) is
 * compiled from its own code cache, under the same rules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_ROOT, corpusPdfs } from './pdf-items-digest.js';
import { makePdf } from './pdf-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function check(file: string, env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ['bin/juesuan.cjs', 'check', file, '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  expect([0, 1], r.stderr.toString()).toContain(r.status);
  return r.stdout.toString();
}

describe('code caches of the CLI: pdfjs and the worker', () => {
  it('a corpus PDF is read without pdfjs: no pdfjs cache is written', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-cache-'));
    check(path.join(CORPUS_ROOT, corpusPdfs().find((f) => f.startsWith('pdf/'))!), { XDG_CACHE_HOME: home });
    expect(fs.readdirSync(path.join(home, 'juesuan')).filter((f) => f.startsWith('pdfjs-'))).toEqual([]);
  }, 60_000);

  it('the worker’s own code cache (src/cli/worker-loader.ts): written once, the same report without, with and instead of it', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-cache-'));
    const env = { XDG_CACHE_HOME: home };
    const file = path.join(CORPUS_ROOT, corpusPdfs().find((f) => f.startsWith('pdf/'))!);
    // another version's cache, long unused, is pruned when this one is written
    fs.mkdirSync(path.join(home, 'juesuan'), { mode: 0o700 });
    const stale = path.join(home, 'juesuan', 'worker-0123456789abcdef0123.v8cache');
    fs.writeFileSync(stale, 'old', { mode: 0o600 });
    fs.utimesSync(stale, new Date(Date.now() - 40 * 24 * 3600 * 1000), new Date(Date.now() - 40 * 24 * 3600 * 1000));
    // and an earlier version's batch caches, kept apart in tiered/, are removed (every run now shares one)
    fs.mkdirSync(path.join(home, 'juesuan', 'tiered'), { mode: 0o700 });
    fs.writeFileSync(path.join(home, 'juesuan', 'tiered', 'worker-0123456789abcdef0123.v8cache'), 'old', { mode: 0o600 });
    const first = check(file, env);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(path.join(home, 'juesuan', 'tiered'))).toBe(false);
    const caches = fs.readdirSync(path.join(home, 'juesuan')).filter((f) => /^worker-[0-9a-f]{20}\.v8cache$/.test(f));
    expect(caches).toHaveLength(1);
    const cacheFile = path.join(home, 'juesuan', caches[0]);
    const written = fs.statSync(cacheFile).mtimeMs;
    expect(fs.statSync(cacheFile).size).toBeGreaterThan(100_000);
    expect(check(file, env)).toBe(first);
    expect(fs.statSync(cacheFile).mtimeMs, 'a cache that fits is used, not rewritten').toBe(written);
    expect(check(file, { ...env, JUESUAN_NO_CODE_CACHE: '1' })).toBe(first);
    fs.writeFileSync(cacheFile, Buffer.alloc(4096, 7));
    expect(check(file, env)).toBe(first);
    expect(fs.readFileSync(cacheFile).equals(Buffer.alloc(4096, 7)), 'a damaged cache is rebuilt').toBe(false);
    expect(JSON.parse(first).results[0].findings.length).toBeGreaterThan(0);
  }, 120_000);

  it('writes the cache once, and the report is the same without, with and instead of it', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-cache-'));
    // A PDF pdfjs reads: text in Helvetica (a standard Type1 font the quick reader leaves to pdfjs)
    const file = path.join(home, 'type1.pdf');
    fs.writeFileSync(file, makePdf([{ runs: [{ text: '2020 income 1,918.25, expenditure 1,826.48', x: 72, y: 760 }, { text: 'Contact: 023-1234567', x: 72, y: 740 }] }]));
    const env = { XDG_CACHE_HOME: home };
    // A set left by another version (other key) long ago is removed when this one is written; a recent one (a
    // version still in use beside this one) is kept.
    fs.mkdirSync(path.join(home, 'juesuan'), { mode: 0o700 });
    const stale = path.join(home, 'juesuan', 'pdfjs-worker-0123456789abcdef0123.v8cache');
    const recent = path.join(home, 'juesuan', 'pdfjs-worker-3210fedcba9876543210.v8cache');
    fs.writeFileSync(stale, 'old', { mode: 0o600 });
    fs.writeFileSync(recent, 'other version', { mode: 0o600 });
    const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    fs.utimesSync(stale, longAgo, longAgo);
    const first = check(file, env);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    fs.rmSync(recent);
    const kept = fs.readdirSync(path.join(home, 'juesuan')).filter((f) => f.startsWith('pdfjs-')).sort();
    // pdfjs's two modules, each as a prepared (patched, ASCII-only) source and a V8 code cache
    expect(kept.map((f) => f.replace(/-[0-9a-f]{20}\./, '.'))).toEqual(['pdfjs-display.js', 'pdfjs-display.v8cache', 'pdfjs-worker.js', 'pdfjs-worker.v8cache']);
    for (const f of kept.filter((f) => f.endsWith('.js'))) {
      const src = fs.readFileSync(path.join(home, 'juesuan', f));
      expect(src.every((b) => b < 0x80), `${f} is ASCII`).toBe(true);
      expect(src.includes('Cannot load "@napi-rs/canvas" package'), `${f} loads no canvas at start`).toBe(false);
    }
    const cacheFile = path.join(home, 'juesuan', kept.find((f) => f.startsWith('pdfjs-worker') && f.endsWith('.v8cache'))!);
    const written = fs.statSync(cacheFile).mtimeMs;
    expect(check(file, env)).toBe(first);
    expect(fs.statSync(cacheFile).mtimeMs, 'a cache that fits is used, not rewritten').toBe(written);
    expect(check(file, { ...env, JUESUAN_NO_CODE_CACHE: '1' })).toBe(first);
    const valid = fs.readFileSync(cacheFile);
    // A damaged cache: V8 rejects it, the module is compiled from source and the cache written anew.
    fs.writeFileSync(cacheFile, Buffer.alloc(4096, 7));
    expect(check(file, env)).toBe(first);
    expect(fs.readFileSync(cacheFile).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(JSON.parse(first).results[0].error, 'the file was read').toBeUndefined();
    // A cache file others may write to is never read (V8 would run what is in it), even a valid one: had it
    // been used, it would have been kept as it is; it is replaced by one only this user can write.
    if (typeof process.getuid === 'function') {
      fs.writeFileSync(cacheFile, valid);
      fs.chmodSync(cacheFile, 0o666);
      expect(check(file, env)).toBe(first);
      expect(fs.statSync(cacheFile).mode & 0o077).toBe(0);
    }
  }, 120_000);
});
