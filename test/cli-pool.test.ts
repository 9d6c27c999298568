/**
 * The worker pool behind `juesuan check --jobs N`: a file checked on a worker gives the same result as in
 * this thread (findings, document, read errors with their code), the report comes out in input order while
 * several files are in flight, and a pool whose workers cannot start still checks everything (in-thread).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { autoJobs, CheckPool, coreCount } from '../src/cli/pool.js';
import { prespawn } from '../src/cli/prespawn.js';
import { runCheck, type CheckEngine, type CheckIO } from '../src/cli/commands/check.js';
import * as engine from '../src/engine/check.js';
import { ReadError } from '../src/readers/types.js';
import { forReport, type ReportResult } from '../src/engine/types.js';

/** The engine in this thread, answering as a pool does: the document cut down to what reports read. */
const inThread: CheckEngine = {
  checkBytes: async (bytes, file) => forReport(await engine.checkBytes(bytes, file)),
  checkModelFile: async (bytes, file) => forReport(await engine.checkModelFile(bytes, file)),
};

const ROOT = process.cwd();
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'juesuan-pool-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PDF = path.join(CORPUS, 'pdf/sh-template-2024-final.pdf');
const SEED = path.join(CORPUS, 'seed/cq-beibei-zfb-2020.txt');
const MODEL = path.join(ROOT, 'examples/cq-beibei-zfb-2020.json');
const EMPTY = path.join(tmp, 'empty.txt');
writeFileSync(EMPTY, '');
const JUNK = path.join(tmp, 'junk.pdf');
writeFileSync(JUNK, '%PDF-1.7\nthis is not a pdf at all\n');

const bytesOf = (f: string) => new Uint8Array(readFileSync(f));
const plain = (r: ReportResult) => JSON.parse(JSON.stringify(r)) as ReportResult;

async function outcome(engine: Pick<CheckEngine, 'checkBytes' | 'checkModelFile'>, file: string): Promise<unknown> {
  try {
    const r = file.endsWith('.json') ? await engine.checkModelFile(bytesOf(file), file) : await engine.checkBytes(bytesOf(file), file);
    return plain(r);
  } catch (e) {
    return e instanceof ReadError ? { readError: e.code, message: e.message } : { thrown: String(e) };
  }
}

/** A pool for the length of `use`, closed after it whatever happens. */
async function withPool(size: number, opts: ConstructorParameters<typeof CheckPool>[1], use: (pool: CheckPool) => Promise<void>): Promise<void> {
  const pool = new CheckPool(size, opts);
  try {
    await use(pool);
  } finally {
    await pool.close();
  }
}

describe('CheckPool', () => {
  it('should give the same results as checking in this thread, read errors included', async () => {
    // No time limit here: this compares results, and a loaded CI machine may take long for the PDF.
    await withPool(2, { timeoutMs: 0 }, async (pool) => {
      const files = [PDF, SEED, MODEL, EMPTY, JUNK];
      const viaPool = await Promise.all(files.map((f) => outcome(pool, f)));
      for (const [i, f] of files.entries()) {
        expect(viaPool[i], f).toEqual(await outcome(inThread, f));
      }
      const pdf = viaPool[0] as ReportResult;
      // a reply holds the text and line positions reports need, not the reader's whole document
      expect(Object.keys(pdf.doc ?? {}).sort()).toEqual(['file', 'format', 'lineBoxes', 'lineStarts', 'text']);
      expect(pdf.doc?.format).toBe('pdf');
      expect(pdf.findings.length).toBeGreaterThan(0);
      expect(viaPool[3]).toMatchObject({ readError: 'empty' });
      expect(viaPool[4]).toMatchObject({ readError: 'corrupt' });
      await pool.ready();
      expect(pool.readyWorkers).toBe(2);
    });
  }, 120_000);

  it('should check each PDF in two halves on two workers when split, with the same results', async () => {
    await withPool(2, { timeoutMs: 0, split: true }, async (pool) => {
      // (both workers ready first: then the reader, the first slot, takes the first PDF's text, and the other
      // worker's first file is the seed; which is first ready would otherwise decide)
      await pool.ready();
      const GUI = path.join(CORPUS, 'pdf/sh-putuo-guihuaziyuan-2024.pdf');
      const files = [PDF, SEED, GUI, MODEL, EMPTY, JUNK, PDF];
      const viaPool = await Promise.all(files.map((f) => outcome(pool, f)));
      for (const [i, f] of files.entries()) expect(viaPool[i], f).toEqual(await outcome(inThread, f));
      // one worker only took the four PDFs' text out (the junk one is refused there), the other did everything
      // else: the seed, the empty file, the model, and the second half of each of the three readable PDFs
      expect(pool.taken).toEqual([
        { role: 'read', kinds: { read: 4 } },
        { role: 'rest', kinds: { doc: 5, model: 1 } },
      ]);
    });
  }, 120_000);

  it('should have the worker for the rest take its first file whole, a PDF included', async () => {
    await withPool(2, { timeoutMs: 0, split: true }, async (pool) => {
      await pool.ready();
      const GUI = path.join(CORPUS, 'pdf/sh-putuo-guihuaziyuan-2024.pdf');
      const both = await Promise.all([outcome(pool, PDF), outcome(pool, GUI)]);
      expect(both).toEqual([await outcome(inThread, PDF), await outcome(inThread, GUI)]);
      // the reader took the first PDF's text out; the other worker, idle, checked the second whole, then the rest of the first
      expect(pool.taken).toEqual([
        { role: 'read', kinds: { read: 1 } },
        { role: 'rest', kinds: { doc: 2 } },
      ]);
    });
  }, 120_000);

  it('should stop a split PDF check at the file’s time limit in its first half, and check it with room', async () => {
    await withPool(2, { timeoutMs: 1, split: true }, async (pool) => {
      await pool.ready();
      const e = await pool.checkBytes(bytesOf(PDF), PDF).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ReadError);
      expect((e as ReadError).code).toBe('timeout');
      expect((e as ReadError).message).toMatch(/^审核超过了 0\.001 秒的时限/);
    });
    await withPool(2, { timeoutMs: 0, split: true }, async (pool) => {
      expect(await outcome(pool, PDF)).toEqual(await outcome(inThread, PDF));
    });
  }, 60_000);

  it('should hold both halves of a split PDF check to one time limit, and go on in the same pool with a fresh worker', async () => {
    // Workers that answer as the real ones do, each half taking 250 ms for a file named slow…, at once otherwise.
    const fake = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => {
        if (!m.file) return;
        const reply = m.kind === 'read'
          ? { id: m.id, ok: true, value: { pages: [], pageCount: 1, notes: [], damage: [], reader: 'quick' } }
          : { id: m.id, ok: true, json: JSON.stringify({ file: m.file, findings: [], doc: null, internalErrors: [] }) };
        setTimeout(() => parentPort.postMessage(reply), m.file.startsWith('slow') ? 250 : 0);
      });
      parentPort.postMessage({ ready: true });`;
    const pdf = new TextEncoder().encode('%PDF-1.7 (the workers here do not read it)');
    await withPool(2, { timeoutMs: 400, split: true, boot: fake }, async (pool) => {
      await pool.ready();
      // each half alone is within 400 ms, both together are not: the second half gets what the first left
      const e = await pool.checkBytes(pdf, 'slow.pdf').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ReadError);
      expect((e as ReadError).code).toBe('timeout');
      expect((e as ReadError).message).toMatch(/^审核超过了 0\.4 秒的时限/);
      expect(pool.taken).toEqual([
        { role: 'read', kinds: { read: 1 } },
        { role: 'rest', kinds: {} }, // the worker that was stopped, replaced: a fresh one, no job yet
      ]);
      expect(await pool.checkBytes(pdf, 'fast.pdf')).toEqual({ file: 'fast.pdf', findings: [], doc: null, internalErrors: [] });
      expect(pool.taken).toEqual([
        { role: 'read', kinds: { read: 2 } },
        { role: 'rest', kinds: { doc: 1 } },
      ]);
    });
  }, 60_000);

  it('should check in this thread when no worker can start', async () => {
    await withPool(2, { boot: 'throw new Error("no loader here")', split: true }, async (pool) => {
      expect(await outcome(pool, SEED)).toEqual(await outcome(inThread, SEED));
      expect(await outcome(pool, PDF)).toEqual(await outcome(inThread, PDF));
      await pool.ready();
      expect(pool.readyWorkers).toBe(0);
      expect(await outcome(pool, EMPTY)).toMatchObject({ readError: 'empty' });
    });
  }, 120_000);

  it('should take the worker started before the command line loaded, or end it when the limits differ', async () => {
    expect(prespawn(['node', 'juesuan', 'check', '--help'])).toBeNull();
    expect(prespawn(['node', 'juesuan', 'render', 'x.json'])).toBeNull();
    const early = prespawn(['node', 'juesuan', 'check', SEED])!;
    expect(early).not.toBeNull();
    const earlyExit = new Promise((r) => early.once('exit', r));
    const pool = new CheckPool(1);
    expect(await outcome(pool, SEED)).toEqual(await outcome(inThread, SEED));
    let ended = false;
    void earlyExit.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(ended, 'the taken worker is the pool’s own: alive until the pool closes').toBe(false);
    await pool.close();
    await earlyExit;
    // A pool with another memory cap does not take it: it is ended, and the pool starts its own.
    const other = prespawn(['node', 'juesuan', 'check', SEED])!;
    const otherExit = new Promise((r) => other.once('exit', r));
    const small = new CheckPool(1, { memoryMb: 512 });
    await otherExit;
    expect(await outcome(small, SEED)).toEqual(await outcome(inThread, SEED));
    await small.close();
  }, 60_000);

  it('should start the first worker once, though the launch runs twice (bin/juesuan.cjs, then dist/cli.js)', async () => {
    const argv = ['node', 'juesuan', 'check', SEED];
    const first = prespawn(argv)!;
    expect(first).not.toBeNull();
    expect(prespawn(argv)).toBe(first);
    // The built CLI holds this code twice (dist/launch.cjs and the ESM chunks), each copy with its own module
    // state: the worker is kept where the other copy finds it, under a registered symbol on globalThis.
    const shared = (globalThis as unknown as Record<symbol, { prespawned: { worker: unknown } | null } | undefined>)[Symbol.for('juesuan.launch')];
    expect(shared?.prespawned?.worker).toBe(first);
    const pool = new CheckPool(1);
    expect(await outcome(pool, SEED)).toEqual(await outcome(inThread, SEED));
    const gone = new Promise((r) => first.once('exit', r));
    await pool.close();
    await gone;
  }, 60_000);

  it('should refuse work once closed', async () => {
    const pool = new CheckPool(1);
    await pool.close();
    await expect(pool.checkBytes(bytesOf(SEED), SEED)).rejects.toThrow();
  });
});

function captureIO(): CheckIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: async (s) => void out.push(s), stderr: (s) => void err.push(s), writeFile: async (t) => t };
}

describe('runCheck with several files in flight', () => {
  it('should write the report in input order when later files finish first', async () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((n) => {
      const p = path.join(tmp, `${n}.txt`);
      writeFileSync(p, n);
      return p;
    });
    const events: string[] = [];
    // The first file is the slowest: with jobs 2, four files are in flight and b…d finish before a.
    const delays = [60, 5, 5, 5, 5];
    const engine: CheckEngine = {
      checkBytes: async (_bytes, file) => {
        const i = files.indexOf(file);
        events.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, delays[i]));
        events.push(`end ${i}`);
        return { file, findings: [], doc: null, internalErrors: [] };
      },
      checkModelFile: async () => {
        throw new Error('no models here');
      },
    };
    let closed = false;
    const io = captureIO();
    const code = await runCheck(files, { format: 'json', cwd: ROOT, rulesMeta: {}, jobs: 2 }, async (n) => {
      expect(n).toBe(5);
      return { ...engine, close: async () => void (closed = true) };
    }, io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join('')).results.map((r: { file: string }) => r.file)).toEqual(files);
    const at = (e: string) => events.indexOf(e);
    for (const i of [0, 1, 2, 3]) expect(at(`start ${i}`), `start ${i}`).toBeLessThan(at('end 0'));
    expect(at('end 1')).toBeLessThan(at('end 0'));
    // The fifth is started only once the first is written: never more than 2×jobs files held.
    expect(at('start 4')).toBeGreaterThan(at('end 0'));
    expect(closed).toBe(true);
  });

  it('should give the same report with a pool of two as one file at a time', async () => {
    const files = [PDF, SEED, EMPTY, MODEL];
    const report = async (jobs: number) => {
      const io = captureIO();
      const code = await runCheck(files, { format: 'json', cwd: ROOT, rulesMeta: {}, jobs }, async () =>
        jobs > 1 ? new CheckPool(jobs, { timeoutMs: 0, split: true }) : inThread, io);
      return { code, out: io.out.join(''), err: io.err.join('') };
    };
    const one = await report(1);
    const two = await report(2);
    expect(two).toEqual(one);
    expect(one.code).toBe(2); // the empty file
    expect(JSON.parse(one.out).results.map((r: { file: string }) => r.file)).toEqual(files);
  }, 120_000);
});

describe('the default number of workers (no --jobs)', () => {
  it('is one per 16 files, at least one and at most one per core', () => {
    expect([1, 12, 15, 16, 31, 32, 48, 1000].map((n) => autoJobs(n))).toEqual([1, 1, 1, 1, 1, 2, 3, 62].map((n) => Math.max(1, Math.min(coreCount(), n))));
  });

  it('is two (a split pair) for two PDFs or more, where there are two cores', () => {
    const cap = (n: number) => Math.max(1, Math.min(coreCount(), n));
    expect([[1, 1], [2, 1], [2, 2], [12, 12], [12, 3], [48, 48], [1000, 2]].map(([f, p]) => autoJobs(f, p))).toEqual([1, 1, 2, 2, 2, 3, 62].map(cap));
  });
});
