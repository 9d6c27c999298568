/**
 * pdfjs (its display module, 1 MB, and its worker module, 2.3 MB, patched by src/readers/pdf/font-programs.ts)
 * compiled from V8 code caches. Every `juesuan check` process (and every worker thread of its pool) otherwise
 * parses and compiles both modules again, and compiles each function it calls on first use.
 *
 * Each module's source is prepared once — patched, `import.meta.url` replaced by the module's file URL, its
 * one `export` line turned into a return value (neither imports anything statically) — and run as a classic
 * script through node:vm with `cachedData`. The prepared source and the code cache are kept in the user's
 * cache folder ($XDG_CACHE_HOME or ~/.cache, `juesuan/`), named by the module file's size and time, the
 * patches, Node's version and the architecture, so a later run neither patches nor hashes megabytes: it reads
 * two files per module. They are written once, after the first PDF of a thread has been read (so the code
 * cache holds the functions reading needs), to a temporary name and renamed. V8 itself refuses a code cache
 * that does not fit (cachedDataRejected): it is then rebuilt. A cache file or folder that is not the user's
 * own, or that others may write to, is not read. Anything that fails here (no home folder, read-only disk, a
 * pdfjs without the patches' lines) leaves the reader to load pdfjs as it always does.
 * Set JUESUAN_NO_CODE_CACHE=1 to bypass.
 *
 * The display module is patched too: on Node it `require`s @napi-rs/canvas (a 30 MB native library) at load
 * to polyfill DOMMatrix, ImageData and Path2D, which only drawing uses; loading it cost ~40 ms of CPU and tens
 * of megabytes of page faults per thread. Text extraction never draws, so that block is left out.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { cacheDir, cacheKey, codeCacheOff, digest, readCache, readOrUndefined, trusted, writeCaches, type CacheEntry } from './code-cache.js';
import { WORKER_PATCH_PARTS, patchPdfjsWorkerSource } from '../readers/pdf/font-programs.js';
import { keepBuiltins, providePdfjs, type Pdfjs } from '../readers/pdf/load.js';

interface ModuleSpec {
  name: 'display' | 'worker';
  specifier: string;
  exportLine: RegExp;
  patch(src: string): string | null;
}

const CANVAS_BLOCK_START = 'if (isNodeJS) {\n  let canvas;\n';
const CANVAS_BLOCK_END = '  if (!globalThis.navigator?.language) {';

/**
 * In place of the canvas block: the module builds one DOMMatrix at load (canvas.js's SCALE_MATRIX), so the
 * name must exist; a `var` in the module's function scope (the prepared source is one function) shadows the
 * global for this module only, and nothing outside it sees the stand-in. Drawing would fail; nothing draws.
 */
const NO_CANVAS = 'if (isNodeJS) {\n  var DOMMatrix = globalThis.DOMMatrix ?? class DOMMatrix {};\n';

/**
 * A polyfill at both modules' top level reads `Response.prototype`, which makes Node load its whole fetch
 * implementation (undici, ~15–20 ms of CPU); Response.bytes serves pdfjs's fetch streams, and the reader
 * hands pdfjs the bytes. The polyfill is skipped (when the line is not there, nothing is changed).
 */
const RESPONSE_POLYFILL = 'if (typeof Response.prototype.bytes !== "function") {';

/** The display module without its canvas polyfills (see above), or null when the source has other lines. */
function patchPdfjsDisplaySource(src: string): string | null {
  const start = src.indexOf(CANVAS_BLOCK_START);
  const end = src.indexOf(CANVAS_BLOCK_END, start);
  if (start < 0 || end < 0 || end - start > 2000 || src.indexOf(CANVAS_BLOCK_START, start + 1) >= 0) return null;
  return src.slice(0, start) + NO_CANVAS + src.slice(end);
}

const MODULES: ModuleSpec[] = [
  { name: 'display', specifier: 'pdfjs-dist/legacy/build/pdf.mjs', exportLine: /^export \{([^}]*)\};$/m, patch: patchPdfjsDisplaySource },
  { name: 'worker', specifier: 'pdfjs-dist/legacy/build/pdf.worker.mjs', exportLine: /^export \{([^}]*)\};$/m, patch: patchPdfjsWorkerSource },
];

/**
 * Changes whenever a patch does — its code or any text it inserts or looks for — so a prepared source from
 * another version of juesuan is never taken (npm installs files with fixed times: the module file's size and
 * time alone would not tell).
 */
let patchIdMemo: string | undefined;
/** (computed when pdfjs is first loaded, not when a worker starts: most checks never load it) */
const patchId = (): string =>
  (patchIdMemo ??= digest([...WORKER_PATCH_PARTS, patchPdfjsDisplaySource.toString(), CANVAS_BLOCK_START, CANVAS_BLOCK_END, NO_CANVAS, RESPONSE_POLYFILL, prepare.toString()].join('\0')).slice(0, 12));

/** Each module's script and cache files (the prepared source is `source` when it was made in this thread). */
let loaded: CacheEntry[] | null = null;
let written = false;
/** The cache files of pdfjs's modules (pruned when stale). */
const NAMES = /^pdfjs-(display|worker)-[0-9a-f]{20}\.(js|v8cache)$/;

/** A module's patched source as the body of a function returning its exports, or null if it cannot be. */
function prepare(src: string, file: string, spec: ModuleSpec): string | null {
  const patched = spec.patch(src)?.replace(RESPONSE_POLYFILL, 'if (false) {');
  if (!patched || /^import\s/m.test(patched)) return null;
  const exports = patched.match(spec.exportLine);
  if (!exports || patched.split(exports[0]).length !== 2) return null;
  const body = patched.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)).replace(exports[0], `return {${exports[1]}};`);
  // ASCII only (the few non-ASCII characters are in string literals: copyright lines, test URLs), so that
  // V8 keeps the source as a one-byte string, read without decoding: half the memory of a two-byte one.
  const ascii = body.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return `(function () {"use strict";\n${ascii}\n})`;
}

function load(spec: ModuleSpec, dir: string, dirTrusted: boolean): { loaded: CacheEntry; exports: Record<string, unknown> } | null {
  const file = createRequire(import.meta.url).resolve(spec.specifier);
  const key = cacheKey(file, patchId());
  const sourceFile = path.join(dir, `pdfjs-${spec.name}-${key}.js`);
  const cacheFile = path.join(dir, `pdfjs-${spec.name}-${key}.v8cache`);
  let body = dirTrusted && trusted(sourceFile) ? (readOrUndefined(sourceFile, 'latin1') as string | undefined) : undefined;
  const made = body === undefined;
  body ??= prepare(fs.readFileSync(file, 'utf8'), file, spec) ?? undefined;
  if (body === undefined) return null;
  const cachedData = !made ? readCache(cacheFile) : undefined;
  const script = new vm.Script(body, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const exports = (script.runInThisContext() as () => Record<string, unknown>)();
  return { loaded: { script, cacheFile, source: made ? { file: sourceFile, body } : null, fromCache: cachedData !== undefined && !script.cachedDataRejected }, exports };
}

/**
 * Load pdfjs's display and worker modules, from the code caches where there are some, and hand them to the
 * PDF reader (providePdfjs). Returns false (and does nothing) when it cannot.
 */
export function preloadPdfjs(): boolean {
  if (loaded) return true;
  const g = globalThis as { pdfjsWorker?: unknown };
  if (g.pdfjsWorker !== undefined || codeCacheOff()) return false;
  // The modules' core-js polyfills replace Array.prototype.push and JSON.parse/stringify process-wide;
  // put the built-ins back, as the reader does when it imports pdfjs (src/readers/pdf/load.ts).
  const restore = keepBuiltins();
  try {
    const dir = cacheDir();
    const dirTrusted = trusted(dir);
    const display = load(MODULES[0], dir, dirTrusted);
    const worker = display && load(MODULES[1], dir, dirTrusted);
    if (!display || !worker) return false;
    if (typeof worker.exports.WorkerMessageHandler !== 'function' || typeof display.exports.getDocument !== 'function') return false;
    g.pdfjsWorker = worker.exports;
    providePdfjs(display.exports as unknown as Pdfjs);
    loaded = [display.loaded, worker.loaded];
    return true;
  } catch {
    return false;
  } finally {
    restore();
  }
}

/** After a PDF has been read: write what this thread made without a cache. Never throws. */
export function savePdfjsCodeCache(): void {
  if (!loaded || written) return;
  written = true;
  writeCaches(loaded, NAMES);
}
