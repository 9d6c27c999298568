/**
 * A view of the text for reading sentences, with a map back to source offsets. A PDF breaks sentences
 * at every visual line ("收入支出总计 307.82\n万元。"), so its view joins the lines of a paragraph and
 * drops bare page numbers; other formats keep one paragraph per line and use the text as it is.
 */
import { matchHeading } from '../structure/sections.js';

export interface TextView {
  text: string;
  /** map[i] = source offset of view character i; null when the view is the source. */
  map: Int32Array | null;
}

export function identityView(text: string): TextView {
  return { text, map: null };
}

/** Source offset of a view offset (an end offset maps to one past its last character's source). */
export function toSource(view: TextView, i: number): number {
  if (!view.map) return i;
  if (i <= 0) return view.map.length ? view.map[0] : 0;
  if (i >= view.map.length) return view.map.length ? view.map[view.map.length - 1] + 1 : 0;
  return view.map[i];
}

export function toSourceEnd(view: TextView, end: number): number {
  if (!view.map) return end;
  return end <= 0 ? toSource(view, 0) : toSource(view, end - 1) + 1;
}

const SENTENCE_END = /[。;；:：!！?？]\s*$/;
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})\s*$/;


/** A figure with its unit: headings name parts, they do not state amounts or shares. */
const STATED_FIGURE = /\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?:万元|亿元|元|%)/;

/**
 * A line that is a heading and nothing more. "1.总体情况。2020年度收入总计…支出总" starts like a heading
 * but carries its paragraph on, so the next line continues it; so does a numbered list item that states a
 * figure ("（1）一般公共服务支出1,462.95万元，占79.8%，较年初" + "预算数增加46.25万元…").
 */
function isHeadingOnly(line: string): boolean {
  const h = matchHeading(line);
  if (!h) return false;
  const rest = line.trim().slice(h.numbering.length).trim().replace(/[。:：]$/, '');
  if (STATED_FIGURE.test(rest)) return false;
  return rest.length <= h.title.length;
}

/**
 * An item's 功能分类 path wrapped at the line's end ("6、卫生健康支出(类)行政事业单位医疗(款)行政单位" + "医疗(项)。主要
 * 用于…", 上海's numbered items): the first line reads like a numbered heading, but the name it ends in goes on.
 */
const PATH_OPEN_AT_END = /\((?:类|款)\)[\u3400-\u9fff]{1,16}$/;
const PATH_GOES_ON = /^[\u3400-\u9fff]{1,16}\((?:款|项)\)/;

/** Join the lines of each paragraph of a PDF's text; page-number lines are left out. */
export function joinedLinesView(norm: string, lineStarts: number[]): TextView {
  const out: string[] = [];
  const map: number[] = [];
  const push = (s: string, from: number) => {
    out.push(s);
    for (let k = 0; k < s.length; k++) map.push(from + k);
  };
  let prev: string | null = null;
  let prevBreakAt = -1;
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : norm.length;
    const line = norm.slice(start, end);
    if (PAGE_NUMBER.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    const join =
      prev !== null && body !== '' && prev.trim() !== '' && !SENTENCE_END.test(prev) && !prev.includes('\t') && !body.includes('\t') &&
      (!isHeadingOnly(prev) || (PATH_OPEN_AT_END.test(prev.trim()) && PATH_GOES_ON.test(body))) && !matchHeading(body);
    if (prev !== null) {
      if (join) {
        // drop the line break and the indentation: "307.82" + "万元。"
        const trimmedPrev = out.length ? out[out.length - 1] : '';
        const trail = trimmedPrev.length - trimmedPrev.trimEnd().length;
        if (trail > 0) {
          out[out.length - 1] = trimmedPrev.slice(0, trimmedPrev.length - trail);
          map.length -= trail;
        }
      } else push('\n', prevBreakAt);
    }
    push(join ? body : line.slice(0, lead) + body, start + (join ? lead : 0));
    prev = line;
    prevBreakAt = end;
  }
  return { text: out.join(''), map: Int32Array.from(map) };
}

/** Move every offset of claims found in a view back to source offsets (in place). */
export function remapClaims<C extends object>(claims: C[], view: TextView): void {
  if (!view.map) return;
  const spanKeys: [string, string][] = [['subjectStart', 'subjectEnd'], ['sentenceStart', 'sentenceEnd']];
  // (an unbound figure has only the sentence span and its number)
  // Claims share number objects (a value carried to a later change claim): move each object once.
  const moved = new Set<object>();
  for (const c of claims as Record<string, unknown>[]) {
    if (typeof c.paragraph === 'number') c.paragraph = toSource(view, c.paragraph);
    for (const [a, b] of spanKeys) {
      if (typeof c[a] !== 'number') continue;
      const s = c[a] as number;
      const e = c[b] as number;
      c[a] = toSource(view, s);
      c[b] = toSourceEnd(view, e);
    }
    for (const v of Object.values(c)) {
      if (v && typeof v === 'object' && 'start' in v && 'end' in v && !moved.has(v)) {
        moved.add(v);
        const o = v as { start: number; end: number };
        const s = o.start;
        o.start = toSource(view, s);
        o.end = toSourceEnd(view, o.end);
      }
    }
  }
}

/**
 * Pinyin that mirror sites insert after converted characters ("預(yù)算", "費(fèi)"): a bracketed Latin syllable
 * carrying a tone mark, right after a CJK character. Removed in the view so that terms read whole again.
 */
const PINYIN = /(?<=[\u3400-\u9fff])\([a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}\)/g;

/**
 * A view without web residue: pinyin after characters dropped, and (for text not from a PDF) a line break
 * that cuts a known term in two joined ("因公出国（境）\n费决算为…"), judged by `splitsTerm`.
 */
export function cleanView(base: TextView, source: string, splitsTerm: (before: string, after: string) => boolean, joinTerms: boolean): TextView {
  const src = base.text;
  const drop = new Uint8Array(src.length);
  let any = false;
  // Found in the source text (the normalised text may have blanked it already), dropped from the view.
  const inSource = new Uint8Array(source.length);
  PINYIN.lastIndex = 0;
  for (let m = PINYIN.exec(source); m; m = PINYIN.exec(source)) {
    inSource.fill(1, m.index, m.index + m[0].length);
    any = true;
  }
  if (any) for (let i = 0; i < src.length; i++) if (inSource[base.map ? base.map[i] : i]) drop[i] = 1;
  if (joinTerms) {
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) {
      const before = src.slice(Math.max(0, i - 16), i);
      const after = src.slice(i + 1, i + 17);
      if (/[\u3400-\u9fff)）]$/.test(before) && /^[\u3400-\u9fff]/.test(after) && splitsTerm(before, after)) {
        drop[i] = 1;
        any = true;
      }
    }
  }
  if (!any) return base;
  const out: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < src.length; i++) {
    if (drop[i]) continue;
    out.push(src[i]);
    map.push(base.map ? base.map[i] : i);
  }
  return { text: out.join(''), map: Int32Array.from(map) };
}
