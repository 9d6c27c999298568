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
import { forReport } from '../engine/types.js';

/** Set by ./worker-loader.ts: called after each job, before its reply (the loader writes its code cache). */
export interface WorkerHooks {
  afterJob(kind: JobMessage['kind']): void;
}
const hooks = (globalThis as { __juesuanWorkerHooks?: WorkerHooks }).__juesuanWorkerHooks;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('juesuan worker: not started as a worker thread');
  inflateInThread();
  const [engine, { ReadError }, { readPdfText }] = await Promise.all([import('../engine/check.js'), import('../readers/types.js'), import('../readers/index.js')]);
  port.on('message', async (m: JobMessage) => {
    let reply: ReplyMessage;
    // A PDF: pdfjs from the code cache (src/cli/pdfjs-cache.ts) if the reader needs it (the quick reader,
    // src/readers/pdf/quick, reads most disclosures without it), before the reader imports it.
    const pdf = (m.kind === 'doc' || m.kind === 'extract' || m.kind === 'read') && hasPdfHeader(m.bytes);
    if (pdf) providePdfjsLazily(preloadPdfjs);
    try {
      if (m.kind === 'read') {
        // a PDF's text, for another thread to check: pages of plain objects, sent as they are (structured clone)
        reply = { id: m.id, ok: true, value: await readPdfText(m.bytes, m.file) };
      } else {
        // A check's reply carries only what reports read of the document (forReport).
        const r =
          m.kind === 'model' ? forReport(await engine.checkModelFile(m.bytes, m.file, m.run))
          : m.kind === 'extract' ? await (await import('../engine/extract.js')).extractModel(m.bytes, m.file)
          : m.kind === 'import' ? (await import('../xlsx/read.js')).readXlsx(m.bytes, m.file, { base: m.base as never })
          : m.loaded ? forReport(await engine.checkPdfText(m.loaded, m.file, m.run))
          : forReport(await engine.checkBytes(m.bytes, m.file, m.run));
        reply = { id: m.id, ok: true, json: JSON.stringify(r) };
      }
    } catch (err) {
      const e = err as Error;
      // A workbook's listed problems (ImportError) are the input's fault, like a reader's refusal.
      const refused = err instanceof ReadError || e?.name === 'ImportError';
      reply = {
        id: m.id,
        ok: false,
        error: {
          readError: refused,
          code: err instanceof ReadError ? err.code : refused ? 'corrupt' : 'internal',
          message: e?.message ?? String(err),
          stack: e?.stack,
        },
      };
    }
    // Before the reply: the main thread may end this thread as soon as it has it. Written once, when missing.
    if (pdf) savePdfjsCodeCache();
    hooks?.afterJob(m.kind);
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies ReplyMessage);
}

void main();
