/**
 * How many pages a PDF file says it has, read from its bytes without pdfjs: the /Count of the root page-tree
 * node (a /Type /Pages dictionary without /Parent), the last one in the file (an incremental update appends a
 * new root), looking into compressed object streams (/ObjStm, inflated with a size cap) as well. pdfjs, given
 * a damaged cross-reference table, rebuilds it and may find fewer pages (one changed byte: 8 of 30) and says
 * nothing; comparing with this count is how the reader notices. One pass over the bytes, no backtracking
 * regexes: linear in the file size. null when no root node is found (then nothing can be compared).
 */
import { inflateSync } from 'node:zlib';

/** At most this many bytes of inflated object streams are looked at (all of them together). */
const MAX_INFLATED = 64 << 20;

export function declaredPageCount(bytes: Uint8Array): number | null {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let found = rootCount(raw);
  let budget = MAX_INFLATED;
  for (const body of objectStreams(raw)) {
    if (budget <= 0) break;
    let text: string;
    try {
      const out = inflateSync(body, { maxOutputLength: budget, finishFlush: 2 /* Z_SYNC_FLUSH: a cut stream gives what it has */ });
      budget -= out.length;
      text = out.toString('latin1');
    } catch {
      continue;
    }
    const c = rootCount(text);
    if (c !== null) found = found === null ? c : Math.max(found, c);
  }
  return found;
}

/** Raw bodies of the /ObjStm streams (between `stream` and `endstream`). */
function* objectStreams(raw: string): Generator<Buffer> {
  for (let at = raw.indexOf('/ObjStm'); at >= 0; at = raw.indexOf('/ObjStm', at + 7)) {
    const s = raw.indexOf('stream', at);
    if (s < 0) return;
    let start = s + 6;
    if (raw[start] === '\r') start++;
    if (raw[start] === '\n') start++;
    const end = raw.indexOf('endstream', start);
    if (end < 0) return;
    // A dictionary between /ObjStm and `stream` is the stream's own; a second `obj` in between means /ObjStm was
    // not in a stream dictionary (a name in some other object): skip.
    if (raw.lastIndexOf(' obj', s) > at) continue;
    yield Buffer.from(raw.slice(start, end), 'latin1');
    at = end;
  }
}

/** /Count of the last /Type /Pages dictionary without /Parent in this text, or null. */
function rootCount(s: string): number | null {
  let found: number | null = null;
  const re = /\/Type\s*\/Pages(?![A-Za-z0-9])/g;
  // A real page tree has a few nodes per ten pages; a file made of "/Type /Pages" is not worth a quadratic walk.
  let nodes = 0;
  for (let m = re.exec(s); m && nodes++ < 2000; m = re.exec(s)) {
    const dict = enclosingDict(s, m.index);
    if (!dict || /\/Parent(?![A-Za-z0-9])/.test(dict)) continue;
    const c = /\/Count\s+(\d{1,9})(?![\d.])/.exec(dict);
    if (c) found = Number(c[1]);
    re.lastIndex = m.index + m[0].length;
  }
  return found;
}

/** The `<< … >>` around position `at` at its own nesting level, its nested dictionaries blanked; null if unbalanced. */
function enclosingDict(s: string, at: number, limit = 1 << 14): string | null {
  let depth = 0;
  let start = -1;
  for (let i = at; i > 0 && at - i < limit; i--) {
    if (s[i] === '>' && s[i - 1] === '>') {
      depth++;
      i--;
    } else if (s[i] === '<' && s[i - 1] === '<') {
      if (depth === 0) {
        start = i - 1;
        break;
      }
      depth--;
      i--;
    }
  }
  if (start < 0) return null;
  let out = '';
  depth = 0;
  for (let i = start + 2; i < s.length && i - start < limit; i++) {
    if (s[i] === '<' && s[i + 1] === '<') {
      depth++;
      i++;
    } else if (s[i] === '>' && s[i + 1] === '>') {
      if (depth === 0) return out;
      depth--;
      i++;
    } else if (depth === 0) out += s[i];
  }
  return null;
}

/** The bytes carry a PDF header: `%PDF-` within the first 1024 bytes (junk may come before it; the spec allows it). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.byteLength)).includes('%PDF-');
}
