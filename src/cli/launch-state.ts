/**
 * The process's launch state: whether this run is a batch, whether V8's tiering is set, and the first worker
 * while it waits for the pool. Kept on globalThis under a registered symbol, because the built CLI holds this
 * code twice: in dist/launch.cjs, which bin/juesuan.cjs runs first (./launch.ts), and in the command line's
 * ESM chunks. (Each worker thread has its own globalThis, and its own state.)
 */
import type { Worker } from 'node:worker_threads';

/** A check's first worker, started before the command line (./prespawn.ts). */
export interface Prespawned {
  worker: Worker;
  memoryMb: number;
  /** The worker said it is ready before the pool took it. */
  ready: boolean;
  /** It ended (or failed) before the pool took it. */
  gone: boolean;
  detach(): void;
}

interface LaunchState {
  batch: boolean;
  tiering: boolean;
  prespawned: Prespawned | null;
}

const KEY = Symbol.for('juesuan.launch');

export function launchState(): LaunchState {
  const g = globalThis as unknown as Record<symbol, LaunchState | undefined>;
  return (g[KEY] ??= { batch: false, tiering: false, prespawned: null });
}
