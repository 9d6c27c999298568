/**
 * V8 code caches in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, `juesuan/`), for scripts compiled
 * through node:vm: pdfjs's two modules (./pdfjs-cache.ts) and the check worker itself (./worker-loader.ts).
 * A cache holds the bytecode of every function the first run compiled, so a later thread neither parses nor
 * compiles them. What may be read is guarded (V8 runs what a cache holds), writes are atomic, and files left
 * by versions no longer used are pruned. Set JUESUAN_NO_CODE_CACHE=1 to bypass every cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type vm from 'node:vm';

export const codeCacheOff = () => process.env.JUESUAN_NO_CODE_CACHE === '1';

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'juesuan');
}

/**
 * A short key for a cache of `file`: its path, size and time, Node's version, the architecture and `extra`
 * (the build gives the worker's bundle its content hash). It names a file and never decides what runs: V8
 * checks a cache against its own version, flags and the source's length. A non-cryptographic digest, since
 * loading node:crypto in a worker thread took ~2 ms of every check's start.
 */
export function cacheKey(file: string, ...extra: string[]): string {
  const st = fs.statSync(file);
  return digest([file, st.size, st.mtimeMs, process.version, process.arch, ...extra].join('\0'));
}

/** 20 hex digits of `s`: FNV-1a (32 bits) with three offset bases. */
export function digest(s: string): string {
  let out = '';
  for (const basis of [0x811c9dc5, 0x050c5d1f, 0x2e1fe0ad]) {
    let h = basis;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 20);
}

/**
 * Whether a cache file may be read: V8 runs the code in it, so it must be this user's, in a folder of this
 * user's that nobody else can write to (a shared XDG_CACHE_HOME must not hand us someone else's code).
 */
export function trusted(...paths: string[]): boolean {
  if (typeof process.getuid !== 'function') return true; // Windows: the user's profile folder
  try {
    const uid = process.getuid();
    return paths.every((p) => {
      const st = fs.statSync(p);
      return st.uid === uid && (st.mode & 0o022) === 0;
    });
  } catch {
    return false;
  }
}

export function readOrUndefined(file: string, encoding?: 'latin1'): Buffer | string | undefined {
  try {
    return encoding ? fs.readFileSync(file, encoding) : fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A cache's data, when it may be read (see trusted); undefined otherwise. */
export function readCache(cacheFile: string): Buffer | undefined {
  return !codeCacheOff() && trusted(path.dirname(cacheFile), cacheFile) ? (readOrUndefined(cacheFile) as Buffer | undefined) : undefined;
}

function writeAtomically(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true }); // (a full disk must not leave half a cache file behind)
    throw err;
  }
}

/** Files of another key not written for this long are taken to be left by a version no longer used. */
const STALE_MS = 30 * 24 * 3600 * 1000;

/**
 * Files named like `names` (another pdfjs, Node or juesuan version) written more than 30 days ago are removed
 * when a new set is written, so upgrades do not pile up. Newer ones stay: two versions in use side by side (a
 * global and a project install) would otherwise remove each other's cache on every run. Another run's
 * temporary file is left.
 */
function pruneStale(dir: string, names: RegExp, keep: Set<string>): void {
  const now = Date.now();
  for (const f of fs.readdirSync(dir)) {
    if (!names.test(f) || keep.has(f)) continue;
    const file = path.join(dir, f);
    if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
  }
}

export interface CacheEntry {
  script: vm.Script;
  cacheFile: string;
  /** The code cache was used (and accepted): nothing to write. */
  fromCache: boolean;
  /** A prepared source to keep beside the cache (written when not null). */
  source?: { file: string; body: string } | null;
}

/**
 * Write the caches of scripts compiled without one (after they ran, so the caches hold the functions a run
 * needs), then prune stale files named like `names`. Never throws: a read-only or missing home folder only
 * costs speed.
 */
export function writeCaches(entries: CacheEntry[], names: RegExp): void {
  if (codeCacheOff() || entries.every((e) => e.fromCache && !e.source)) return;
  try {
    const dir = cacheDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!trusted(dir)) return; // a cache there would never be read
    fs.accessSync(dir, fs.constants.W_OK); // before the (costly) serialisation, not after
    for (const e of entries) {
      if (e.source) writeAtomically(e.source.file, Buffer.from(e.source.body, 'latin1'));
      if (!e.fromCache) writeAtomically(e.cacheFile, e.script.createCachedData());
    }
    pruneStale(dir, names, new Set(entries.flatMap((e) => [path.basename(e.cacheFile), ...(e.source ? [path.basename(e.source.file)] : [])])));
    // (batches of earlier versions kept their worker's caches apart, in tiered/: every run now shares one)
    fs.rmSync(path.join(dir, 'tiered'), { recursive: true, force: true });
  } catch {
    // a cache is an optimisation
  }
}
