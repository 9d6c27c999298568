/**
 * Fonts for the quick text reader: the text and advance of each character code, as pdfjs's PartialEvaluator
 * and Font give them (pdf.worker.mjs: extractWidths, readToUnicode, buildToUnicode, amendFallbackToUnicode,
 * Font._charToGlyph), for the fonts whose text never depends on the font program:
 * - a horizontal composite font (Type0, /Encoding /Identity-H, CIDFontType0 or CIDFontType2) with its own
 *   ToUnicode map: every code's text is the map's (pdfjs rebuilds a map only for codes the included one lacks);
 *   advances from /W and /DW;
 * - a simple TrueType font with /Encoding /WinAnsiEncoding (no /Differences) and /Widths: a code's text is the
 *   ToUnicode map's when it has one, otherwise WinAnsi's, used here only for the printable ASCII codes whose
 *   glyph names are the ASCII characters themselves.
 * Any other font, and any code either leaves unmapped, is Unsupported: the file is read by pdfjs.
 */
import type { PdfFile } from './document.js';
import { Cmd, Dict, EOF, Lexer, Name, type Obj, Stream, Unsupported } from './syntax.js';

/** A character code's glyph, as pdfjs's Font._charToGlyph and getCharUnicodeCategory give it. */
export interface Glyph {
  unicode: string;
  /** Advance in glyph units (1/1000 of the font size). */
  width: number;
  isWhitespace: boolean;
  isZeroWidthDiacritic: boolean;
  isInvisibleFormatMark: boolean;
}

export interface QuickFont {
  /** The font's name as pdfjs's Font has it (the descriptor's /FontName). */
  name: string;
  /** Two-byte codes (Identity-H). */
  twoByte: boolean;
  /** A code's glyph (Unsupported when the code's text is not one this reader can give exactly). */
  glyph(code: number): Glyph;
}

const SPECIAL = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

/**
 * A font from its text function and its widths (pdfjs's Font.widths by code, `defaultWidth` for the codes they
 * leave out), each code's glyph made once.
 */
function cached(name: string, twoByte: boolean, unicode: (code: number) => string, widths: number[], defaultWidth: number): QuickFont {
  const glyphs: Glyph[] = [];
  return {
    name,
    twoByte,
    glyph(code) {
      let g = glyphs[code];
      if (g === undefined) {
        const u = unicode(code);
        const m = u.match(SPECIAL);
        const w = widths[code];
        g = glyphs[code] = { unicode: u, width: typeof w === 'number' ? w : defaultWidth, isWhitespace: !!m?.[1], isZeroWidthDiacritic: !!m?.[2], isInvisibleFormatMark: !!m?.[3] };
      }
      return g;
    },
  };
}

const MAX_MAP_RANGE = 0xffff;

/** Read a font dictionary (cached per reference by the caller). */
export function readFont(file: PdfFile, fontObj: Obj | undefined): QuickFont {
  const dict = file.resolve(fontObj);
  if (!(dict instanceof Dict)) throw new Unsupported('font is not a dictionary');
  const subtype = file.get(dict, 'Subtype');
  if (!(subtype instanceof Name)) throw new Unsupported('font without subtype');
  if (subtype.name === 'Type0') return readComposite(file, dict);
  if (subtype.name === 'TrueType') return readSimpleTrueType(file, dict);
  throw new Unsupported(`font type ${subtype.name}`);
}

/** pdfjs's choice of a font's name from /FontName and /BaseFont, where the two agree. */
function fontName(file: PdfFile, descriptor: Dict, dict: Dict): string {
  const fn = file.get(descriptor, 'FontName');
  const bf = file.get(dict, 'BaseFont');
  const a = fn instanceof Name ? fn.name : typeof fn === 'string' ? fn : undefined;
  const b = bf instanceof Name ? bf.name : typeof bf === 'string' ? bf : undefined;
  if (a === undefined || a !== b) throw new Unsupported('font name and base font differ');
  return a;
}

function readComposite(file: PdfFile, type0: Dict): QuickFont {
  const enc = file.get(type0, 'Encoding');
  if (!(enc instanceof Name) || enc.name !== 'Identity-H') throw new Unsupported('composite font encoding other than Identity-H');
  const kids = file.get(type0, 'DescendantFonts');
  if (!Array.isArray(kids) || kids.length < 1) throw new Unsupported('no descendant font');
  const cid = file.resolve(kids[0]);
  if (!(cid instanceof Dict)) throw new Unsupported('descendant font is not a dictionary');
  const sub = file.get(cid, 'Subtype');
  if (!(sub instanceof Name) || (sub.name !== 'CIDFontType2' && sub.name !== 'CIDFontType0')) throw new Unsupported('unknown CID font type');
  const descriptor = file.get(cid, 'FontDescriptor');
  if (!(descriptor instanceof Dict)) throw new Unsupported('CID font without descriptor');
  if (cid.get('FontMatrix') !== undefined || type0.get('FontMatrix') !== undefined) throw new Unsupported('font matrix');
  const name = fontName(file, descriptor, cid);
  const toUnicode = readToUnicode(file, type0.get('ToUnicode') ?? cid.get('ToUnicode'));

  // extractWidths, composite branch
  const widths: number[] = [];
  const dw = file.get(cid, 'DW');
  const defaultWidth = typeof dw === 'number' ? Math.ceil(dw) : 1000;
  const w = file.get(cid, 'W');
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; i++) {
      let start = file.resolve(w[i++]);
      if (!Number.isInteger(start)) break;
      const code = file.resolve(w[i]);
      if (Array.isArray(code)) {
        for (const c of code) {
          const width = file.resolve(c);
          if (typeof width === 'number') widths[start as number] = width;
          start = (start as number) + 1;
        }
      } else if (Number.isInteger(code)) {
        const width = file.resolve(w[++i]);
        if (typeof width !== 'number') continue;
        if ((code as number) - (start as number) > MAX_MAP_RANGE) throw new Unsupported('width range too large');
        for (let j = start as number; j <= (code as number); j++) widths[j] = width;
      } else break;
    }
  }
  return cached(
    name,
    true,
    (code) => {
      const u = toUnicode.get(code);
      if (u === undefined) throw new Unsupported('a code the ToUnicode map lacks');
      return u || String.fromCharCode(code);
    },
    widths,
    defaultWidth,
  );
}

function readSimpleTrueType(file: PdfFile, dict: Dict): QuickFont {
  const descriptor = file.get(dict, 'FontDescriptor');
  if (!(descriptor instanceof Dict)) throw new Unsupported('simple font without descriptor');
  if (dict.get('FontMatrix') !== undefined) throw new Unsupported('font matrix');
  const name = fontName(file, descriptor, dict);
  const enc = file.get(dict, 'Encoding');
  if (!(enc instanceof Name) || enc.name !== 'WinAnsiEncoding') throw new Unsupported('simple font encoding other than WinAnsi');
  const file2 = file.get(descriptor, 'FontFile2');
  if (file2 !== undefined && !(file2 instanceof Stream)) throw new Unsupported('bad font file');
  if (descriptor.get('FontFile') !== undefined || descriptor.get('FontFile3') !== undefined) throw new Unsupported('font program of another kind');
  if (file2 instanceof Stream && !isTrueType(file.decode(file2))) throw new Unsupported('FontFile2 is not TrueType');
  const tu = dict.get('ToUnicode');
  const toUnicode = tu === undefined ? null : readToUnicode(file, tu);

  const firstChar = file.get(dict, 'FirstChar');
  const ws = file.get(dict, 'Widths');
  if (!Number.isInteger(firstChar) || !Array.isArray(ws)) throw new Unsupported('simple font without widths');
  const widths: number[] = [];
  let j = firstChar as number;
  for (const x of ws) {
    const width = file.resolve(x);
    if (typeof width === 'number') widths[j] = width;
    j++;
  }
  const mw = file.get(descriptor, 'MissingWidth');
  const defaultWidth = typeof mw === 'number' ? mw : 0;
  return cached(
    name,
    false,
    (code) => {
      const u = toUnicode?.get(code);
      if (u !== undefined) return u || String.fromCharCode(code);
      // WinAnsiEncoding's glyph names for 0x20–0x7E are the ASCII characters (quotesingle, grave included)
      if (code >= 0x20 && code <= 0x7e) return String.fromCharCode(code);
      throw new Unsupported('a code outside printable ASCII without a ToUnicode entry');
    },
    widths,
    defaultWidth,
  );
}

/** pdfjs's isTrueTypeFile: the first four bytes. */
function isTrueType(b: Uint8Array): boolean {
  const h = String.fromCharCode(b[0], b[1], b[2], b[3]);
  return h === '\x00\x01\x00\x00' || h === 'true';
}

/** A ToUnicode CMap stream as pdfjs's readToUnicode reads it: code → text. */
function readToUnicode(file: PdfFile, obj: Obj | undefined): Map<number, string> {
  const s = file.resolve(obj);
  if (!(s instanceof Stream)) throw new Unsupported('ToUnicode is not a stream');
  const raw = parseCMap(file.decode(s));
  const map = new Map<number, string>();
  for (const [code, token] of raw) {
    if (typeof token === 'number') {
      if (token > 0x10ffff) throw new Unsupported('bad ToUnicode code point');
      map.set(code, String.fromCodePoint(token));
      continue;
    }
    let t = token.length % 2 !== 0 ? '\u0000' + token : token;
    const out: number[] = [];
    for (let k = 0; k < t.length; k += 2) {
      const w1 = (t.charCodeAt(k) << 8) | t.charCodeAt(k + 1);
      if ((w1 & 0xf800) !== 0xd800) {
        out.push(w1);
        continue;
      }
      k += 2;
      if (k + 1 >= t.length) throw new Unsupported('broken surrogate pair in ToUnicode');
      const w2 = (t.charCodeAt(k) << 8) | t.charCodeAt(k + 1);
      out.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
    }
    t = String.fromCodePoint(...out);
    map.set(code, t);
  }
  if (map.size === 0) throw new Unsupported('empty ToUnicode map');
  return map;
}

const strToInt = (s: string) => {
  let a = 0;
  for (let i = 0; i < s.length; i++) a = (a << 8) | s.charCodeAt(i);
  return a >>> 0;
};

/** The bfchar/bfrange/cidchar/cidrange entries of a CMap (pdfjs's parseCMap), later entries overwriting. */
function parseCMap(data: Uint8Array): Map<number, string | number> {
  const map = new Map<number, string | number>();
  const lx = new Lexer(data);
  lx.refs = false;
  const str = (): string => {
    const o = lx.next();
    if (typeof o !== 'string') throw new Unsupported('malformed CMap');
    return o;
  };
  const isEnd = (o: Obj | typeof EOF, word: string) => o instanceof Cmd && o.cmd === word;
  /** A section's entries up to `end`: each begins with a string, given to `entry` as its code. */
  const section = (end: string, entry: (code: number) => void) => {
    for (let t = lx.next(); !isEnd(t, end); t = lx.next()) {
      if (typeof t !== 'string') throw new Unsupported('malformed CMap');
      entry(strToInt(t));
    }
  };
  /** A range's high end, the next string, at most MAX_MAP_RANGE codes above `low`. */
  const highOf = (low: number) => {
    const high = strToInt(str());
    if (high - low > MAX_MAP_RANGE) throw new Unsupported('CMap range too large');
    return high;
  };
  for (;;) {
    const o = lx.next();
    if (o === EOF || isEnd(o, 'endcmap')) break;
    if (!(o instanceof Cmd)) continue;
    switch (o.cmd) {
      case 'usecmap':
        throw new Unsupported('CMap uses another CMap');
      case 'begincodespacerange':
        section('endcodespacerange', () => void str());
        break;
      case 'beginbfchar':
        section('endbfchar', (code) => map.set(code, str()));
        break;
      case 'begincidchar':
        section('endcidchar', (code) => {
          const dst = lx.next();
          if (!Number.isInteger(dst)) throw new Unsupported('malformed CMap');
          map.set(code, dst as number);
        });
        break;
      case 'beginbfrange':
        section('endbfrange', (low) => {
          const high = highOf(low);
          const dst = lx.next();
          if (Array.isArray(dst)) {
            for (let i = 0; low <= high && i < dst.length; i++, low++) {
              if (typeof dst[i] !== 'string') throw new Unsupported('malformed CMap');
              map.set(low, dst[i] as string);
            }
          } else if (typeof dst === 'string' || Number.isInteger(dst)) {
            // mapBfRange: the last byte counts up, carrying into the one before
            let d = typeof dst === 'string' ? dst : String.fromCharCode(dst as number);
            const last = d.length - 1;
            if (last < 0) throw new Unsupported('malformed CMap');
            while (low <= high) {
              map.set(low++, d);
              const next = d.charCodeAt(last) + 1;
              if (next > 0xff) {
                if (last < 1) throw new Unsupported('CMap range overflows');
                d = d.substring(0, last - 1) + String.fromCharCode(d.charCodeAt(last - 1) + 1) + '\x00';
                continue;
              }
              d = d.substring(0, last) + String.fromCharCode(next);
            }
          } else throw new Unsupported('malformed CMap');
        });
        break;
      case 'begincidrange':
        section('endcidrange', (low) => {
          const high = highOf(low);
          const dst = lx.next();
          if (!Number.isInteger(dst)) throw new Unsupported('malformed CMap');
          let d = dst as number;
          while (low <= high) map.set(low++, d++);
        });
        break;
    }
  }
  return map;
}
