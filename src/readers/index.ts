/**
 * One entry point for every reader: `readDocument(bytes, file)` picks the reader by magic bytes first and by
 * the file extension second: %PDF → pdf.ts (loaded on demand), PK zip → DOCX, <html/<!doctype → HTML,
 * anything else → plain text (.md as Markdown). Legacy .doc / encrypted Office files (OLE compound files)
 * and other binary formats are refused with a plain Chinese message. No file I/O here.
 */
import { looksBinary } from './encoding.js';
import { DEFAULT_MAX_BYTES, checkSize, emptyError, readText } from './text.js';
import { ReadError, type SourceDoc, type SourceFormat } from './types.js';
import type { ZipLimits } from './zip.js';
import type { PdfReadOptions } from './pdf.js';
import type { PdfLoadResult } from './pdf/load.js';
import { hasPdfHeader } from './pdf/declared.js';

export { ReadError } from './types.js';
export type { SourceDoc } from './types.js';

export interface ReadDocumentOptions extends ZipLimits {
  /** Refuse inputs larger than this many bytes (default 20 MB; PDFs and DOCX included). */
  maxBytes?: number;
  /** Force a reader instead of detecting one. */
  format?: SourceFormat;
  /** Passed through to the PDF reader (page cap, time limit …). */
  pdf?: PdfReadOptions;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The reader a document needs, from its first bytes and its name. */
export function detectFormat(bytes: Uint8Array, file: string): SourceFormat | 'ole' | 'binary' {
  // %PDF may come after a little junk (some servers prepend bytes); look in the first 1 KB.
  if (hasPdfHeader(bytes)) return 'pdf';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'docx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  const start = head.replace(/^\ufeff|^(\xef\xbb\xbf)/, '').replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '').slice(0, 20).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<meta')) return 'html';
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml') return 'html';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (/^(png|jpe?g|gif|bmp|tiff?|xls|xlsx|zip|rar|7z|gz|exe|wps|ofd)$/.test(ext) && looksBinary(head)) return 'binary';
  return 'text';
}

type PdfModule = Pick<typeof import('./pdf.js'), 'readPdf' | 'loadPdf'>;

/**
 * pdfjs is heavy: the PDF reader is loaded only when a PDF comes, for the whole read or its first half. A build
 * without it refuses PDFs politely.
 */
async function loadPdfReader(): Promise<PdfModule> {
  try {
    const mod = (await import('./pdf.js')) as Partial<PdfModule>;
    if ('readPdf' in mod && 'loadPdf' in mod && typeof mod.readPdf === 'function' && typeof mod.loadPdf === 'function') return mod as PdfModule;
  } catch (e) {
    if (!/Cannot find module|ERR_MODULE_NOT_FOUND|Failed to load|does not provide/i.test(String((e as Error)?.message ?? e))) throw e;
  }
  throw new ReadError('unsupported', '本版本尚未包含 PDF 读取功能（缺少 PDF 阅读模块），无法读取 PDF 文件。');
}

/**
 * The first half of readDocument for a PDF: its text taken out by the PDF reader (pages, notes, damage), with
 * the same refusals for size and emptiness; ./pdf.ts readLoadedPdf does the rest. (A batch check runs the two
 * halves on two worker threads: src/cli/pool.ts.)
 */
export async function readPdfText(bytes: Uint8Array, file: string, opts: ReadDocumentOptions = {}): Promise<PdfLoadResult> {
  refuseSizeOrEmpty(bytes, file, opts);
  return (await loadPdfReader()).loadPdf(bytes, file, opts.pdf);
}

/** Every reader's first refusals: too large, or empty. */
function refuseSizeOrEmpty(bytes: Uint8Array, file: string, opts: ReadDocumentOptions): void {
  checkSize(bytes, file, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  if (bytes.length === 0) throw emptyError(file);
}

export async function readDocument(bytes: Uint8Array, file: string, opts: ReadDocumentOptions = {}): Promise<SourceDoc> {
  refuseSizeOrEmpty(bytes, file, opts);
  const format = opts.format ?? detectFormat(bytes, file);
  switch (format) {
    case 'pdf':
      return (await loadPdfReader()).readPdf(bytes, file, opts.pdf);
    // DOCX and HTML readers are loaded when such a file comes (jszip, node-html-parser): a PDF check needs neither.
    case 'docx':
      return (await import('./docx.js')).readDocx(bytes, file, opts);
    case 'html':
      return (await import('./html.js')).readHtml(bytes, file);
    case 'md':
    case 'text':
      return readText(bytes, file, { maxBytes: opts.maxBytes, format });
    case 'ole':
      // Office puts password-protected .docx/.xlsx into the same OLE container as legacy .doc/.xls files.
      if (/\.(docx|xlsx|pptx)$/i.test(file)) {
        throw new ReadError('encrypted', `文件“${file}”是加密（设有打开密码）的 Office 文档，无法读取。请解除密码后另存为 .docx 再试。`);
      }
      throw new ReadError(
        'unsupported',
        `文件“${file}”是旧版 Word/Excel（.doc/.xls）文档，无法直接读取。请用 Word 或 WPS 另存为 .docx 后再试。`,
      );
    default:
      throw new ReadError('unsupported', `文件“${file}”的格式不受支持。请提供 PDF、Word（.docx）、网页（.html）或文本文件。`);
  }
}
