/**
 * Have pdfjs inflate PDF streams in this thread. pdfjs-dist 5 sends every Flate stream through the global
 * DecompressionStream when there is one; in Node that is a web stream over zlib on the libuv pool, one
 * asynchronous round trip per stream, and a PDF has hundreds of small streams: the thread waited ~20% of a
 * PDF check (CPU profile "idle"). Without the global, pdfjs uses its own synchronous inflate (same bytes):
 * ~14% less time reading the corpus PDFs. The global is removed only in processes and threads juesuan runs
 * itself (`juesuan check`, its workers, bench/pdf.ts), never by the library code.
 */
export function inflateInThread(): void {
  // (deleted, not read first: reading Node's lazy global loads its web streams, ~5 ms of a worker's start)
  delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
}
