import type { RunOptions } from '../engine/run.js';

/**
 * Messages between the check pool (src/cli/pool.ts) and its worker threads (src/cli/worker.ts). A job checks a
 * document or a model file, extracts a model from a document (`juesuan extract`), or reads a workbook
 * (`juesuan import`, with the --base model in `base`); the reply is the result as JSON.
 */
export type JobKind = 'doc' | 'model' | 'extract' | 'import';

export interface JobMessage {
  id: number;
  kind: JobKind;
  file: string;
  bytes: Uint8Array;
  run: RunOptions;
  /** 'import': the model that supplies what the workbook lacks. */
  base?: unknown;
}

export type ReplyMessage =
  | { ready: true }
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; error: { readError: boolean; code: string; message: string; stack?: string } };
