/**
 * A page's text items from its content stream, built by pdfjs's rules (PartialEvaluator.getTextContent in
 * pdf.worker.mjs, with disableNormalization and without marked content): the same operators change the same
 * state in the same order with the same arithmetic, so each item has the same text, transform, width and
 * height, to the last bit. What pdfjs would do differently on input this does not expect (an operator with
 * the wrong number of operands, an unknown operator, an inline image, a font from a graphics state, a Type3
 * font, right-to-left text) is Unsupported instead.
 */
import type { PdfFile } from './document.js';
import { readFont, type QuickFont } from './fonts.js';
import { Cmd, Dict, EOF, Lexer, Name, type Obj, Ref, Stream, Unsupported } from './syntax.js';

export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

type Matrix = number[];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY_MATRIX = [0.001, 0, 0, 0.001, 0, 0];

/** pdfjs's Util.transform. */
export function transform(m1: ArrayLike<number>, m2: ArrayLike<number>): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** pdfjs's TextState (with the graphics state's ctm, which pdfjs keeps in it too). */
class TextState {
  ctm: ArrayLike<number> = new Float32Array(IDENTITY);
  fontName: string | null = null;
  fontSize = 0;
  font: QuickFont | null = null;
  textMatrix: Matrix = IDENTITY.slice();
  textLineMatrix: Matrix = IDENTITY.slice();
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;
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
  carriageReturn() {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
  }
  clone(): TextState {
    const c = Object.assign(new TextState(), this);
    c.textMatrix = this.textMatrix.slice();
    c.textLineMatrix = this.textLineMatrix.slice();
    return c;
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

const SPECIAL = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
type Category = { isWhitespace: boolean; isZeroWidthDiacritic: boolean; isInvisibleFormatMark: boolean };
const categories = new Map<string, Category>();
function category(ch: string): Category {
  let c = categories.get(ch);
  if (!c) {
    const g = ch.match(SPECIAL);
    c = { isWhitespace: !!g?.[1], isZeroWidthDiacritic: !!g?.[2], isInvisibleFormatMark: !!g?.[3] };
    categories.set(ch, c);
  }
  return c;
}
/** Characters pdfjs's bidi() would reorder or mark right-to-left. */
const RTL = /[\u0590-\u05f4\u0600-\u08ac\ufb50-\ufdff\ufe70-\ufeff]/;

export interface PageContext {
  file: PdfFile;
  /** Fonts read so far, by object number (shared by the document's pages, as pdfjs caches them). */
  fonts: Map<number, QuickFont>;
  /** The page's view box (crop box within the media box). */
  viewBox: number[];
  /** Checked every few thousand operators: true stops the page (a deadline or an item cap). */
  stop: (items: number) => boolean;
  /** Set when the page paints an image (an image XObject). */
  images: { seen: boolean };
}

/** Interpret one content stream (a page's, or a form's) and append its items. */
export function textContent(ctx: PageContext, data: Uint8Array, resources: Dict, manager: StateManager | null, items: RawTextItem[], depth: number, seenForms: Set<number>): boolean {
  if (depth > 12) throw new Unsupported('forms nested too deep');
  const { file, viewBox } = ctx;
  const sm = manager ?? new StateManager(new TextState());
  let textState = sm.state;
  let currentTextState: TextState | null = null;
  const item = {
    initialized: false,
    str: [] as string[],
    totalWidth: 0,
    totalHeight: 0,
    width: 0,
    height: 0,
    prevTransform: null as Matrix | null,
    prevTextRise: 0,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Infinity,
    negativeSpaceMax: -Infinity,
    notASpace: -Infinity,
    transform: null as Matrix | null,
    hasEOL: false,
  };
  const twoLastChars = [' ', ' '];
  let twoLastCharsPos = 0;
  const saveLastChar = (ch: string) => {
    const nextPos = (twoLastCharsPos + 1) % 2;
    const ret = twoLastChars[twoLastCharsPos] !== ' ' && twoLastChars[nextPos] === ' ';
    twoLastChars[twoLastCharsPos] = ch;
    twoLastCharsPos = nextPos;
    return ret;
  };
  const shouldAddWhitespace = () => twoLastChars[twoLastCharsPos] !== ' ' && twoLastChars[(twoLastCharsPos + 1) % 2] === ' ';
  const resetLastChars = () => {
    twoLastChars[0] = twoLastChars[1] = ' ';
    twoLastCharsPos = 0;
  };
  const pushWhitespace = (width: number, height: number, tr: Matrix | null) => {
    items.push({ str: ' ', transform: tr as Matrix, width, height, hasEOL: false });
  };
  const getCurrentTextTransform = () => {
    const tsm = [textState.fontSize * textState.textHScale, 0, 0, textState.fontSize, 0, textState.textRise];
    return transform(textState.ctm, transform(textState.textMatrix, tsm));
  };
  const ensureTextContentItem = () => {
    if (item.initialized) return item;
    const trm = (item.transform = getCurrentTextTransform());
    item.width = item.totalWidth = 0;
    item.height = item.totalHeight = Math.hypot(trm[2], trm[3]);
    const scaleLineX = Math.hypot(textState.textLineMatrix[0], textState.textLineMatrix[1]);
    const scaleCtmX = Math.hypot(textState.ctm[0], textState.ctm[1]);
    item.textAdvanceScale = scaleCtmX * scaleLineX;
    const { fontSize } = textState;
    item.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    item.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    item.hasEOL = false;
    item.initialized = true;
    return item;
  };
  const updateAdvanceScale = () => {
    if (!item.initialized) return;
    const scaleLineX = Math.hypot(textState.textLineMatrix[0], textState.textLineMatrix[1]);
    const scaleCtmX = Math.hypot(textState.ctm[0], textState.ctm[1]);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === item.textAdvanceScale) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    item.width = 0;
    item.textAdvanceScale = scaleFactor;
  };
  const flushTextContentItem = () => {
    if (!item.initialized) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    const str = item.str.join('');
    if (RTL.test(str)) throw new Unsupported('right-to-left text');
    items.push({ str, transform: item.transform as Matrix, width: Math.abs(item.totalWidth), height: Math.abs(item.totalHeight), hasEOL: item.hasEOL });
    item.initialized = false;
    item.str.length = 0;
  };
  const appendEOL = () => {
    resetLastChars();
    if (item.initialized) {
      item.hasEOL = true;
      flushTextContentItem();
    } else items.push({ str: '', transform: getCurrentTextTransform(), width: 0, height: 0, hasEOL: true });
  };
  const addFakeSpaces = (width: number, transf: Matrix | null, textOrientation: number) => {
    if (textOrientation * item.spaceInFlowMin <= width && width <= textOrientation * item.spaceInFlowMax) {
      if (item.initialized) {
        resetLastChars();
        item.str.push(' ');
      }
      return false;
    }
    flushTextContentItem();
    resetLastChars();
    pushWhitespace(Math.abs(width), 0, transf || getCurrentTextTransform());
    return true;
  };
  const compareWithLastPosition = (glyphWidth: number) => {
    const currentTransform = getCurrentTextTransform();
    let posX = currentTransform[4];
    let posY = currentTransform[5];
    if (posX + glyphWidth < viewBox[0] || posX > viewBox[2] || posY < viewBox[1] || posY > viewBox[3]) return false;
    if (!textState.font || !item.prevTransform) return true;
    let lastPosX = item.prevTransform[4];
    let lastPosY = item.prevTransform[5];
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (currentTransform[0] && currentTransform[1] === 0 && currentTransform[2] === 0) rotate = currentTransform[0] > 0 ? 0 : 180;
    else if (currentTransform[1] && currentTransform[0] === 0 && currentTransform[3] === 0) rotate = currentTransform[1] > 0 ? 90 : 270;
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
        const inv = (x: number, y: number, m: Matrix) => {
          const scale = Math.hypot(m[0], m[1]);
          return [(m[0] * x + m[1] * y) / scale, (m[2] * x + m[3] * y) / scale];
        };
        [posX, posY] = inv(posX, posY, currentTransform);
        [lastPosX, lastPosY] = inv(lastPosX, lastPosY, item.prevTransform);
      }
    }
    const advanceX = (posX - lastPosX) / item.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(item.width || item.totalWidth);
    if (advanceX < textOrientation * item.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * item.height) {
        appendEOL();
        return true;
      }
      resetLastChars();
      flushTextContentItem();
      return true;
    }
    const textRiseDelta = textState.textRise - item.prevTextRise;
    const advanceYCorrected = textRiseDelta === 0 ? advanceY : advanceY - (currentTransform[3] / textState.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > item.height) {
      appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * item.notASpace) resetLastChars();
    if (advanceX <= textOrientation * item.trackingSpaceMin) {
      if (shouldAddWhitespace()) {
        resetLastChars();
        flushTextContentItem();
        pushWhitespace(Math.abs(advanceX), 0, item.prevTransform);
      } else item.width += advanceX;
    } else if (!addFakeSpaces(advanceX, item.prevTransform, textOrientation)) {
      if (item.str.length === 0) {
        resetLastChars();
        pushWhitespace(Math.abs(advanceX), 0, item.prevTransform);
      } else item.width += advanceX;
    }
    if (Math.abs(advanceY) > item.height * VERTICAL_SHIFT_RATIO) flushTextContentItem();
    return true;
  };
  const buildTextContentItem = (chars: string, extraSpacing: number) => {
    const font = textState.font;
    if (!font) throw new Unsupported('text without a font');
    if (currentTextState !== textState && (currentTextState!.fontSize !== textState.fontSize || (currentTextState!.fontName !== textState.fontName && currentTextState!.font?.name !== font.name))) {
      if (!currentTextState!.font && currentTextState!.fontSize === textState.fontSize) throw new Unsupported('font change pdfjs would fail on');
      flushTextContentItem();
      currentTextState = textState.clone();
    }
    const baseCharSpacing = textState.charSpacing;
    if (!chars) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
      return;
    }
    const scale = FONT_IDENTITY_MATRIX[0] * textState.fontSize;
    const step = font.twoByte ? 2 : 1;
    if (chars.length % step !== 0) throw new Unsupported('odd byte count for two-byte codes');
    if (/[^\x00-\xff]/.test(chars)) throw new Unsupported('an octal escape above 255');
    const count = chars.length / step;
    for (let i = 0; i < count; i++) {
      const code = step === 2 ? (chars.charCodeAt(2 * i) << 8) | chars.charCodeAt(2 * i + 1) : chars.charCodeAt(i);
      const unicode = font.unicode(code);
      const cat = category(unicode);
      if (cat.isInvisibleFormatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === count ? extraSpacing : 0);
      let scaledDim = font.width(code) * scale;
      if (code === 0x20) charSpacing += textState.wordSpacing;
      if (cat.isWhitespace) {
        charSpacing += scaledDim;
        textState.translateTextMatrix(charSpacing * textState.textHScale, 0);
        saveLastChar(' ');
        continue;
      }
      if (!cat.isZeroWidthDiacritic && !compareWithLastPosition(scaledDim)) {
        textState.translateTextMatrix(scaledDim * textState.textHScale, 0);
        continue;
      }
      const chunk = ensureTextContentItem();
      if (cat.isZeroWidthDiacritic) scaledDim = 0;
      scaledDim *= textState.textHScale;
      textState.translateTextMatrix(scaledDim, 0);
      chunk.width += scaledDim;
      if (scaledDim) {
        chunk.prevTransform = getCurrentTextTransform();
        chunk.prevTextRise = textState.textRise;
      }
      if (saveLastChar(unicode)) chunk.str.push(' ');
      chunk.str.push(unicode);
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

  const lx = new Lexer(data);
  lx.refs = false;
  const args: Obj[] = [];
  let ops = 0;
  for (;;) {
    const o = lx.next();
    if (o === EOF) break;
    if (!(o instanceof Cmd)) {
      args.push(o);
      if (args.length > 33) throw new Unsupported('too many operands');
      continue;
    }
    const op = o.cmd;
    const n = OPERANDS[op];
    if (n === undefined) throw new Unsupported(`operator ${op}`);
    if (n >= 0 ? args.length !== n : args.length > -n) throw new Unsupported(`operator ${op} with ${args.length} operands`);
    if ((++ops & 1023) === 0 && ctx.stop(items.length)) return false;
    // EvaluatorPreprocessor.preprocessCommand
    if (op === 'q') sm.save();
    else if (op === 'Q') sm.restore();
    else if (op === 'cm') {
      if (!args.every((a) => typeof a === 'number')) throw new Unsupported('cm operands');
      sm.state.ctm = transform(sm.state.ctm, args as number[]);
    }
    textState = sm.state;
    currentTextState ??= textState.clone();
    const num = (k: number) => {
      const v = args[k];
      if (typeof v !== 'number') throw new Unsupported(`operator ${op}: operand is not a number`);
      return v;
    };
    switch (op) {
      case 'Tf': {
        const nm = args[0];
        const size = num(1);
        if (!(nm instanceof Name)) throw new Unsupported('Tf operand');
        if (textState.font && nm.name === textState.fontName && size === textState.fontSize) break;
        textState.fontName = nm.name;
        textState.fontSize = size;
        textState.font = loadFont(nm.name);
        break;
      }
      case 'Ts':
        textState.textRise = num(0);
        break;
      case 'Tz':
        textState.textHScale = num(0) / 100;
        break;
      case 'TL':
        textState.leading = num(0);
        break;
      case 'Td':
        textState.translateTextLineMatrix(num(0), num(1));
        textState.textMatrix = textState.textLineMatrix.slice();
        break;
      case 'TD':
        textState.leading = -num(1);
        textState.translateTextLineMatrix(num(0), num(1));
        textState.textMatrix = textState.textLineMatrix.slice();
        break;
      case 'T*':
        textState.carriageReturn();
        break;
      case 'Tm': {
        const m = [num(0), num(1), num(2), num(3), num(4), num(5)];
        textState.textMatrix = m.slice();
        textState.textLineMatrix = m.slice();
        updateAdvanceScale();
        break;
      }
      case 'Tc':
        textState.charSpacing = num(0);
        break;
      case 'Tw':
        textState.wordSpacing = num(0);
        break;
      case 'BT':
        textState.textMatrix = IDENTITY.slice();
        textState.textLineMatrix = IDENTITY.slice();
        break;
      case 'TJ': {
        if (!textState.font) throw new Unsupported('text without a font');
        const elements = args[0];
        if (!Array.isArray(elements)) throw new Unsupported('TJ operand');
        const spaceFactor = (-1 * textState.fontSize) / 1000;
        let buffer = '';
        for (const el of elements) {
          if (typeof el === 'string') buffer += el;
          else if (typeof el === 'number' && el !== 0) {
            const str = buffer;
            buffer = '';
            buildTextContentItem(str, el * spaceFactor);
          }
        }
        if (buffer.length > 0) buildTextContentItem(buffer, 0);
        break;
      }
      case 'Tj':
        if (!textState.font) throw new Unsupported('text without a font');
        if (typeof args[0] !== 'string') throw new Unsupported('Tj operand');
        buildTextContentItem(args[0], 0);
        break;
      case "'":
        if (!textState.font) throw new Unsupported('text without a font');
        if (typeof args[0] !== 'string') throw new Unsupported("' operand");
        textState.carriageReturn();
        buildTextContentItem(args[0], 0);
        break;
      case '"':
        if (!textState.font) throw new Unsupported('text without a font');
        if (typeof args[2] !== 'string') throw new Unsupported('" operand');
        textState.wordSpacing = num(0);
        textState.charSpacing = num(1);
        textState.carriageReturn();
        buildTextContentItem(args[2], 0);
        break;
      case 'Do': {
        flushTextContentItem();
        const nm = args[0];
        if (!(nm instanceof Name)) throw new Unsupported('Do operand');
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
        if (raw instanceof Ref) {
          if (seenForms.has(raw.num)) throw new Unsupported('form draws itself');
        }
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
      case 'gs': {
        const nm = args[0];
        if (!(nm instanceof Name)) throw new Unsupported('gs operand');
        const ext = file.get(resources, 'ExtGState');
        if (!(ext instanceof Dict)) throw new Unsupported('ExtGState resources');
        const g = file.get(ext, nm.name);
        if (!(g instanceof Dict)) throw new Unsupported('graphics state is not a dictionary');
        if (g.get('Font') !== undefined) throw new Unsupported('font set by a graphics state');
        break;
      }
      case 'BMC':
      case 'BDC':
      case 'EMC':
        flushTextContentItem();
        break;
    }
    args.length = 0;
  }
  if (args.length) throw new Unsupported('operands after the last operator');
  flushTextContentItem();
  return true;
}
