/**
 * Plain-text (and Markdown) reader: bytes in, SourceDoc out. Detects the encoding (encoding.ts), turns
 * CRLF/CR line ends into \n (line numbers are unchanged), refuses empty, binary and oversized input with a
 * ReadError, and exposes tab-separated / pipe tables with their cell offsets (text-tables.ts).
 */
import { finishDoc } from './build.js';
import { decodeText, encodingName } from './encoding.js';
import { findTextTables } from './text-tables.js';
import { ReadError, type SourceDoc } from './types.js';
import { mib as mb } from '../core/size.js';

interface ReadOptions {
  /** Refuse inputs larger than this many bytes (default 20 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export function checkSize(bytes: Uint8Array, file: string, opts: ReadOptions = {}): void {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) {
    throw new ReadError('too-large', `文件“${file}”有 ${mb(bytes.length)} MB，超过了 ${mb(max)} MB 的上限，未读取。`);
  }
}

export function emptyError(file: string): ReadError {
  return new ReadError('empty', `文件“${file}”是空的，没有可读的文字。`);
}

/** Whitespace in the wide sense (including the ideographic space and BOM). */
export function isBlankText(s: string): boolean {
  return /^[\s\u3000\ufeff\u200b]*$/u.test(s);
}

export function readText(bytes: Uint8Array, file: string, opts: ReadOptions & { format?: 'text' | 'md' } = {}): SourceDoc {
  checkSize(bytes, file, opts);
  if (bytes.length === 0) throw emptyError(file);
  const { text: raw, encoding } = decodeText(bytes, file);
  if (isBlankText(raw)) throw emptyError(file);
  const notes: string[] = [];
  if (encoding !== 'utf-8') notes.push(`文本编码为 ${encodingName(encoding)}，已转换`);
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    notes.push('行尾 CR/CRLF 已统一为 LF');
  }
  return finishDoc(file, opts.format ?? 'text', text, findTextTables(text), notes);
}
