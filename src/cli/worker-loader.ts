/**
 * Entry of a check worker thread in the build (dist/worker.cjs): runs the worker (./worker.ts, bundled with the
 * engine into one classic script, dist/worker-bundle.cjs, by scripts/build.mjs) compiled through node:vm from a
 * V8 code cache (./code-cache.ts). A thread otherwise parses and compiles some 700 KB of the engine's code
 * before it can take its first file, while the command waits for it: measured here, a worker was ready ~26 ms
 * sooner with the cache. The cache is written after the thread's first job (so it holds the functions a check
 * compiles), keyed by the bundle's content hash, size and time, Node's version and the architecture; V8 refuses
 * one that does not fit (its version, its flags, the source's length), and it is then rebuilt.
 * JUESUAN_NO_CODE_CACHE=1 compiles from source every time.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { cacheDir, cacheKey, readCache, writeCaches } from './code-cache.js';
import { setTiering } from './tiering.js';
import type { WorkerHooks } from './worker.js';

// V8's tiering for a check (./tiering.ts): after Node's start-up in this thread, before the engine is compiled.
setTiering();
const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-bundle.cjs');
/** The bundle's content hash, given by the build (scripts/build.mjs). */
declare const JUESUAN_BUNDLE_HASH: string;
const cacheFile = path.join(cacheDir(), `worker-${cacheKey(bundle, JUESUAN_BUNDLE_HASH)}.v8cache`);
const cachedData = readCache(cacheFile);
// The CommonJS wrapper, as Node's own loader gives a module its require, module and file name.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const entry = { script, cacheFile, fromCache: cachedData !== undefined && !script.cachedDataRejected };
let saved = false;
const hooks: WorkerHooks = {
  afterJob(kind) {
    // Not after a PDF's first half alone (src/cli/pool.ts, split): that cache would hold the reader's functions
    // and none of the engine's. After any other job, the worker has run the engine.
    if (saved || kind === 'read') return;
    saved = true;
    writeCaches([entry], /^worker-[0-9a-f]{20}\.v8cache$/);
  },
};
(globalThis as { __juesuanWorkerHooks?: WorkerHooks }).__juesuanWorkerHooks = hooks;
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
