/**
 * Decoding plain-text bytes whose encoding nobody declared: BOMs first (UTF-8, UTF-16LE/BE), then UTF-16
 * without a BOM recognised by its NUL pattern, then strict UTF-8, else GB18030 (a superset of GBK/GB2312)
 * via iconv-lite. Bytes that decode to mostly control characters or replacement characters are binary.
 */
import { createRequire } from 'node:module';
import { ReadError } from './types.js';

let iconvLib: typeof import('iconv-lite') | undefined;
/**
 * iconv-lite, loaded the first time a text needs it (UTF-16, GB18030, a page's declared charset): every check
 * loads this module, most never decode anything but UTF-8, and loading iconv-lite (it also loads Node's
 * streams) took ~2 ms of each worker's start.
 */
export function iconvLite(): typeof import('iconv-lite') {
  return (iconvLib ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite'));
}

type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

interface Decoded {
  text: string;
  encoding: TextEncoding;
}

/** How many leading bytes the heuristics look at. */
const SAMPLE = 64 * 1024;

/** UTF-16 without BOM: text with ASCII (newlines, digits) has NULs in one byte of most pairs and not in the other. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.05 && evenNul <= oddNul * 0.15) return plausibleUtf16(bytes, 'utf-16le') ? 'utf-16le' : null;
  if (evenNul >= pairs * 0.05 && oddNul <= evenNul * 0.15) return plausibleUtf16(bytes, 'utf-16be') ? 'utf-16be' : null;
  return null;
}

/** Most code units of real UTF-16 text are printable ASCII, whitespace, CJK or CJK punctuation. */
function plausibleUtf16(bytes: Uint8Array, enc: 'utf-16le' | 'utf-16be'): boolean {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  let good = 0;
  for (let i = 0; i < n; i += 2) {
    const u = enc === 'utf-16le' ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    if ((u >= 0x20 && u < 0x7f) || u === 9 || u === 10 || u === 13 || (u >= 0x3000 && u <= 0x9fff) || (u >= 0xff00 && u <= 0xffef) || (u >= 0x2000 && u <= 0x206f)) good++;
  }
  return good >= (n / 2) * 0.9;
}

/**
 * UTF-8 if the bytes are UTF-8: strictly valid, or with a few broken sequences (a page cut mid-character,
 * a stray byte) among many good multi-byte characters. GBK bytes read as UTF-8 break almost every character.
 */
function utf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let bad = 0;
    let wide = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xfffd) bad++;
      else if (c >= 0x80) wide++;
    }
    return wide >= bad * 50 ? text : null;
  }
}

function utf16(bytes: Uint8Array, enc: 'utf-16le' | 'utf-16be', skip: number): string {
  const body = bytes.subarray(skip, skip + ((bytes.length - skip) & ~1));
  return iconvLite().decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), enc === 'utf-16le' ? 'utf16le' : 'utf16be');
}

/** Decode text bytes; throws ReadError('binary') when the result is not text. */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  let d: Decoded;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    d = { text: utf8Strict(bytes.subarray(3)) ?? new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    d = { text: utf16(bytes, 'utf-16le', 2), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    d = { text: utf16(bytes, 'utf-16be', 2), encoding: 'utf-16be' };
  } else {
    const u16 = sniffUtf16(bytes);
    const u8 = u16 ? null : utf8Strict(bytes);
    if (u16) d = { text: utf16(bytes, u16, 0), encoding: u16 };
    else if (u8 !== null) d = { text: u8, encoding: 'utf-8' };
    else d = { text: iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
  }
  if (looksBinary(d.text)) {
    throw new ReadError('binary', `文件“${file}”不是文本文件（含有大量无法识别的二进制字节），无法读取。请提供 PDF、Word（.docx）、网页或文本文件。`);
  }
  return d;
}

/** Control characters (other than tab, newline, CR, form feed) or U+FFFD in more than 1% of the sample. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad > Math.max(2, n * 0.01);
}

export function encodingName(e: TextEncoding): string {
  return { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8（带 BOM）', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030/GBK' }[e];
}
