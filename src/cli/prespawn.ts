/**
 * Starting a check's worker threads (./pool.ts), and its first one before anything else (./entry.ts).
 *
 * A module of its own, with nothing but Node's modules, ./tiering.ts and ./launch-state.ts under it, so that
 * the launcher (./launch.ts) is small: while the entry imported the pool to start the first worker, the worker
 * started after four modules were loaded (~3 ms later on its way to the first file).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { launchState, type Prespawned } from './launch-state.js';
import type { ReplyMessage } from './pool-protocol.js';
import { youngGeneration } from './tiering.js';

export const DEFAULT_MEMORY_MB = 1024;

/** The worker's entry: the compiled dist/worker.cjs next to this chunk, or the TypeScript source via tsx. */
function workerEntry(): { script: string | URL; eval: boolean } {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { script: new URL(self.includes('/chunks/') ? '../worker.cjs' : './worker.cjs', self), eval: false };
  // `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20, so tsx is registered by the entry.
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', self).href;
  return { script: `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

/**
 * A check worker with a heap of `memoryMb` (V8's young generation by ./tiering.ts); `boot` replaces its entry
 * script (tests use it to make workers that cannot start).
 */
export function startWorker(memoryMb: number, boot?: string): Worker {
  const entry = boot !== undefined ? { script: boot, eval: true } : workerEntry();
  return new Worker(entry.script, {
    eval: entry.eval,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, ...youngGeneration() },
    // Reports are written by the main thread; a worker has nothing to say on stdout.
    stdout: false,
  });
}

/**
 * A check's first worker, started before the rest of the command line is loaded (./launch.ts).
 * A worker takes tens of milliseconds to start Node in its thread and as many again to load the engine, and
 * until the command has parsed its arguments and opened the pool nothing asks for one: that much of a
 * one-file check went by with a core idle. The pool takes it for its first slot when it asks for the same
 * limits, and ends it otherwise; left untaken (a usage error, --help) it does not keep the process alive.
 *
 * Start the first worker now when argv names a command that works in the pool (check, extract, import) with
 * the default memory cap; returns it (or null). One already waiting for the pool is returned as it is.
 */
export function prespawn(argv: string[]): Worker | null {
  if (!['check', 'extract', 'import'].includes(argv[2] ?? '') || process.env.JUESUAN_NO_PRESPAWN === '1') return null;
  if (argv.some((a) => /^(-h|--help|-V|--version|--max-memory.*)$/.test(a))) return null;
  const state = launchState();
  if (state.prespawned) return state.prespawned.worker;
  try {
    const worker = startWorker(DEFAULT_MEMORY_MB);
    const pre: Prespawned = { worker, memoryMb: DEFAULT_MEMORY_MB, ready: false, gone: false, detach: () => undefined };
    const onMessage = (m: ReplyMessage) => void ('ready' in m && (pre.ready = true));
    const onGone = () => void (pre.gone = true);
    worker.on('message', onMessage);
    worker.on('error', onGone);
    worker.on('exit', onGone);
    pre.detach = () => {
      worker.off('message', onMessage);
      worker.off('error', onGone);
      worker.off('exit', onGone);
    };
    worker.unref();
    state.prespawned = pre;
    return worker;
  } catch {
    return null;
  }
}

/** The prespawned worker if it has these limits and is alive (taken once); one that does not fit is ended. */
export function takePrespawned(memoryMb: number): Prespawned | null {
  const state = launchState();
  const pre = state.prespawned;
  state.prespawned = null;
  if (!pre) return null;
  pre.detach();
  if (pre.gone || pre.memoryMb !== memoryMb) {
    void pre.worker.terminate();
    return null;
  }
  pre.worker.ref();
  return pre;
}
