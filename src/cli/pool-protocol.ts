import type { RunOptions } from '../engine/run.js';

/** Messages between the check pool (src/cli/pool.ts) and its worker threads (src/cli/worker.ts). */
export type JobKind = 'doc' | 'model';

export interface JobMessage {
  id: number;
  kind: JobKind;
  file: string;
  bytes: Uint8Array;
  run: RunOptions;
}

export type ReplyMessage =
  | { ready: true }
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; error: { readError: boolean; code: string; message: string; stack?: string } };
