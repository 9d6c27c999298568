/**
 * pdfjs's worker module (2.3 MB, patched by src/readers/pdf/font-programs.ts) compiled from a V8 code cache.
 * Every `juesuan check` process (and every worker thread of its pool) otherwise parses and compiles the
 * whole module again, and compiles each function it calls on first use: measured ~115 ms of CPU to load it
 * as a module against ~60 ms from the cache, before the (lazily compiled) functions a text extraction calls.
 *
 * The patched source is run as a classic script (`import.meta.url` replaced by the module's file URL, its one
 * `export` turned into a return value: the module imports nothing), through node:vm with `cachedData`. The
 * cache is written once, after the first PDF of a thread has been read (so it holds the functions reading
 * needs), to the user's cache folder ($XDG_CACHE_HOME or ~/.cache, `juesuan/`), named by a hash of the
 * source, Node's version and the architecture; written to a temporary name and renamed. V8 itself refuses a
 * cache that does not fit (cachedDataRejected): it is then rebuilt. A cache file or folder that is not the
 * user's own, or that others may write to, is not read. Anything that fails here (no home folder,
 * read-only disk, a pdfjs without the patch's lines) leaves the reader to load pdfjs as it always does.
 * Set JUESUAN_NO_CODE_CACHE=1 to bypass.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { patchPdfjsWorkerSource } from '../readers/pdf/font-programs.js';
import { keepBuiltins } from '../readers/pdf/load.js';

const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
const EXPORT_LINE = 'export { WorkerMessageHandler };';

interface Loaded {
  script: vm.Script;
  cacheFile: string;
  /** The cache was used (and accepted): nothing to write. */
  fromCache: boolean;
}
let loaded: Loaded | null = null;
let written = false;

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'juesuan');
}

/**
 * Whether a cache file may be read: V8 runs the code in it, so it must be this user's, in a folder of this
 * user's that nobody else can write to (a shared XDG_CACHE_HOME must not hand us someone else's code).
 */
function trusted(...paths: string[]): boolean {
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

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Put the patched pdfjs worker module, compiled from the code cache where there is one, where the PDF reader
 * takes it from (globalThis.pdfjsWorker). Returns false (and does nothing) when it cannot.
 */
export function preloadPdfjsWorker(): boolean {
  const g = globalThis as { pdfjsWorker?: unknown };
  if (g.pdfjsWorker !== undefined) return loaded !== null;
  if (process.env.JUESUAN_NO_CODE_CACHE === '1') return false;
  try {
    const file = createRequire(import.meta.url).resolve(WORKER_MODULE);
    const patched = patchPdfjsWorkerSource(fs.readFileSync(file, 'utf8'));
    if (!patched || patched.split(EXPORT_LINE).length !== 2 || /^import\s/m.test(patched)) return false;
    const body = `(function () {"use strict";\n${patched.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)).replace(EXPORT_LINE, 'return { WorkerMessageHandler };')}\n})`;
    const key = createHash('sha256').update(body).update(process.version).update(process.arch).digest('hex').slice(0, 20);
    const cacheFile = path.join(cacheDir(), `pdfjs-worker-${key}.v8cache`);
    const cachedData = trusted(cacheFile, path.dirname(cacheFile)) ? readOrUndefined(cacheFile) : undefined;
    const script = new vm.Script(body, {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    // The module's core-js polyfills replace Array.prototype.push and JSON.parse/stringify process-wide;
    // put the built-ins back, as the reader does when it imports pdfjs (src/readers/pdf/load.ts).
    const restore = keepBuiltins();
    const mod = (script.runInThisContext() as () => { WorkerMessageHandler: unknown })();
    restore();
    if (typeof mod?.WorkerMessageHandler !== 'function') return false;
    g.pdfjsWorker = mod;
    loaded = { script, cacheFile, fromCache: cachedData !== undefined && !script.cachedDataRejected };
    return true;
  } catch {
    return false;
  }
}

/** After a PDF has been read: write the code cache if this thread compiled without one. Never throws. */
export function savePdfjsCodeCache(): void {
  if (!loaded || loaded.fromCache || written) return;
  written = true;
  try {
    const dir = path.dirname(loaded.cacheFile);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!trusted(dir)) return; // a cache there would never be read
    fs.accessSync(dir, fs.constants.W_OK); // before the (costly) serialisation, not after
    const data = loaded.script.createCachedData();
    const tmp = `${loaded.cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, loaded.cacheFile);
  } catch {
    // a cache is an optimisation: a read-only or missing home folder only costs speed
  }
}
