/**
 * PDF syntax for the quick text reader (./index.ts): the objects of a file and of a content stream, read
 * from bytes. Strict where pdfjs is lenient: anything this does not read as pdfjs's Lexer/Parser would
 * (a malformed number, an unterminated string, an unknown keyword) throws Unsupported, and the file is read
 * by pdfjs instead. Numbers are computed by pdfjs's own algorithm (digits accumulated, then one division), so
 * every coordinate is the same double.
 */

/** This file (or page) is outside what the quick reader reads exactly as pdfjs: read it with pdfjs. */
export class Unsupported extends Error {
  override name = 'Unsupported';
}

export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
/**
 * An operator of a content stream (or a keyword such as `obj`, `stream` in a file). Short ones are interned
 * (one object per word), so a content stream's thousands of operators allocate nothing; `id` is free for the
 * interpreter to number the operators it knows.
 */
export class Cmd {
  id = -1;
  constructor(readonly cmd: string) {}
}
const interned = new Map<number, Cmd>();
/** The operator or keyword of 1–3 bytes at b[start, end), interned. */
export function shortCmd(b: Uint8Array, start: number, end: number): Cmd {
  const len = end - start;
  const key = len === 1 ? b[start] : len === 2 ? b[start] | (b[start + 1] << 8) : b[start] | (b[start + 1] << 8) | (b[start + 2] << 16);
  let cmd = interned.get(key);
  if (!cmd) interned.set(key, (cmd = new Cmd(latin1(b, start, end))));
  return cmd;
}
export class Dict {
  readonly map = new Map<string, Obj>();
  get(key: string): Obj | undefined {
    return this.map.get(key);
  }
}
/** A stream: its dictionary and where its raw (still encoded) data lies in the bytes it was read from. */
export class Stream {
  constructor(
    readonly dict: Dict,
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
  ) {}
}
/** Strings are byte strings (one char per byte, 0–255), as pdfjs gives them. */
export type Obj = number | string | boolean | null | Name | Ref | Cmd | Dict | Stream | Obj[];

export const EOF = Symbol('EOF');

// Character classes (pdfjs core/core_utils.js and parser.js): 1 whitespace, 2 delimiter, 0 regular.
export const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** A byte that begins a number (a digit, a sign or a point). */
export const isNumberStart = (c: number) => isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e;
const hexValue = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

/** A token reader over bytes, from `pos` up to `end`. */
export class Lexer {
  pos: number;
  /** Read `n g R` as a reference (objects of a file; content streams have none). */
  refs = true;
  private readonly buf: Buffer;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** After an integer `num`: `gen R` makes it a reference (pos moves past it), or nothing changes. */
  private maybeRef(num: number): Ref | null {
    const b = this.bytes;
    const save = this.pos;
    this.skipSpace();
    let gen = 0;
    let digits = 0;
    // (any number of digits, as pdfjs takes them: `7 1234567 R` is a reference there too)
    while (this.pos < this.end && isDigit(b[this.pos])) {
      gen = gen * 10 + (b[this.pos++] - 0x30);
      digits++;
    }
    if (digits > 0 && this.pos < this.end && CLASS[b[this.pos]] !== 0) {
      this.skipSpace();
      if (b[this.pos] === 0x52 /* R */ && (this.pos + 1 >= this.end || CLASS[b[this.pos + 1]] !== 0)) {
        this.pos++;
        return new Ref(num, gen);
      }
    }
    this.pos = save;
    return null;
  }

  skipSpace(): void {
    const b = this.bytes;
    for (;;) {
      while (this.pos < this.end && CLASS[b[this.pos]] === 1) this.pos++;
      if (this.pos < this.end && b[this.pos] === 0x25 /* % */) {
        while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
        continue;
      }
      return;
    }
  }

  /** The next object (arrays and dictionaries whole), a Cmd for a keyword or operator, or EOF. */
  next(): Obj | typeof EOF {
    this.skipSpace();
    if (this.pos >= this.end) return EOF;
    const b = this.bytes;
    const c = b[this.pos];
    if (isNumberStart(c)) {
      const n = this.number();
      return this.refs && isDigit(c) && Number.isInteger(n) ? (this.maybeRef(n) ?? n) : n;
    }
    switch (c) {
      case 0x28: // (
        return this.literal();
      case 0x2f: // /
        return this.name();
      case 0x5b: {
        // [
        this.pos++;
        const arr: Obj[] = [];
        for (;;) {
          this.skipSpace();
          if (this.pos >= this.end) throw new Unsupported('unterminated array');
          if (b[this.pos] === 0x5d) {
            this.pos++;
            return arr;
          }
          const o = this.next();
          if (o === EOF || o instanceof Cmd) throw new Unsupported('bad array');
          arr.push(o);
          if (arr.length > 1_000_000) throw new Unsupported('array too long');
        }
      }
      case 0x3c: // <
        if (b[this.pos + 1] === 0x3c) return this.dict();
        return this.hex();
      case 0x29:
      case 0x3e:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        throw new Unsupported('stray delimiter');
    }
    const start = this.pos;
    while (this.pos < this.end && CLASS[b[this.pos]] === 0) this.pos++;
    const len = this.pos - start;
    if (len <= 3) return shortCmd(b, start, this.pos);
    const word = latin1(b, start, this.pos);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new Cmd(word);
  }

  private dict(): Dict {
    this.pos += 2;
    const d = new Dict();
    const b = this.bytes;
    for (;;) {
      this.skipSpace();
      if (this.pos + 1 < this.end && b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return d;
      }
      if (this.pos >= this.end) throw new Unsupported('unterminated dictionary');
      const key = this.next();
      if (!(key instanceof Name)) throw new Unsupported('dictionary key is not a name');
      const value = this.next();
      if (value === EOF || value instanceof Cmd) throw new Unsupported('bad dictionary value');
      d.map.set(key.name, value);
    }
  }

  private number(): number {
    const v = scanNumber(this.bytes, this.pos, this.end);
    this.pos = scanEnd;
    return v;
  }

  private name(): Name {
    const b = this.bytes;
    const start = ++this.pos;
    let escaped = false;
    while (this.pos < this.end && CLASS[b[this.pos]] === 0) {
      if (b[this.pos] === 0x23) escaped = true;
      this.pos++;
    }
    if (!escaped) return new Name(latin1(b, start, this.pos));
    let out = '';
    for (let i = start; i < this.pos; i++) {
      if (b[i] === 0x23) {
        const h = hexValue(b[i + 1]);
        const l = hexValue(b[i + 2]);
        if (h < 0 || l < 0 || i + 2 >= this.pos) throw new Unsupported('bad name escape');
        out += String.fromCharCode(h * 16 + l);
        i += 2;
      } else out += String.fromCharCode(b[i]);
    }
    return new Name(out);
  }

  private hex(): string {
    sink.len = 0;
    scanHex(this.bytes, this.pos, this.end, sink);
    this.pos = scanEnd;
    return sink.latin1();
  }

  /** A literal string, with pdfjs's escapes (scanLiteral); most have none, and their bytes are the string. */
  private literal(): string {
    const b = this.bytes;
    for (let i = this.pos + 1; i < this.end; i++) {
      const c = b[i];
      if (c === 0x29) {
        const s = this.buf.toString('latin1', this.pos + 1, i);
        this.pos = i + 1;
        return s;
      }
      if (c === 0x28 || c === 0x5c) break;
    }
    sink.len = 0;
    scanLiteral(b, this.pos, this.end, sink);
    this.pos = scanEnd;
    return sink.latin1();
  }
}

/** Bytes written one at a time into a buffer that grows (the text of string operands). */
export class ByteSink {
  buf = new Uint8Array(4096);
  len = 0;
  push(c: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = c;
  }
  latin1(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.len).toString('latin1');
  }
}
const sink = new ByteSink();

/** Where the last scanNumber, scanHex or scanLiteral stopped. */
export let scanEnd = 0;

/** pdfjs's Lexer.getNumber (digits accumulated, then one division) for a well-formed number at `p`. */
export function scanNumber(b: Uint8Array, p: number, end: number): number {
  let ch = b[p];
  let sign = 1;
  let divideBy = 0;
  if (ch === 0x2d) {
    sign = -1;
    ch = b[++p];
  } else if (ch === 0x2b) ch = b[++p];
  if (ch === 0x2e) {
    divideBy = 10;
    ch = b[++p];
  }
  if (!(p < end && isDigit(ch))) throw new Unsupported('malformed number');
  let value = ch - 0x30;
  let digits = 1;
  for (p++; p < end; p++) {
    ch = b[p];
    if (isDigit(ch)) {
      if (divideBy !== 0) divideBy *= 10;
      value = value * 10 + (ch - 0x30);
      digits++;
    } else if (ch === 0x2e) {
      if (divideBy === 0) divideBy = 1;
      else break;
    } else if (CLASS[ch] === 0) throw new Unsupported('malformed number');
    else break;
  }
  scanEnd = p;
  if (digits > 15) throw new Unsupported('number too long');
  if (divideBy !== 0) value /= divideBy;
  return sign * value;
}

/** A hex string at `p` (its `<`) into `out`: whitespace skipped, an odd last digit as if followed by 0. */
export function scanHex(b: Uint8Array, p: number, end: number, out: ByteSink): void {
  p++;
  let high = -1;
  for (;;) {
    if (p >= end) throw new Unsupported('unterminated hex string');
    const c = b[p++];
    if (c === 0x3e) break;
    if (CLASS[c] === 1) continue;
    const v = hexValue(c);
    if (v < 0) throw new Unsupported('bad hex string');
    if (high < 0) high = v;
    else {
      out.push(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high * 16);
  scanEnd = p;
}

/**
 * A literal string at `p` (its `(`) into `out`, with pdfjs's escapes: \n \r \t \b \f, octal, a line
 * continuation, balanced parentheses, any other escaped character as itself. An octal escape above 255 (pdfjs
 * keeps it as one character above 255) is Unsupported.
 */
export function scanLiteral(b: Uint8Array, p: number, end: number, out: ByteSink): void {
  p++;
  let depth = 1;
  for (;;) {
    if (p >= end) throw new Unsupported('unterminated string');
    let c = b[p++];
    if (c === 0x28) depth++;
    else if (c === 0x29) {
      if (--depth === 0) break;
    } else if (c === 0x5c) {
      if (p >= end) throw new Unsupported('unterminated string');
      c = b[p++];
      switch (c) {
        case 0x6e:
          c = 0x0a;
          break;
        case 0x72:
          c = 0x0d;
          break;
        case 0x74:
          c = 0x09;
          break;
        case 0x62:
          c = 0x08;
          break;
        case 0x66:
          c = 0x0c;
          break;
        case 0x0d:
          if (b[p] === 0x0a) p++;
          continue;
        case 0x0a:
          continue;
        default:
          if (c >= 0x30 && c <= 0x37) {
            let v = c - 0x30;
            for (let k = 0; k < 2 && b[p] >= 0x30 && b[p] <= 0x37; k++) v = v * 8 + (b[p++] - 0x30);
            if (v > 0xff) throw new Unsupported('an octal escape above 255');
            c = v;
          }
      }
    }
    out.push(c);
  }
  scanEnd = p;
}

/** The bytes b[start, end) as a byte string (one char per byte). */
export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}
