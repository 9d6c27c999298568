/**
 * Char-for-char normalisation for matching and parsing (never for display): the result has exactly the
 * length of the input, so offsets found in the normalised text are offsets in the original.
 * - NFKC per character where it yields one character (full-width digits/letters/punctuation → ASCII,
 *   Kangxi radicals → ideographs), keeping 。、 and Chinese brackets as they are;
 * - the CJK radical supplement table for PDF text layers (docs/stack.md §5; ⼾ → 户 before NFKC);
 * - traditional → simplified characters (one-to-one table, readers/t2s.ts when present).
 */

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

let t2s: Map<string, string> | null = null;
/** Install a traditional → simplified table (one character to one character). */
export function setTraditionalTable(map: Map<string, string>): void {
  t2s = map;
}

const cache = new Map<string, string>();

export function normalizeChar(ch: string): string {
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
  if (t2s) out = t2s.get(out) ?? out;
  cache.set(ch, out);
  return out;
}

/** Normalise a whole text; result.length === text.length (surrogate pairs are kept as they are). */
export function normalizeText(text: string): string {
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
