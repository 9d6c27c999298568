/**
 * Content-stream tokens for the quick reader's interpreter (./text.ts), read without allocating per token:
 * numbers go to a Float64Array of operands, the bytes of string operands (a Tj's, the strings of a TJ array)
 * to one byte buffer, and a TJ array to three parallel typed arrays. A content stream of a Word or WPS
 * disclosure is tens of thousands of tokens per page, most of them numbers and short strings; building an
 * object for each (pdfjs does) was most of the reader's cold time. Everything else (names, dictionaries,
 * other arrays) goes through the general Lexer (./syntax.ts). The syntax accepted is the Lexer's, strict
 * where pdfjs is lenient: what it cannot read as pdfjs would throws Unsupported.
 */
import { ByteSink, CLASS, Cmd, isNumberStart, Lexer, Name, type Obj, latin1, scanEnd, scanHex, scanLiteral, scanNumber, shortCmd, Unsupported } from './syntax.js';

export const enum Kind {
  Number = 0,
  String = 1,
  /** A TJ array (its elements in tjKind/tjA/tjB). */
  TextArray = 2,
  Other = 3,
}

/** At most this many operands before an operator (pdfjs: 33). */
const MAX_ARGS = 33;

/** Short names by their bytes (./ContentLexer.shortName). */
const names = new Map<number, Name>();

export class ContentLexer {
  private pos = 0;
  private readonly end: number;
  private readonly lexer: Lexer;
  /** Operands of the next operator. */
  argc = 0;
  readonly kind = new Uint8Array(MAX_ARGS + 1);
  /** A number's value; a string's start in `text`. */
  readonly num = new Float64Array(MAX_ARGS + 1);
  /** A string's length in `text`. */
  readonly len = new Int32Array(MAX_ARGS + 1);
  readonly obj: (Obj | undefined)[] = new Array(MAX_ARGS + 1).fill(undefined);
  /** Bytes of this operator's string operands, one after another (`text.buf`, `text.len`). */
  readonly text = new ByteSink();
  /** The TJ array's elements: kind (0 string, 1 number, 2 other), start or value, length. */
  tjCount = 0;
  tjKind = new Uint8Array(256);
  tjA = new Float64Array(256);
  tjB = new Int32Array(256);

  constructor(private readonly bytes: Uint8Array) {
    this.end = bytes.length;
    this.lexer = new Lexer(bytes);
    this.lexer.refs = false;
  }

  /** Read operands up to the next operator and return it (null at the end; `argc` then holds what is left). */
  nextOperator(): Cmd | null {
    this.argc = 0;
    this.text.len = 0;
    const b = this.bytes;
    for (;;) {
      // whitespace and comments
      let p = this.pos;
      for (;;) {
        while (p < this.end && CLASS[b[p]] === 1) p++;
        if (p < this.end && b[p] === 0x25) {
          while (p < this.end && b[p] !== 0x0a && b[p] !== 0x0d) p++;
          continue;
        }
        break;
      }
      this.pos = p;
      if (p >= this.end) return null;
      const c = b[p];
      if (this.argc >= MAX_ARGS) throw new Unsupported('too many operands');
      const k = this.argc;
      if (isNumberStart(c)) {
        this.kind[k] = Kind.Number;
        this.num[k] = this.number();
        this.argc++;
        continue;
      }
      if (c === 0x28 || (c === 0x3c && b[p + 1] !== 0x3c)) {
        this.kind[k] = Kind.String;
        this.num[k] = this.text.len;
        this.stringInto(c);
        this.len[k] = this.text.len - this.num[k];
        this.argc++;
        continue;
      }
      if (c === 0x5b) {
        this.kind[k] = Kind.TextArray;
        this.textArray();
        this.argc++;
        continue;
      }
      if (c === 0x2f) {
        const nm = this.shortName(p);
        if (nm) {
          this.kind[k] = Kind.Other;
          this.obj[k] = nm;
          this.argc++;
          continue;
        }
      } else if (c === 0x3c) {
        // a dictionary (marked-content properties): no operator here reads one, so it is skipped unbuilt
        this.skipDict();
        this.kind[k] = Kind.Other;
        this.obj[k] = undefined;
        this.argc++;
        continue;
      } else if (CLASS[c] === 0) {
        // an operator (every one is 1–3 bytes), read here rather than by the general lexer (a third of the tokens)
        let q = p + 1;
        while (q < this.end && CLASS[b[q]] === 0) q++;
        if (q - p <= 3) {
          this.pos = q;
          return shortCmd(b, p, q);
        }
      }
      // a long name, or another word: the general lexer
      this.lexer.pos = p;
      const o = this.lexer.next();
      this.pos = this.lexer.pos;
      if (o instanceof Cmd) return o;
      this.kind[k] = Kind.Other;
      this.obj[k] = o as Obj;
      this.argc++;
    }
  }

  /** A name of at most 6 plain bytes, interned (one object per name); null for others. */
  private shortName(p: number): Name | null {
    const b = this.bytes;
    let key = 0;
    let q = p + 1;
    for (; q < this.end && CLASS[b[q]] === 0; q++) {
      if (b[q] === 0x23 || q - p > 6) return null;
      key = key * 256 + b[q];
    }
    key = key * 8 + (q - p - 1);
    let nm = names.get(key);
    if (!nm) {
      names.set(key, (nm = new Name(latin1(b, p + 1, q))));
    }
    this.pos = q;
    return nm;
  }

  /** Past a dictionary `<< … >>`, nested ones, strings and comments included. */
  private skipDict(): void {
    const b = this.bytes;
    let p = this.pos + 2;
    let depth = 1;
    while (depth > 0) {
      if (p >= this.end) throw new Unsupported('unterminated dictionary');
      const c = b[p];
      if (c === 0x3c && b[p + 1] === 0x3c) {
        depth++;
        p += 2;
      } else if (c === 0x3e && b[p + 1] === 0x3e) {
        depth--;
        p += 2;
      } else if (c === 0x28 || c === 0x3c) {
        // a string: read past (it may hold `>>` or parentheses), its bytes not kept
        this.pos = p;
        const save = this.text.len;
        this.stringInto(c);
        this.text.len = save;
        p = this.pos;
      } else if (c === 0x25) {
        while (p < this.end && b[p] !== 0x0a && b[p] !== 0x0d) p++;
      } else if (c === 0x7b || c === 0x7d) throw new Unsupported('brace in a dictionary');
      else p++;
    }
    this.pos = p;
  }

  private number(): number {
    const v = scanNumber(this.bytes, this.pos, this.end);
    this.pos = scanEnd;
    return v;
  }

  /** The string at `pos` (a literal `(…)` when c is `(`, else hex `<…>`), its bytes appended to `text`. */
  private stringInto(c: number): void {
    if (c === 0x28) scanLiteral(this.bytes, this.pos, this.end, this.text);
    else scanHex(this.bytes, this.pos, this.end, this.text);
    this.pos = scanEnd;
  }

  /** A TJ array: strings into `text`, numbers as they are; anything else kept as "other". */
  private textArray(): void {
    const b = this.bytes;
    this.pos++;
    this.tjCount = 0;
    for (;;) {
      let p = this.pos;
      while (p < this.end && CLASS[b[p]] === 1) p++;
      this.pos = p;
      if (p >= this.end) throw new Unsupported('unterminated array');
      const c = b[p];
      if (c === 0x5d) {
        this.pos++;
        return;
      }
      if (this.tjCount >= this.tjKind.length) this.growArray();
      const i = this.tjCount++;
      if (isNumberStart(c)) {
        this.tjKind[i] = 1;
        this.tjA[i] = this.number();
      } else if (c === 0x28 || (c === 0x3c && b[p + 1] !== 0x3c)) {
        this.tjKind[i] = 0;
        this.tjA[i] = this.text.len;
        this.stringInto(c);
        this.tjB[i] = this.text.len - this.tjA[i];
      } else {
        // a name, a nested array, … (pdfjs skips them in TJ): read it whole
        this.lexer.pos = p;
        const o = this.lexer.next();
        if (o instanceof Cmd) throw new Unsupported('operator inside an array');
        this.pos = this.lexer.pos;
        this.tjKind[i] = 2;
      }
    }
  }

  private growArray(): void {
    const n = this.tjKind.length * 2;
    if (n > 1 << 20) throw new Unsupported('array too long');
    const k = new Uint8Array(n);
    k.set(this.tjKind);
    const a = new Float64Array(n);
    a.set(this.tjA);
    const bb = new Int32Array(n);
    bb.set(this.tjB);
    this.tjKind = k;
    this.tjA = a;
    this.tjB = bb;
  }

  /** Operand k as a number (Unsupported otherwise). */
  numberAt(k: number): number {
    if (this.kind[k] !== Kind.Number) throw new Unsupported('an operand is not a number');
    return this.num[k];
  }

  /** Operand k as a name (Unsupported otherwise). */
  nameAt(k: number): Name {
    const o = this.obj[k];
    if (this.kind[k] !== Kind.Other || !(o instanceof Name)) throw new Unsupported('an operand is not a name');
    return o;
  }
}
