/**
 * What an upload is, judged by its bytes (never its name): PDF, DOCX (a zip holding word/document.xml),
 * HTML, plain text (UTF-8/UTF-16/GB18030 without binary bytes) or a JSON model. Anything else is refused.
 */
import { detectFormat } from '../readers/index.js';
import { decodeText } from '../readers/encoding.js';

interface Sniffed {
  kind: 'upload' | 'model';
  ext: 'pdf' | 'docx' | 'html' | 'txt' | 'md' | 'json';
}

/** `name` only tells text from Markdown (both are text by content; Markdown is read with its headings). */
export function sniff(bytes: Uint8Array, name = ''): Sniffed | null {
  if (bytes.length === 0) return null;
  const f = detectFormat(bytes, 'upload');
  if (f === 'pdf') return { kind: 'upload', ext: 'pdf' };
  if (f === 'docx') {
    // A zip is a .docx only if it holds the Word body part (names are stored uncompressed in the directory).
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml') ? { kind: 'upload', ext: 'docx' } : null;
  }
  if (f === 'html') return { kind: 'upload', ext: 'html' };
  if (f !== 'text') return null;
  let text: string;
  try {
    text = decodeText(bytes, 'upload').text;
  } catch {
    return null;
  }
  const t = text.replace(/^\ufeff/, '').trimStart();
  if (t.startsWith('{')) {
    try {
      const v = JSON.parse(t) as Record<string, unknown>;
      if (v && typeof v === 'object' && 'schemaVersion' in v) return { kind: 'model', ext: 'json' };
    } catch {
      /* text that happens to start with a brace */
    }
  }
  if (/^<(!doctype|html|head|body|table|div|p)\b/i.test(t)) return { kind: 'upload', ext: 'html' };
  return { kind: 'upload', ext: /\.(md|markdown)$/i.test(name) ? 'md' : 'txt' };
}

/** The name kept for display: no path, no control characters, at most 120 characters, extension from the content. */
export function safeFilename(name: string | undefined, ext: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,6}$/, '').slice(0, 120) || 'document';
  return `${stem}.${ext}`;
}
