/**
 * Compressed streams that are damaged though pdfjs reads them without a word. pdfjs inflates a Flate stream
 * without checking its Adler-32 checksum, so a changed byte inside a page's content stream (or a font it uses)
 * may decode to different operators or text: a table row lost, a figure changed, and no error anywhere (16
 * changed bytes in a corpus PDF lost a row of 表2 that way). zlib checks the data: every Flate stream of the
 * file (images aside) is inflated here, and the pages that reach a stream failing the check, through their
 * contents and resources, are named. One pass over the bytes for the objects, a bounded walk per page.
 */
import { inflateRawSync, inflateSync } from 'node:zlib';

/** At most this many bytes are inflated per stream and in all (larger streams are not checked). */
const MAX_STREAM = 32 << 20;
const MAX_TOTAL = 128 << 20;
/** Objects a page's walk may visit (a page with its fonts and forms reaches a few dozen). */
const MAX_WALK = 5000;
/** References followed in all pages' walks together (a page beyond it counts as not walked). */
const MAX_STEPS = 2_000_000;

interface RawObject {
  /** The dictionary (a stream's) or the whole body, as latin1 text. */
  dict: string;
  /** A Flate stream's data. */
  data?: Buffer;
}

interface BrokenStreams {
  /** Object number → why the stream failed zlib's check. */
  broken: Map<number, string>;
  /** Page number → the broken objects it reaches. */
  pages: Map<number, number[]>;
  /** Broken streams no page was found to reach, while some page objects could not be walked (object streams). */
  unplaced: number[];
}

const OBJ = /(\d{1,10})\s+\d{1,5}\s+obj\b/g;
const REF = /(\d{1,10})\s+\d{1,5}\s+R\b/g;

/** The file's objects by number (a later definition, from an incremental update, wins). */
function scanObjects(raw: string, bytes: Buffer): Map<number, RawObject> {
  const objs = new Map<number, RawObject>();
  // The next `endobj` / `stream` at or after a position, remembered: a file of many objects without either
  // would otherwise be searched to its end once per object (quadratic).
  const next = (word: string) => {
    let found = -2;
    return (from: number) => {
      if (found === -1 || (found >= from && found !== -2)) return found;
      found = raw.indexOf(word, from);
      return found;
    };
  };
  const nextEnd = next('endobj');
  const nextStream = next('stream');
  const nextEndstream = next('endstream');
  OBJ.lastIndex = 0;
  for (let m = OBJ.exec(raw); m; m = OBJ.exec(raw)) {
    const at = m.index + m[0].length;
    const end = nextEnd(at);
    const st = nextStream(at);
    if (st >= 0 && st - at < 65536 && (end < 0 || st < end) && raw.slice(st - 3, st) !== 'end') {
      const dict = raw.slice(at, st);
      let start = st + 6;
      if (raw[start] === '\r') start++;
      if (raw[start] === '\n') start++;
      const len = /\/Length\s+(\d{1,10})\b(?!\s+\d+\s+R)/.exec(dict);
      let stop = len ? start + Number(len[1]) : -1;
      if (stop < 0 || stop > raw.length || !/^\s*endstream/.test(raw.slice(stop, stop + 20))) stop = nextEndstream(start);
      if (stop < 0) break;
      objs.set(Number(m[1]), { dict, data: /\/FlateDecode/.test(dict) ? bytes.subarray(start, stop) : undefined });
      OBJ.lastIndex = stop;
    } else {
      // (a dictionary is short; one without an end nearby is cut, and the next object is looked for after it)
      objs.set(Number(m[1]), { dict: raw.slice(at, end < 0 ? Math.min(raw.length, at + 65536) : Math.min(end, at + 65536)) });
      if (end >= 0 && end - at <= 65536) OBJ.lastIndex = end;
    }
  }
  return objs;
}

/** Flate streams (images aside: their damage costs no text) that fail zlib's check, with why. */
function brokenFlate(objs: Map<number, RawObject>): Map<number, string> {
  const broken = new Map<number, string>();
  let budget = MAX_TOTAL;
  for (const [num, o] of objs) {
    if (!o.data || /\/Subtype\s*\/Image/.test(o.dict)) continue;
    // Only a stream whose one filter is Flate (a chain would need the other decoders first).
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(o.dict)?.[1] ?? '';
    if ((filter.match(/\/[A-Za-z0-9]+/g) ?? []).length !== 1) continue;
    if (budget <= 0) break;
    try {
      budget -= inflateSync(o.data, { maxOutputLength: Math.min(MAX_STREAM, budget) }).length;
    } catch (e) {
      if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        budget -= MAX_STREAM; // too large to check here: not judged
        continue;
      }
      const why = (e as Error).message ?? '';
      // A stream whose deflate data ends whole but whose Adler-32 is missing or cut (some producers write it
      // so; /Length a few bytes short): pdfjs reads every byte of the text from it, so it is not damage.
      if (/unexpected end/.test(why) && completeWithoutChecksum(o.data)) continue;
      broken.set(num, /data check/.test(why) ? '校验和不符' : /unexpected end/.test(why) ? '数据不完整' : '压缩数据无效');
    }
  }
  return broken;
}

/** The deflate data after the 2-byte zlib header reaches its final block (only the trailing checksum is short). */
function completeWithoutChecksum(data: Uint8Array): boolean {
  try {
    inflateRawSync(data.subarray(2), { maxOutputLength: MAX_STREAM });
    return true;
  } catch {
    return false;
  }
}

/** Objects referred to by an object's dictionary, not its parent, annotations or outline links (read once each). */
function refsOf(objs: Map<number, RawObject>, cache: Map<number, number[] | null>, num: number): number[] | null {
  let out = cache.get(num);
  if (out !== undefined) return out;
  const o = objs.get(num);
  if (!o) out = null; // in an object stream (or missing): not walked further
  else {
    const dict = o.dict.replace(/\/(?:Parent|P|Annots|StructParent|B|Dest|Prev|Next|First|Last)\s+\d+\s+\d+\s+R/g, '');
    out = [];
    REF.lastIndex = 0;
    for (let m = REF.exec(dict); m; m = REF.exec(dict)) out.push(Number(m[1]));
  }
  cache.set(num, out);
  return out;
}

/** The objects a page reaches (its contents, resources, fonts, forms …); `whole` when the walk saw all of them. */
function reach(objs: Map<number, RawObject>, cache: Map<number, number[] | null>, page: number, budget: { steps: number }): { seen: Set<number>; whole: boolean } {
  const seen = new Set<number>([page]);
  const todo = [page];
  let whole = true;
  while (todo.length && seen.size < MAX_WALK && budget.steps > 0) {
    const refs = refsOf(objs, cache, todo.pop()!);
    if (!refs) {
      whole = false;
      continue;
    }
    budget.steps -= refs.length + 1;
    for (const n of refs) {
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  return { seen, whole: whole && todo.length === 0 };
}

/**
 * The broken Flate streams of the file and the pages reaching them. `pageRefs[i]` is the object number of page
 * i+1 (from pdfjs), null when unknown. Null when no stream is broken.
 */
export function brokenStreams(bytes: Uint8Array, pageRefs: (number | null)[]): BrokenStreams | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = buf.toString('latin1');
  // An encrypted file (often only against copying, opened without a password) has its streams encrypted before
  // they are compressed: their raw bytes are no zlib data, and pdfjs decrypts them. Not checked here.
  if (/\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/.test(raw)) return null;
  const objs = scanObjects(raw, buf);
  const broken = brokenFlate(objs);
  if (broken.size === 0) return null;
  const pages = new Map<number, number[]>();
  const placed = new Set<number>();
  let allWalked = true;
  const cache = new Map<number, number[] | null>();
  const budget = { steps: MAX_STEPS };
  pageRefs.forEach((ref, i) => {
    if (ref === null) {
      allWalked = false;
      return;
    }
    const { seen, whole } = reach(objs, cache, ref, budget);
    if (!whole) allWalked = false;
    const hit = [...broken.keys()].filter((n) => seen.has(n));
    if (hit.length) pages.set(i + 1, hit);
    for (const n of hit) placed.add(n);
  });
  const unplaced = allWalked ? [] : [...broken.keys()].filter((n) => !placed.has(n));
  return { broken, pages, unplaced };
}
