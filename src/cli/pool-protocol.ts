import type { RunOptions } from '../engine/run.js';
import type { PdfLoadResult } from '../readers/pdf/load.js';

/**
 * Messages between the check pool (src/cli/pool.ts) and its worker threads (src/cli/worker.ts). A job checks a
 * document or a model file, extracts a model from a document (`juesuan extract`), or reads a workbook
 * (`juesuan import`, with the --base model in `base`); the reply is the result as JSON. A batch may check a PDF
 * in two jobs on two threads: 'read' takes its text out (the reply is that, as a structured clone), then 'doc'
 * with `loaded` does the rest.
 */
export type JobKind = 'doc' | 'model' | 'extract' | 'import' | 'read';

export interface JobMessage {
  id: number;
  kind: JobKind;
  file: string;
  bytes: Uint8Array;
  run: RunOptions;
  /** 'import': the model that supplies what the workbook lacks. */
  base?: unknown;
  /** 'doc': the PDF's text as a 'read' job took it out (then `bytes` is empty). */
  loaded?: PdfLoadResult;
}

/** Why a job failed: a reader's refusal of the input (`readError`, its code), or an internal error. */
export interface JobFailure {
  readError: boolean;
  code: string;
  message: string;
  stack?: string;
}

export type ReplyMessage =
  | { ready: true }
  | { id: number; ok: true; json: string }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: JobFailure };
