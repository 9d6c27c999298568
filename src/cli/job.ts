/**
 * What a job of the check pool (./pool-protocol.ts) does, and how its failure is told, written once: a worker
 * thread runs it (./worker.ts), and so does the pool itself, in the main thread, when no worker could start
 * (./pool.ts), so that the two answer alike. A check answers with the document cut down to what reports read
 * (forReport); a 'read' job with the PDF's text (./pool.ts, split).
 */
import { forReport } from '../engine/types.js';
import { ReadError } from '../readers/types.js';
import type { JobFailure, JobMessage } from './pool-protocol.js';

export async function runJob(m: Omit<JobMessage, 'id'>): Promise<unknown> {
  switch (m.kind) {
    case 'read':
      return (await import('../readers/index.js')).readPdfText(m.bytes, m.file);
    case 'extract':
      return (await import('../engine/extract.js')).extractModel(m.bytes, m.file);
    case 'import':
      return (await import('../xlsx/read.js')).readXlsx(m.bytes, m.file, { base: m.base as never });
    case 'model':
      return forReport(await (await import('../engine/check.js')).checkModelFile(m.bytes, m.file, m.run));
    case 'doc': {
      const engine = await import('../engine/check.js');
      return forReport(m.loaded ? await engine.checkPdfText(m.loaded, m.file, m.run) : await engine.checkBytes(m.bytes, m.file, m.run));
    }
  }
}

/** A job's failure as the pool reports it: the input's fault (a reader's refusal) or ours ('internal'). */
export function jobFailure(err: unknown): JobFailure {
  const e = err as Error | undefined;
  // A workbook's listed problems (ImportError) are the input's fault, like a reader's refusal.
  const refused = err instanceof ReadError || e?.name === 'ImportError';
  return {
    readError: refused,
    code: err instanceof ReadError ? err.code : refused ? 'corrupt' : 'internal',
    message: e?.message ?? String(err),
    stack: e?.stack,
  };
}
