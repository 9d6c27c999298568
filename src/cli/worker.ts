/**
 * A check worker thread (in the build: dist/worker-bundle.cjs, run by dist/worker.cjs, ./worker-loader.ts, from
 * a V8 code cache; or this file through tsx when the CLI runs from source). It loads the engine once, says it is
 * ready, then checks the files it is sent one at a time
 * (or extracts a model from one, or reads a workbook: src/cli/pool-protocol.ts).
 * The main thread owns the clock and the memory cap (src/cli/pool.ts): a file that takes too long or too
 * much memory ends this thread, never the run.
 */
import { parentPort } from 'node:worker_threads';
import { inflateInThread } from './inflate.js';
import { preloadPdfjs, savePdfjsCodeCache } from './pdfjs-cache.js';
import { hasPdfHeader } from '../readers/pdf/declared.js';
import { providePdfjsLazily } from '../readers/pdf/load.js';
import type { JobMessage, ReplyMessage } from './pool-protocol.js';
import { jobFailure, runJob } from './job.js';

/** Set by ./worker-loader.ts: called after each job, before its reply (the loader writes its code cache). */
export interface WorkerHooks {
  afterJob(kind: JobMessage['kind']): void;
}
const hooks = (globalThis as { __juesuanWorkerHooks?: WorkerHooks }).__juesuanWorkerHooks;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('juesuan worker: not started as a worker thread');
  inflateInThread();
  // The engine and the readers are loaded before the thread says it is ready (./job.ts imports them again).
  await Promise.all([import('../engine/check.js'), import('../readers/index.js')]);
  port.on('message', async (m: JobMessage) => {
    let reply: ReplyMessage;
    // A PDF: pdfjs from the code cache (src/cli/pdfjs-cache.ts) if the reader needs it (the quick reader,
    // src/readers/pdf/quick, reads most disclosures without it), before the reader imports it.
    const pdf = (m.kind === 'doc' || m.kind === 'extract' || m.kind === 'read') && hasPdfHeader(m.bytes);
    if (pdf) providePdfjsLazily(preloadPdfjs);
    try {
      const value = await runJob(m);
      // a PDF's text goes to another thread as it is (pages of plain objects: a structured clone); the rest as JSON
      reply = m.kind === 'read' ? { id: m.id, ok: true, value } : { id: m.id, ok: true, json: JSON.stringify(value) };
    } catch (err) {
      reply = { id: m.id, ok: false, error: jobFailure(err) };
    }
    // Before the reply: the main thread may end this thread as soon as it has it. Written once, when missing.
    if (pdf) savePdfjsCodeCache();
    hooks?.afterJob(m.kind);
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies ReplyMessage);
}

void main();
