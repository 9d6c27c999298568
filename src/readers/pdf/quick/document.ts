/**
 * The objects of a PDF file for the quick text reader: the cross-reference chain (tables, streams and the
 * hybrid files Word writes) read as pdfjs's XRef reads it (newest first, the first entry for a number wins,
 * free entries included), objects in object streams, Flate-encoded streams inflated with zlib, and the page
 * tree walked in order. A file this cannot read exactly (encrypted, a damaged table pdfjs would rebuild, an
 * offset that does not hold its object, a filter other than Flate, a stream failing zlib's check) throws
 * Unsupported: pdfjs reads it, with its repairs and its reports of damage.
 */
import { inflateSync } from 'node:zlib';
import { Cmd, Dict, EOF, Lexer, Name, type Obj, Ref, Stream, Unsupported } from './syntax.js';

/** Decoded streams larger than this, or more than this in all, are not read here (pdfjs reads the file). */
const MAX_DECODED = 64 << 20;
const MAX_DECODED_TOTAL = 256 << 20;
/** Cross-reference entries read at most (a 20 MB file of three-byte xref-stream entries would give millions). */
const MAX_ENTRIES = 1_000_000;
/** Objects of the file read at most (the pages, their resources, fonts and forms need a few hundred). */
const MAX_FETCHES = 200_000;
/** Page-tree depth and node count walked at most. */
const MAX_DEPTH = 64;
const MAX_PAGES = 100_000;

type Entry = { free: true } | { offset: number; gen: number } | { stm: number; index: number };

export interface PageNode {
  dict: Dict;
  ref: Ref | null;
}

export class PdfFile {
  private readonly entries = new Map<number, Entry>();
  private readonly cache = new Map<number, Obj>();
  private readonly objStms = new Map<number, { data: Uint8Array; offsets: number[]; nums: number[] }>();
  private readonly decoded = new WeakMap<Stream, Uint8Array>();
  private fetches = 0;
  private decodedTotal = 0;
  readonly trailer: Dict;

  constructor(readonly bytes: Uint8Array) {
    this.trailer = this.readXref();
    if (this.trailer.get('Encrypt') !== undefined) throw new Unsupported('encrypted');
  }

  /** pdfjs's XRef.readXRef: a queue from startxref, each table's XRefStm then its Prev. */
  private readXref(): Dict {
    const start = this.startxref();
    const queue = [start];
    const seen = new Set<number>();
    let top: Dict | null = null;
    while (queue.length) {
      const at = queue.shift()!;
      if (seen.has(at) || seen.size > 100) continue;
      seen.add(at);
      if (!Number.isInteger(at) || at < 0 || at >= this.bytes.length) throw new Unsupported('xref offset out of range');
      const lx = new Lexer(this.bytes, at);
      const first = lx.next();
      let dict: Dict;
      if (first instanceof Cmd && first.cmd === 'xref') {
        dict = this.readTable(lx);
        const stm = dict.get('XRefStm');
        if (Number.isInteger(stm)) queue.push(stm as number);
      } else if (Number.isInteger(first)) {
        const gen = lx.next();
        const kw = lx.next();
        if (!Number.isInteger(gen) || !(kw instanceof Cmd) || kw.cmd !== 'obj') throw new Unsupported('startxref does not point at an xref');
        const s = this.readObjectBody(lx);
        if (!(s instanceof Stream) || !(s.dict.get('Type') instanceof Name) || (s.dict.get('Type') as Name).name !== 'XRef') throw new Unsupported('not an xref stream');
        this.readXrefStream(s);
        dict = s.dict;
      } else throw new Unsupported('startxref does not point at an xref');
      top ??= dict;
      const prev = dict.get('Prev');
      if (Number.isInteger(prev)) queue.push(prev as number);
    }
    if (!top) throw new Unsupported('no trailer');
    return top;
  }

  private startxref(): number {
    const b = this.bytes;
    const tail = Math.max(0, b.length - 1024);
    const text = Buffer.from(b.buffer, b.byteOffset + tail, b.length - tail).toString('latin1');
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
    if (!m) throw new Unsupported('no startxref at the end');
    return Number(m[1]);
  }

  private readTable(lx: Lexer): Dict {
    for (;;) {
      const a = lx.next();
      if (a instanceof Cmd && a.cmd === 'trailer') break;
      const count = lx.next();
      if (!Number.isInteger(a) || !Number.isInteger(count)) throw new Unsupported('bad xref subsection');
      let first = a as number;
      for (let i = 0; i < (count as number); i++) {
        let offset: Obj | typeof EOF;
        let gen: Obj | typeof EOF;
        let free: boolean;
        const fixed = this.fixedEntry(lx);
        if (fixed) [offset, gen, free] = fixed;
        else {
          offset = lx.next();
          gen = lx.next();
          const type = lx.next();
          if (!(type instanceof Cmd) || (type.cmd !== 'f' && type.cmd !== 'n')) throw new Unsupported('bad xref entry');
          free = type.cmd === 'f';
        }
        if (!Number.isInteger(offset) || !Number.isInteger(gen)) throw new Unsupported('bad xref entry');
        if (i === 0 && free && first === 1) first = 0;
        this.addEntry(first + i, free ? { free: true } : { offset: offset as number, gen: gen as number });
      }
    }
    const e0 = this.entries.get(0);
    if (e0 && !('free' in e0)) throw new Unsupported('xref table: unexpected first object');
    const d = lx.next();
    if (!(d instanceof Dict)) throw new Unsupported('no trailer dictionary');
    return d;
  }

  private addEntry(num: number, e: Entry): void {
    if (this.entries.has(num)) return;
    if (this.entries.size >= MAX_ENTRIES) throw new Unsupported('too many cross-reference entries');
    this.entries.set(num, e);
  }

  /** An entry in the table's own layout (`0000012345 00000 n` and an end of line), read by position; else null. */
  private fixedEntry(lx: Lexer): [number, number, boolean] | null {
    lx.skipSpace();
    const b = this.bytes;
    const p = lx.pos;
    if (p + 18 > b.length || b[p + 10] !== 0x20 || b[p + 16] !== 0x20) return null;
    const t = b[p + 17];
    if (t !== 0x6e && t !== 0x66) return null;
    const next = b[p + 18];
    if (next !== undefined && next !== 0x20 && next !== 0x0d && next !== 0x0a) return null;
    let offset = 0;
    for (let i = 0; i < 10; i++) {
      const c = b[p + i] - 0x30;
      if (c < 0 || c > 9) return null;
      offset = offset * 10 + c;
    }
    let gen = 0;
    for (let i = 11; i < 16; i++) {
      const c = b[p + i] - 0x30;
      if (c < 0 || c > 9) return null;
      gen = gen * 10 + c;
    }
    lx.pos = p + 18;
    return [offset, gen, t === 0x66];
  }

  private readXrefStream(s: Stream): void {
    const w = s.dict.get('W');
    if (!Array.isArray(w) || w.length < 3 || !w.every((x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 8)) throw new Unsupported('bad xref stream /W');
    const [w0, w1, w2] = w as number[];
    const size = s.dict.get('Size');
    const index = (s.dict.get('Index') ?? [0, size]) as Obj[];
    if (!Array.isArray(index) || index.length % 2 !== 0) throw new Unsupported('bad xref stream /Index');
    const data = this.decode(s);
    let pos = 0;
    const field = (n: number) => {
      let v = 0;
      for (let j = 0; j < n; j++) {
        if (pos >= data.length) throw new Unsupported('xref stream too short');
        v = v * 256 + data[pos++];
      }
      return v;
    };
    for (let r = 0; r < index.length; r += 2) {
      const first = index[r];
      const n = index[r + 1];
      if (!Number.isInteger(first) || !Number.isInteger(n)) throw new Unsupported('bad xref stream range');
      for (let i = 0; i < (n as number); i++) {
        const type = w0 === 0 ? 1 : field(w0);
        const a = field(w1);
        const b = field(w2);
        const num = (first as number) + i;
        if (type === 0) this.addEntry(num, { free: true });
        else if (type === 1) this.addEntry(num, { offset: a, gen: b });
        else if (type === 2) this.addEntry(num, { stm: a, index: b });
        else throw new Unsupported('bad xref entry type');
      }
    }
  }

  /** After `n g obj`: the object, a stream when `stream` follows its dictionary. */
  private readObjectBody(lx: Lexer): Obj {
    const o = lx.next();
    if (o === EOF || o instanceof Cmd) throw new Unsupported('empty object');
    // (an indirect reference as the whole body, `5 0 obj 7 0 R endobj`, is the Lexer's: it reads `7 0 R` as one Ref)
    const save = lx.pos;
    const next = lx.next();
    if (next instanceof Cmd && next.cmd === 'stream') {
      if (!(o instanceof Dict)) throw new Unsupported('stream without dictionary');
      const b = this.bytes;
      let start = lx.pos;
      if (b[start] === 0x0d) start++;
      if (b[start] === 0x0a) start++;
      const len = this.resolve(o.get('Length'));
      if (!Number.isInteger(len) || (len as number) < 0 || start + (len as number) > b.length) throw new Unsupported('bad stream length');
      const end = start + (len as number);
      const after = new Lexer(b, end);
      const kw = after.next();
      if (!(kw instanceof Cmd) || kw.cmd !== 'endstream') throw new Unsupported('stream length does not reach endstream');
      return new Stream(o, b, start, end);
    }
    lx.pos = save;
    return o;
  }

  /** The object a reference points at (null for a free or missing entry, as pdfjs gives). */
  fetch(ref: Ref): Obj {
    const hit = this.cache.get(ref.num);
    if (hit !== undefined) return hit;
    if (++this.fetches > MAX_FETCHES) throw new Unsupported('too many objects');
    const e = this.entries.get(ref.num);
    if (!e || 'free' in e) throw new Unsupported('reference to a free or missing object');
    let o: Obj;
    if ('offset' in e) {
      if (e.gen !== ref.gen || e.offset <= 0 || e.offset >= this.bytes.length) throw new Unsupported('bad object offset');
      const lx = new Lexer(this.bytes, e.offset);
      const n = lx.next();
      const g = lx.next();
      const kw = lx.next();
      if (n !== ref.num || g !== ref.gen || !(kw instanceof Cmd) || kw.cmd !== 'obj') throw new Unsupported('object not at its offset');
      o = this.readObjectBody(lx);
    } else {
      o = this.fromObjectStream(ref.num, e.stm, e.index);
    }
    this.cache.set(ref.num, o);
    return o;
  }

  private fromObjectStream(num: number, stmNum: number, index: number): Obj {
    let stm = this.objStms.get(stmNum);
    if (!stm) {
      const s = this.fetch(new Ref(stmNum, 0));
      if (!(s instanceof Stream)) throw new Unsupported('object stream is not a stream');
      const n = s.dict.get('N');
      const first = s.dict.get('First');
      if (!Number.isInteger(n) || !Number.isInteger(first)) throw new Unsupported('bad object stream');
      const data = this.decode(s);
      const lexer = new Lexer(data);
      stm = { data, offsets: [], nums: [] };
      for (let i = 0; i < (n as number); i++) {
        const on = lexer.next();
        const off = lexer.next();
        if (!Number.isInteger(on) || !Number.isInteger(off)) throw new Unsupported('bad object stream header');
        stm.offsets.push((first as number) + (off as number));
        stm.nums.push(on as number);
      }
      this.objStms.set(stmNum, stm);
    }
    const at = stm.offsets[index];
    if (at === undefined || stm.nums[index] !== num) throw new Unsupported('object not in its object stream');
    const lx = new Lexer(stm.data, at);
    const o = lx.next();
    if (o === EOF || o instanceof Cmd) throw new Unsupported('bad object in object stream');
    return o; // (`7 0 R` there is one Ref, read by the Lexer)
  }

  resolve(o: Obj | undefined): Obj | undefined {
    let hops = 0;
    while (o instanceof Ref) {
      if (++hops > 32) throw new Unsupported('reference chain');
      o = this.fetch(o);
    }
    return o;
  }

  /** A dictionary entry, references followed. */
  get(d: Dict, key: string): Obj | undefined {
    return this.resolve(d.get(key));
  }

  /** A stream's data, decoded (no filter or FlateDecode, with PNG predictors); anything else is Unsupported. */
  decode(s: Stream): Uint8Array {
    const hit = this.decoded.get(s);
    if (hit) return hit;
    let filter = this.resolve(s.dict.get('Filter'));
    let parms = this.resolve(s.dict.get('DecodeParms'));
    if (Array.isArray(filter)) {
      if (filter.length > 1) throw new Unsupported('filter chain');
      filter = this.resolve(filter[0]);
      parms = Array.isArray(parms) ? this.resolve(parms[0]) : parms;
    }
    const raw = s.bytes.subarray(s.start, s.end);
    let out: Uint8Array;
    if (filter === undefined || filter === null) out = raw;
    else if (filter instanceof Name && filter.name === 'FlateDecode') {
      try {
        out = inflateSync(raw, { maxOutputLength: Math.min(MAX_DECODED, MAX_DECODED_TOTAL - this.decodedTotal) });
      } catch {
        throw new Unsupported('a Flate stream fails zlib, or inflates beyond the budget');
      }
      this.decodedTotal += out.length;
      if (parms instanceof Dict) out = this.unpredict(out, parms);
      else if (parms !== undefined && parms !== null) throw new Unsupported('bad DecodeParms');
    } else throw new Unsupported('unsupported filter');
    this.decoded.set(s, out);
    return out;
  }

  private unpredict(data: Uint8Array, parms: Dict): Uint8Array {
    const predictor = this.resolve(parms.get('Predictor')) ?? 1;
    if (predictor === 1) return data;
    if (!Number.isInteger(predictor) || (predictor as number) < 10) throw new Unsupported('unsupported predictor');
    const colors = (this.resolve(parms.get('Colors')) ?? 1) as number;
    const bpc = (this.resolve(parms.get('BitsPerComponent')) ?? 8) as number;
    const columns = (this.resolve(parms.get('Columns')) ?? 1) as number;
    if (![colors, bpc, columns].every((x) => Number.isInteger(x) && x > 0) || bpc !== 8 || colors > 4) throw new Unsupported('unsupported predictor parameters');
    const bpp = colors;
    const rowLen = colors * columns;
    const rows = Math.floor(data.length / (rowLen + 1));
    if (rows * (rowLen + 1) !== data.length) throw new Unsupported('predicted data not whole rows');
    const out = new Uint8Array(rows * rowLen);
    for (let r = 0; r < rows; r++) {
      const type = data[r * (rowLen + 1)];
      const src = r * (rowLen + 1) + 1;
      const dst = r * rowLen;
      for (let i = 0; i < rowLen; i++) {
        const x = data[src + i];
        const left = i >= bpp ? out[dst + i - bpp] : 0;
        const up = r > 0 ? out[dst - rowLen + i] : 0;
        const upLeft = r > 0 && i >= bpp ? out[dst - rowLen + i - bpp] : 0;
        let v: number;
        switch (type) {
          case 0:
            v = x;
            break;
          case 1:
            v = x + left;
            break;
          case 2:
            v = x + up;
            break;
          case 3:
            v = x + ((left + up) >> 1);
            break;
          case 4: {
            const p = left + up - upLeft;
            const pa = Math.abs(p - left);
            const pb = Math.abs(p - up);
            const pc = Math.abs(p - upLeft);
            v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
            break;
          }
          default:
            throw new Unsupported('bad PNG predictor row');
        }
        out[dst + i] = v & 0xff;
      }
    }
    return out;
  }

  /** The pages in order, as pdfjs counts them (the root's /Count must match the leaves found). */
  pages(): PageNode[] {
    const root = this.get(this.trailer, 'Root');
    if (!(root instanceof Dict)) throw new Unsupported('no catalog');
    const top = root.get('Pages');
    const topDict = this.resolve(top);
    if (!(topDict instanceof Dict)) throw new Unsupported('no page tree');
    const count = this.get(topDict, 'Count');
    if (!Number.isInteger(count)) throw new Unsupported('no page count');
    const out: PageNode[] = [];
    const seen = new Set<number>();
    /** Leaves under the node; every /Pages node's /Count must match (pdfjs finds a page by the counts). */
    const walk = (node: Obj | undefined, ref: Ref | null, depth: number): number => {
      if (depth > MAX_DEPTH || out.length > MAX_PAGES) throw new Unsupported('page tree too deep or large');
      if (ref) {
        if (seen.has(ref.num)) throw new Unsupported('page tree cycle');
        seen.add(ref.num);
      }
      if (!(node instanceof Dict)) throw new Unsupported('page tree node is not a dictionary');
      const type = this.get(node, 'Type');
      const kids = this.get(node, 'Kids');
      if (Array.isArray(kids) && !(type instanceof Name && type.name === 'Page')) {
        let n = 0;
        for (const k of kids) n += walk(this.resolve(k), k instanceof Ref ? k : null, depth + 1);
        if (this.get(node, 'Count') !== n) throw new Unsupported('a page-tree /Count differs from its pages');
        return n;
      }
      if (type instanceof Name && type.name === 'Page' && kids === undefined) {
        out.push({ dict: node, ref });
        return 1;
      }
      throw new Unsupported('page tree node of unknown kind');
    };
    if (walk(topDict, top instanceof Ref ? top : null, 0) !== count) throw new Unsupported('page count differs from the page tree');
    return out;
  }
}
