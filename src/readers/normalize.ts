/**
 * Char-for-char normalisation for matching and parsing (never for display): the result has exactly the
 * length of the input, so offsets found in the normalised text are offsets in the original.
 * - NFKC per character where it yields one character (full-width digits/letters/punctuation → ASCII,
 *   Kangxi radicals → ideographs), keeping 。、 and Chinese brackets as they are;
 * - the CJK radical supplement table for PDF text layers (docs/stack.md §5; ⼾ → 户 before NFKC);
 * - traditional → simplified characters (one-to-one table generated from OpenCC into readers/t2s.ts by
 *   scripts/gen-t2s.ts; installed by default, replaceable with `setTraditionalTable`);
 * - Word field residue and table-of-contents leaders blanked to spaces (`blankResidue`): `PAGEREF _Toc123 \h 4`,
 *   `[bookmark: _GoBack]`, `HYPERLINK \l "_Toc1"`, `TOC \o "1-3" \h`, `\* MERGEFORMAT`, dot leaders `……( 3 )`.
 * `normalizeText` does both; `normalizeChars` only the per-character part.
 */
import { T2S_PAIRS } from './t2s.js';

const RADICAL_PAIRS =
  '⺦丬⺃乚⺂乛⻲亀⺅亻⺎兀⺉刂⻧卤⺐尢⺏尣⺒巳⺓幺⺕彐⺔彑⺖忄⼾户⺘扌⺙攵⻫斉⺛旡⺞歺⺠民⺡氵⺣灬⺨犭⺭礻⻯竜⺯糹⺰纟⺫罒⺱罓⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻱龜';

const RADICALS = new Map<string, string>();
for (let i = 0; i < RADICAL_PAIRS.length; i += 2) RADICALS.set(RADICAL_PAIRS[i], RADICAL_PAIRS[i + 1]);

/** Characters NFKC would change that we keep (they carry meaning in Chinese text). */
const KEEP = new Set(['。', '、', '“', '”', '‘', '’', '〔', '〕', '【', '】', '《', '》', '—', '…']);

/** Extra one-to-one mappings applied after NFKC (brackets, dashes, spaces). */
const EXTRA: Record<string, string> = {
  '\u3000': ' ', '\u00a0': ' ', '\t': '\t', '–': '-', '−': '-', '﹪': '%', '∶': ':', '．': '.',
};

const cache = new Map<string, string>();
/** normalizeText's results for texts of at most SHORT characters. */
const shortTexts = new Map<string, string>();
const SHORT = 24;

/**
 * Traditional → simplified by UTF-16 code unit (0: none; every character of the table is one code unit).
 * A typed array, not a Map: filling it is ~0.1 ms where building a Map of the 2968 pairs was ~1.7 ms of every
 * worker's start (cold code), and a lookup is an index.
 */
let t2s: Uint16Array | null = null;
/** Install a traditional → simplified table (one code unit to one code unit); null switches conversion off. */
function setTraditionalTable(table: Uint16Array | null): void {
  t2s = table;
  cache.clear();
  shortTexts.clear();
}

/** The built-in table (OpenCC, see t2s.ts). */
function defaultTraditionalTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) t[T2S_PAIRS.charCodeAt(i)] = T2S_PAIRS.charCodeAt(i + 1);
  return t;
}
setTraditionalTable(defaultTraditionalTable());

/** How many characters of `text` the installed table converts from traditional to simplified. */
export function countTraditional(text: string): number {
  if (!t2s) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && t2s[c] !== 0) n++;
  }
  return n;
}

function normalizeChar(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = ch;
  const r = RADICALS.get(ch);
  if (r) out = r;
  else if (!KEEP.has(ch)) {
    const e = EXTRA[ch];
    if (e !== undefined) out = e;
    else {
      const n = ch.normalize('NFKC');
      if (n.length === 1) out = RADICALS.get(n) ?? n;
    }
  }
  if (t2s && out.length === 1) {
    const simplified = t2s[out.charCodeAt(0)]!;
    if (simplified !== 0) out = String.fromCharCode(simplified);
  }
  cache.set(ch, out);
  return out;
}

/** Per-character normalisation only; result.length === text.length (surrogate pairs are kept as they are). */
export function normalizeChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out += text[i];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      out += text[i] + text[i + 1];
      i++;
      continue;
    }
    out += normalizeChar(text[i]);
  }
  return out;
}

/**
 * Word field residue that survives conversion to text/HTML. Each match is blanked (spaces) in `norm`.
 * The page number a PAGEREF field prints is blanked with it when it ends the line.
 */
const RESIDUE: RegExp[] = [
  /\[bookmark:[^\]\n]*\]/g,
  /PAGEREF[ \t]+_?Toc\w*(?:[ \t]+\\?[hpz](?![\w\u4e00-\u9fff]))*(?:\s*\\\*\s*MERGEFORMAT)?(?:[ \t]+\d{1,4}(?=[ \t\u3000]*$))?/gm,
  /HYPERLINK[ \t]+(?:\\l[ \t]+)?"[^"\n]*"(?:[ \t]+\\[a-z](?![\w]))*/g,
  /(?<![A-Za-z])TOC(?:[ \t]+\\[a-z](?:[ \t]+"[^"\n]*")?)+/g,
  /\\\*[ \t]*MERGEFORMAT/g,
  // Pinyin that some mirror sites put after characters they converted: 政務(wù)服務 → 政务    服务.
  /(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*[)）]/g,
  // Dot leaders of a table of contents, with the page number that closes the line: "概况……( 1 )", "概况.....3".
  // (the lookbehind starts a leader only where its run starts: retried from inside a long run that does not end the
  // line, the pattern was quadratic — 32 000 dots took 44 s; its gap is bounded, or it rescans long runs of spaces)
  /(?<![.．·…•∙‥⋯][ \t]{0,16})(?:[.．·…•∙‥⋯][ \t]*){4,}(?:[(（][ \t]*\d{1,4}[ \t]*[)）]|[-－—]?[ \t]*\d{1,4}[ \t]*[-－—]?)?(?=[ \t\u3000]*$)/gm,
];

/** Blank Word field residue and TOC leaders in `norm` (same length; `text` is the original for the patterns). */
export function blankResidue(text: string, norm: string): string {
  let out: string[] | null = null;
  for (const re of RESIDUE) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out ??= norm.split('');
      for (let i = m.index; i < m.index + m[0].length; i++) if (out[i] !== '\n') out[i] = ' ';
    }
  }
  return out ? out.join('') : norm;
}

/** Normalise a whole text for matching: per-character mapping plus residue blanking; same length as `text`. */
export function normalizeText(text: string): string {
  if (text.length > SHORT) return blankResidue(text, normalizeChars(text));
  // Short texts (a PDF's text items, often one character each) repeat: each is normalised once.
  let out = shortTexts.get(text);
  if (out === undefined) {
    if (shortTexts.size >= 100_000) shortTexts.clear();
    shortTexts.set(text, (out = blankResidue(text, normalizeChars(text))));
  }
  return out;
}

/**
 * A line that is a marked page number ("— 21 —", "第3页 共30页"), never a bare number: page furniture in any
 * text (the claims' joined view, the table reader's wrapped paths, the PDF form tables, the extracted model's
 * paragraphs all skip it).
 */
const MARKED_PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$/;
export const isPageNumberLine = (line: string): boolean => MARKED_PAGE_NUMBER.test(line);
