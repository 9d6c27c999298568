/**
 * A page's text items from its content stream, built by pdfjs's rules (PartialEvaluator.getTextContent in
 * pdf.worker.mjs, with disableNormalization and without marked content): the same operators change the same
 * state in the same order with the same arithmetic, so each item has the same text, transform, width and
 * height, to the last bit. What pdfjs would do differently on input this does not expect (an operator with
 * the wrong number of operands, an unknown operator, an inline image, a font from a graphics state, a Type3
 * font, right-to-left text) is Unsupported instead.
 */
import { transform } from '../matrix.js';
import type { PdfFile } from './document.js';
import { readFont, type QuickFont } from './fonts.js';
import { ContentLexer, Kind } from './content.js';
import { Dict, Name, Ref, Stream, Unsupported } from './syntax.js';

export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

type Matrix = number[];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** The transform of whitespace items when they are not asked for (PageContext.whitespaceTransforms). */
const NO_TRANSFORM: Matrix = Object.freeze([0, 0, 0, 0, 0, 0]) as Matrix;
const FONT_IDENTITY_MATRIX = [0.001, 0, 0, 0.001, 0, 0];


/** pdfjs's TextState (with the graphics state's ctm, which pdfjs keeps in it too). */
class TextState {
  ctm: ArrayLike<number>;
  fontName: string | null;
  fontSize: number;
  font: QuickFont | null;
  textMatrix: Matrix;
  textLineMatrix: Matrix;
  charSpacing: number;
  wordSpacing: number;
  leading: number;
  textHScale: number;
  textRise: number;
  /** pdfjs's initial TextState, or a copy of `from` (TextState.clone: its own text matrices, the rest shared). */
  constructor(from?: TextState) {
    this.ctm = from ? from.ctm : new Float32Array(IDENTITY);
    this.fontName = from ? from.fontName : null;
    this.fontSize = from ? from.fontSize : 0;
    this.font = from ? from.font : null;
    this.textMatrix = (from ? from.textMatrix : IDENTITY).slice();
    this.textLineMatrix = (from ? from.textLineMatrix : IDENTITY).slice();
    this.charSpacing = from ? from.charSpacing : 0;
    this.wordSpacing = from ? from.wordSpacing : 0;
    this.leading = from ? from.leading : 0;
    this.textHScale = from ? from.textHScale : 1;
    this.textRise = from ? from.textRise : 0;
  }
  translateTextMatrix(x: number, y: number) {
    const m = this.textMatrix;
    m[4] = m[0] * x + m[2] * y + m[4];
    m[5] = m[1] * x + m[3] * y + m[5];
  }
  translateTextLineMatrix(x: number, y: number) {
    const m = this.textLineMatrix;
    m[4] = m[0] * x + m[2] * y + m[4];
    m[5] = m[1] * x + m[3] * y + m[5];
  }
  /** textMatrix = textLineMatrix (pdfjs assigns a copy; no state shares its arrays, so copying in place is the same). */
  syncTextMatrix() {
    const m = this.textMatrix;
    const l = this.textLineMatrix;
    m[0] = l[0];
    m[1] = l[1];
    m[2] = l[2];
    m[3] = l[3];
    m[4] = l[4];
    m[5] = l[5];
  }
  carriageReturn() {
    this.translateTextLineMatrix(0, -this.leading);
    this.syncTextMatrix();
  }
  clone(): TextState {
    return new TextState(this);
  }
}

class StateManager {
  stack: TextState[] = [];
  constructor(public state: TextState) {}
  save() {
    this.stack.push(this.state);
    this.state = this.state.clone();
  }
  restore() {
    const prev = this.stack.pop();
    if (prev) this.state = prev;
  }
}

/** Operand counts of the operators pdfjs knows (EvaluatorPreprocessor.opMap); -n: variable, at most n. */
const OPERANDS: Record<string, number> = {
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1, gs: 1, q: 0, Q: 0, cm: 6, m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4,
  S: 0, s: 0, f: 0, F: 0, 'f*': 0, B: 0, 'B*': 0, b: 0, 'b*': 0, n: 0, W: 0, 'W*': 0, BT: 0, ET: 0, Tc: 1, Tw: 1,
  Tz: 1, TL: 1, Tf: 2, Tr: 1, Ts: 1, Td: 2, TD: 2, Tm: 6, 'T*': 0, Tj: 1, TJ: 1, "'": 1, '"': 3, CS: 1, cs: 1,
  SC: -4, SCN: -33, sc: -4, scn: -33, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4, sh: 1, Do: 1, MP: 1, DP: 2, BMC: 1,
  BDC: 2, EMC: 0, BX: 0, EX: 0,
};

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

/** Characters pdfjs's bidi() would reorder or mark right-to-left. */
const RTL = /[\u0590-\u05f4\u0600-\u08ac\ufb50-\ufdff\ufe70-\ufeff]/;

// Operators by number (Cmd.id), for a switch on small integers.
export const OP_NAMES = Object.keys(OPERANDS);
/**
 * The operators the interpreter acts on, as their index in OP_NAMES, as literals: a switch over literal cases is
 * one jump in V8's interpreter, where cases read from an object were compared one by one for every operator
 * (most of a content stream's are ones no case takes). esbuild writes the members as literals (the enum is
 * declared here); test/pdf-quick.test.ts checks each against OP_NAMES.
 */
export enum OP {
  q = 8,
  Q = 9,
  cm = 10,
  Tf = 36,
  Ts = 38,
  Tz = 34,
  TL = 35,
  Td = 39,
  TD = 40,
  Tstar = 42,
  Tm = 41,
  Tc = 32,
  Tw = 33,
  BT = 30,
  TJ = 44,
  Tj = 43,
  quote = 45,
  dquote = 46,
  Do = 60,
  gs = 7,
  BMC = 63,
  BDC = 64,
  EMC = 65,
}
const OP_ARGS = OP_NAMES.map((k) => OPERANDS[k]);

interface PageContext {
  file: PdfFile;
  /** Fonts read so far, by object number (shared by the document's pages, as pdfjs caches them). */
  fonts: Map<number, QuickFont>;
  /** The page's view box (crop box within the media box). */
  viewBox: number[];
  /** Checked every thousand operators: true stops the page (the deadline). */
  stop: () => boolean;
  /**
   * Give the whitespace items pdfjs makes (a space between two runs, never shown) their transform, as pdfjs
   * does; the reader drops them unseen, so by default they share one placeholder (no array per space).
   */
  whitespaceTransforms: boolean;
  /** More raw items than this on one page: Unsupported (pdfjs reads such a page as it always has). */
  maxItems: number;
  /** Set when the page paints an image (an image XObject). */
  images: { seen: boolean };
}

/** Interpret one content stream (a page's, or a form's) and append its items; false when `ctx.stop` stopped it. */
export function textContent(ctx: PageContext, data: Uint8Array, resources: Dict, manager: StateManager | null, items: RawTextItem[], depth: number, seenForms: Set<number>): boolean {
  if (depth > 12) throw new Unsupported('forms nested too deep');
  const { file, viewBox } = ctx;
  const sm = manager ?? new StateManager(new TextState());
  let textState = sm.state;
  let currentTextState: TextState | null = null;
  // textContentItem, with its transforms kept as numbers (cur: the current text transform, prev: the last glyph's)
  let initialized = false;
  const str: string[] = [];
  let totalWidth = 0;
  let totalHeight = 0;
  let width = 0;
  let height = 0;
  let hasPrev = false;
  const prev = new Float64Array(6);
  let prevTextRise = 0;
  let textAdvanceScale = 0;
  let spaceInFlowMin = 0;
  let spaceInFlowMax = 0;
  let trackingSpaceMin = Infinity;
  let negativeSpaceMax = -Infinity;
  let notASpace = -Infinity;
  let itemTransform: Matrix | null = null;
  let hasEOL = false;
  const cur = new Float64Array(6);

  let last0 = ' ';
  let last1 = ' ';
  let lastPos = 0;
  const saveLastChar = (ch: string) => {
    const ret = lastPos === 0 ? last0 !== ' ' && last1 === ' ' : last1 !== ' ' && last0 === ' ';
    if (lastPos === 0) last0 = ch;
    else last1 = ch;
    lastPos = 1 - lastPos;
    return ret;
  };
  const shouldAddWhitespace = () => (lastPos === 0 ? last0 !== ' ' && last1 === ' ' : last1 !== ' ' && last0 === ' ');
  const resetLastChars = () => {
    last0 = last1 = ' ';
    lastPos = 0;
  };
  const prevArray = (): Matrix | null => (!ctx.whitespaceTransforms ? NO_TRANSFORM : hasPrev ? Array.from(prev) : null);
  const pushWhitespace = (w: number, tr: Matrix | null) => {
    items.push({ str: ' ', transform: tr as Matrix, width: w, height: 0, hasEOL: false });
  };
  /** pdfjs's getCurrentTextTransform: ctm × (textMatrix × [size·hscale 0 0 size 0 rise]), into `cur`. */
  const computeCurrent = () => {
    const m = textState.textMatrix;
    const c = textState.ctm;
    const a = textState.fontSize * textState.textHScale;
    const fs = textState.fontSize;
    const rise = textState.textRise;
    const i0 = m[0] * a + m[2] * 0;
    const i1 = m[1] * a + m[3] * 0;
    const i2 = m[0] * 0 + m[2] * fs;
    const i3 = m[1] * 0 + m[3] * fs;
    const i4 = m[0] * 0 + m[2] * rise + m[4];
    const i5 = m[1] * 0 + m[3] * rise + m[5];
    cur[0] = c[0] * i0 + c[2] * i1;
    cur[1] = c[1] * i0 + c[3] * i1;
    cur[2] = c[0] * i2 + c[2] * i3;
    cur[3] = c[1] * i2 + c[3] * i3;
    cur[4] = c[0] * i4 + c[2] * i5 + c[4];
    cur[5] = c[1] * i4 + c[3] * i5 + c[5];
  };
  const currentArray = (): Matrix => {
    computeCurrent();
    return [cur[0], cur[1], cur[2], cur[3], cur[4], cur[5]];
  };
  /** The scale of a text advance: the ctm's and the text line matrix's x scales (pdfjs computes it in both places below). */
  const advanceScale = () => Math.hypot(textState.ctm[0], textState.ctm[1]) * Math.hypot(textState.textLineMatrix[0], textState.textLineMatrix[1]);
  const ensureTextContentItem = () => {
    if (initialized) return;
    const trm = (itemTransform = currentArray());
    width = totalWidth = 0;
    height = totalHeight = Math.hypot(trm[2], trm[3]);
    textAdvanceScale = advanceScale();
    const { fontSize } = textState;
    trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    notASpace = fontSize * NOT_A_SPACE_FACTOR;
    negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    hasEOL = false;
    initialized = true;
  };
  const updateAdvanceScale = () => {
    if (!initialized) return;
    const scaleFactor = advanceScale();
    if (scaleFactor === textAdvanceScale) return;
    totalWidth += width * textAdvanceScale;
    width = 0;
    textAdvanceScale = scaleFactor;
  };
  const flushTextContentItem = () => {
    if (!initialized) return;
    totalWidth += width * textAdvanceScale;
    const text = str.length === 1 ? str[0] : str.join('');
    if (RTL.test(text)) throw new Unsupported('right-to-left text');
    items.push({ str: text, transform: itemTransform as Matrix, width: Math.abs(totalWidth), height: Math.abs(totalHeight), hasEOL });
    if (items.length > ctx.maxItems) throw new Unsupported('a page of too many text items');
    initialized = false;
    str.length = 0;
  };
  const appendEOL = () => {
    resetLastChars();
    if (initialized) {
      hasEOL = true;
      flushTextContentItem();
    } else items.push({ str: '', transform: currentArray(), width: 0, height: 0, hasEOL: true });
  };
  const addFakeSpaces = (w: number, textOrientation: number) => {
    if (textOrientation * spaceInFlowMin <= w && w <= textOrientation * spaceInFlowMax) {
      if (initialized) {
        resetLastChars();
        str.push(' ');
      }
      return false;
    }
    flushTextContentItem();
    resetLastChars();
    pushWhitespace(Math.abs(w), prevArray() || currentArray());
    if (items.length > ctx.maxItems) throw new Unsupported('a page of too many text items');
    return true;
  };
  /** pdfjs's compareWithLastPosition (horizontal fonts); computes `cur` first. */
  const compareWithLastPosition = (glyphWidth: number) => {
    computeCurrent();
    let posX = cur[4];
    let posY = cur[5];
    if (posX + glyphWidth < viewBox[0] || posX > viewBox[2] || posY < viewBox[1] || posY > viewBox[3]) return false;
    if (!textState.font || !hasPrev) return true;
    let lastPosX = prev[4];
    let lastPosY = prev[5];
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (cur[0] && cur[1] === 0 && cur[2] === 0) rotate = cur[0] > 0 ? 0 : 180;
    else if (cur[1] && cur[0] === 0 && cur[3] === 0) rotate = cur[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default: {
        const inv = (x: number, y: number, m: ArrayLike<number>) => {
          const scale = Math.hypot(m[0], m[1]);
          return [(m[0] * x + m[1] * y) / scale, (m[2] * x + m[3] * y) / scale];
        };
        [posX, posY] = inv(posX, posY, cur);
        [lastPosX, lastPosY] = inv(lastPosX, lastPosY, prev);
      }
    }
    const advanceX = (posX - lastPosX) / textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(width || totalWidth);
    if (advanceX < textOrientation * negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * height) {
        appendEOL();
        return true;
      }
      resetLastChars();
      flushTextContentItem();
      return true;
    }
    const textRiseDelta = textState.textRise - prevTextRise;
    const advanceYCorrected = textRiseDelta === 0 ? advanceY : advanceY - (cur[3] / textState.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > height) {
      appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * notASpace) resetLastChars();
    if (advanceX <= textOrientation * trackingSpaceMin) {
      if (shouldAddWhitespace()) {
        resetLastChars();
        flushTextContentItem();
        pushWhitespace(Math.abs(advanceX), prevArray());
      } else width += advanceX;
    } else if (!addFakeSpaces(advanceX, textOrientation)) {
      if (str.length === 0) {
        resetLastChars();
        pushWhitespace(Math.abs(advanceX), prevArray());
      } else width += advanceX;
    }
    if (Math.abs(advanceY) > height * VERTICAL_SHIFT_RATIO) flushTextContentItem();
    return true;
  };
  const buildTextContentItem = (bytes: Uint8Array, start: number, len: number, extraSpacing: number) => {
    const font = textState.font;
    if (!font) throw new Unsupported('text without a font');
    const snap = currentTextState!;
    if (snap !== textState && (snap.fontSize !== textState.fontSize || (snap.fontName !== textState.fontName && snap.font?.name !== font.name))) {
      if (!snap.font && snap.fontSize === textState.fontSize) throw new Unsupported('font change pdfjs would fail on');
      flushTextContentItem();
      currentTextState = textState.clone();
    }
    const baseCharSpacing = textState.charSpacing;
    if (len === 0) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
      return;
    }
    const scale = FONT_IDENTITY_MATRIX[0] * textState.fontSize;
    const twoByte = font.twoByte;
    if (twoByte && len % 2 !== 0) throw new Unsupported('odd byte count for two-byte codes');
    const count = twoByte ? len / 2 : len;
    for (let i = 0; i < count; i++) {
      const code = twoByte ? (bytes[start + 2 * i] << 8) | bytes[start + 2 * i + 1] : bytes[start + i];
      const glyph = font.glyph(code);
      if (glyph.isInvisibleFormatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === count ? extraSpacing : 0);
      let scaledDim = glyph.width * scale;
      if (code === 0x20) charSpacing += textState.wordSpacing;
      if (glyph.isWhitespace) {
        charSpacing += scaledDim;
        textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
        saveLastChar(' ');
        continue;
      }
      if (!glyph.isZeroWidthDiacritic && !compareWithLastPosition(scaledDim)) {
        textState.translateTextMatrix(scaledDim * textState.textHScale, 0);
        continue;
      }
      ensureTextContentItem();
      if (glyph.isZeroWidthDiacritic) scaledDim = 0;
      scaledDim *= textState.textHScale;
      textState.translateTextMatrix(scaledDim, 0);
      width += scaledDim;
      if (scaledDim) {
        computeCurrent();
        prev.set(cur);
        hasPrev = true;
        prevTextRise = textState.textRise;
      }
      if (saveLastChar(glyph.unicode)) str.push(' ');
      str.push(glyph.unicode);
      if (charSpacing) textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
    }
  };

  const fontDicts = file.get(resources, 'Font');
  const loadFont = (name: string): QuickFont => {
    if (!(fontDicts instanceof Dict)) throw new Unsupported('no font resources');
    const raw = fontDicts.get(name);
    if (!(raw instanceof Ref)) throw new Unsupported('font not given by reference');
    let f = ctx.fonts.get(raw.num);
    if (!f) {
      f = readFont(file, raw);
      ctx.fonts.set(raw.num, f);
    }
    return f;
  };
  let xobjs: Dict | null = null;

  const lx = new ContentLexer(data);
  let ops = 0;
  for (;;) {
    const o = lx.nextOperator();
    if (o === null) break;
    if (o.id < 0) {
      o.id = OP_NAMES.indexOf(o.cmd);
      if (o.id < 0) throw new Unsupported(`operator ${o.cmd}`);
    }
    const id = o.id;
    const n = OP_ARGS[id];
    const argc = lx.argc;
    if (n >= 0 ? argc !== n : argc > -n) throw new Unsupported(`operator ${o.cmd} with ${argc} operands`);
    if ((++ops & 1023) === 0 && ctx.stop()) return false;
    // EvaluatorPreprocessor.preprocessCommand
    if (id === OP.q) sm.save();
    else if (id === OP.Q) sm.restore();
    else if (id === OP.cm) {
      const m = [lx.numberAt(0), lx.numberAt(1), lx.numberAt(2), lx.numberAt(3), lx.numberAt(4), lx.numberAt(5)];
      sm.state.ctm = transform(sm.state.ctm, m);
    }
    textState = sm.state;
    currentTextState ??= textState.clone();
    switch (id) {
      case OP.Tf: {
        const nm = lx.nameAt(0);
        const size = lx.numberAt(1);
        if (textState.font && nm.name === textState.fontName && size === textState.fontSize) break;
        textState.fontName = nm.name;
        textState.fontSize = size;
        textState.font = loadFont(nm.name);
        break;
      }
      case OP.Ts:
        textState.textRise = lx.numberAt(0);
        break;
      case OP.Tz:
        textState.textHScale = lx.numberAt(0) / 100;
        break;
      case OP.TL:
        textState.leading = lx.numberAt(0);
        break;
      case OP.Td:
        textState.translateTextLineMatrix(lx.numberAt(0), lx.numberAt(1));
        textState.syncTextMatrix();
        break;
      case OP.TD:
        textState.leading = -lx.numberAt(1);
        textState.translateTextLineMatrix(lx.numberAt(0), lx.numberAt(1));
        textState.syncTextMatrix();
        break;
      case OP.Tstar:
        textState.carriageReturn();
        break;
      case OP.Tm: {
        const tm = textState.textMatrix;
        const tl = textState.textLineMatrix;
        for (let k = 0; k < 6; k++) tm[k] = tl[k] = lx.numberAt(k);
        updateAdvanceScale();
        break;
      }
      case OP.Tc:
        textState.charSpacing = lx.numberAt(0);
        break;
      case OP.Tw:
        textState.wordSpacing = lx.numberAt(0);
        break;
      case OP.BT: {
        const tm = textState.textMatrix;
        const tl = textState.textLineMatrix;
        for (let k = 0; k < 6; k++) tm[k] = tl[k] = IDENTITY[k];
        break;
      }
      case OP.TJ: {
        // (Tj, ' and " need no such test here: buildTextContentItem makes it; a TJ of numbers alone never calls it)
        if (!textState.font) throw new Unsupported('text without a font');
        if (lx.kind[0] !== Kind.TextArray) throw new Unsupported('TJ operand');
        const spaceFactor = (-1 * textState.fontSize) / 1000;
        // Strings between two numbers are one run of the text buffer (they were read into it in order).
        let from = -1;
        let to = 0;
        for (let i = 0; i < lx.tjCount; i++) {
          const kind = lx.tjKind[i];
          if (kind === 0) {
            if (from < 0) from = lx.tjA[i];
            to = lx.tjA[i] + lx.tjB[i];
          } else if (kind === 1 && lx.tjA[i] !== 0) {
            buildTextContentItem(lx.text.buf, from < 0 ? 0 : from, from < 0 ? 0 : to - from, lx.tjA[i] * spaceFactor);
            from = -1;
          }
        }
        if (from >= 0) buildTextContentItem(lx.text.buf, from, to - from, 0); // (pdfjs: any string left, even empty)
        break;
      }
      case OP.Tj:
        if (lx.kind[0] !== Kind.String) throw new Unsupported('Tj operand');
        buildTextContentItem(lx.text.buf, lx.num[0], lx.len[0], 0);
        break;
      case OP.quote:
        if (lx.kind[0] !== Kind.String) throw new Unsupported("' operand");
        textState.carriageReturn();
        buildTextContentItem(lx.text.buf, lx.num[0], lx.len[0], 0);
        break;
      case OP.dquote:
        if (lx.kind[2] !== Kind.String) throw new Unsupported('" operand');
        textState.wordSpacing = lx.numberAt(0);
        textState.charSpacing = lx.numberAt(1);
        textState.carriageReturn();
        buildTextContentItem(lx.text.buf, lx.num[2], lx.len[2], 0);
        break;
      case OP.Do: {
        flushTextContentItem();
        const nm = lx.nameAt(0);
        xobjs ??= (file.get(resources, 'XObject') as Dict | undefined) ?? new Dict();
        if (!(xobjs instanceof Dict)) throw new Unsupported('XObject resources');
        const raw = xobjs.get(nm.name);
        const xobj = file.resolve(raw);
        if (!(xobj instanceof Stream)) throw new Unsupported('XObject is not a stream');
        const type = file.get(xobj.dict, 'Subtype');
        if (!(type instanceof Name)) throw new Unsupported('XObject without subtype');
        if (type.name !== 'Form') {
          if (type.name === 'Image') ctx.images.seen = true;
          break;
        }
        if (raw instanceof Ref && seenForms.has(raw.num)) throw new Unsupported('form draws itself');
        const inner = new StateManager(sm.state.clone());
        const matrix = file.get(xobj.dict, 'Matrix');
        if (Array.isArray(matrix) && matrix.length === 6 && matrix.every((x) => typeof x === 'number')) {
          inner.state.ctm = transform(inner.state.ctm, matrix as number[]);
        } else if (matrix !== undefined) throw new Unsupported('form matrix');
        const local = file.get(xobj.dict, 'Resources');
        const seen = new Set(seenForms);
        if (raw instanceof Ref) seen.add(raw.num);
        if (!textContent(ctx, file.decode(xobj), local instanceof Dict ? local : resources, inner, items, depth + 1, seen)) return false;
        break;
      }
      case OP.gs: {
        const nm = lx.nameAt(0);
        const ext = file.get(resources, 'ExtGState');
        if (!(ext instanceof Dict)) throw new Unsupported('ExtGState resources');
        const g = file.get(ext, nm.name);
        if (!(g instanceof Dict)) throw new Unsupported('graphics state is not a dictionary');
        if (g.get('Font') !== undefined) throw new Unsupported('font set by a graphics state');
        break;
      }
      case OP.BMC:
      case OP.BDC:
      case OP.EMC:
        flushTextContentItem();
        break;
    }
  }
  if (lx.argc) throw new Unsupported('operands after the last operator');
  flushTextContentItem();
  return true;
}
