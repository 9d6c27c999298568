/**
 * Claims from text: every figure-bearing sentence becomes typed claims (subject, value, basis, change,
 * direction, percentage, share, 完成率). Works on SourceDoc.norm, so offsets are offsets in the text.
 * Reason clauses ("主要原因是…", "主要用于…") are skipped: their numbers describe something else.
 */
import type { Claim, Num, Basis } from './types.js';
import type { Section } from '../structure/types.js';
import { sectionPathAt } from '../structure/sections.js';
import { SUBJECT_RE, BASIS_RE, resolveSubject, basisOf, UP_WORDS, DOWN_WORDS } from './lexicon.js';
import { cleanNumberText, printedPlaces } from '../calc/money.js';
import type { Direction } from '../calc/compare.js';

const NUM = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;

type Tok =
  | { t: 'subj'; s: number; e: number; word: string }
  | { t: 'basis'; s: number; e: number; phrase: string; base?: Num }
  | { t: 'dir'; s: number; e: number; dir: Direction; word: string; num: Num }
  | { t: 'flat'; s: number; e: number }
  | { t: 'amt'; s: number; e: number; num: Num }
  | { t: 'share'; s: number; e: number; of: string | null; num: Num }
  | { t: 'completion'; s: number; e: number; basis: Basis; num: Num }
  | { t: 'setBase'; s: number; e: number; basis: Basis; num: Num }
  | { t: 'setValue'; s: number; e: number; num: Num }
  | { t: 'incomparable'; s: number; e: number }
  | { t: 'skip'; s: number; e: number };

function mkNum(raw: string, start: number, unit: Num['unit']): Num {
  const v = cleanNumberText(raw);
  return { raw, value: v, dp: printedPlaces(raw), start, end: start + raw.length, unit };
}

function unitOf(u: string): Num['unit'] {
  return u === '%' ? '%' : u === '元' ? '元' : '万元';
}

const RE = {
  skip: /单价\s*\d+\s*万元\s*(\(含\))?\s*以[上下]|\d{4}\s*年(度|\d{1,2}\s*月(\d{1,2}\s*日)?)?|\d+\s*月\s*\d+\s*日/g,
  amt: new RegExp(`${NUM}\\s*(万元|元|%)`, 'g'),
  dir: new RegExp(`(${[...UP_WORDS, ...DOWN_WORDS].join('|')})了?\\s*${NUM}\\s*(万元|元|%)`, 'g'),
  flat: /持平|无变化|没有变化/g,
  incomparable: /无可比性|不具可比性/g,
  share: new RegExp(`占(?:([^,;%\\d]{1,24}?)的)?(?:比重|比例)?(?:为)?\\s*${NUM}\\s*%`, 'g'),
  completion: new RegExp(`完成(年初|全年|调整后?)?预算(?:数)?的\\s*${NUM}\\s*%`, 'g'),
  setBase: new RegExp(`(年初预算|全年预算|调整后?预算)(?:数)?为\\s*${NUM}\\s*万元`, 'g'),
  setValue: new RegExp(`(?:支出)?决算(?:数)?为\\s*${NUM}\\s*万元`, 'g'),
  basis: new RegExp(`(${BASIS_RE.source})(?:\\s*${NUM}\\s*万元)?`, 'g'),
};

/** Tokenise one sentence [s0, s1) of norm. */
function tokenize(norm: string, s0: number, s1: number, year: number | null): Tok[] {
  const text = norm.slice(s0, s1);
  const toks: Tok[] = [];
  const add = (re: RegExp, f: (m: RegExpExecArray) => Tok | null) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const t = f(m);
      if (t) toks.push(t);
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  const at = (m: RegExpExecArray, group: string) => s0 + m.index + m[0].indexOf(group);
  add(RE.skip, (m) => ({ t: 'skip', s: s0 + m.index, e: s0 + m.index + m[0].length }));
  add(RE.amt, (m) => ({ t: 'amt', s: s0 + m.index, e: s0 + m.index + m[0].length, num: mkNum(m[1], at(m, m[1]), unitOf(m[2])) }));
  add(RE.dir, (m) => ({
    t: 'dir', s: s0 + m.index, e: s0 + m.index + m[0].length, dir: UP_WORDS.includes(m[1]) ? 'up' : 'down', word: m[1], num: mkNum(m[2], at(m, m[2]), unitOf(m[3])),
  }));
  add(RE.flat, (m) => ({ t: 'flat', s: s0 + m.index, e: s0 + m.index + m[0].length }));
  add(RE.incomparable, (m) => ({ t: 'incomparable', s: s0 + m.index, e: s0 + m.index + m[0].length }));
  add(RE.share, (m) => ({ t: 'share', s: s0 + m.index, e: s0 + m.index + m[0].length, of: m[1] ?? null, num: mkNum(m[2], at(m, m[2]), '%') }));
  add(RE.completion, (m) => ({
    t: 'completion', s: s0 + m.index, e: s0 + m.index + m[0].length, basis: m[1] && m[1] !== '年初' ? 'fullYearBudget' : 'budget', num: mkNum(m[2], at(m, m[2]), '%'),
  }));
  add(RE.setBase, (m) => ({
    t: 'setBase', s: s0 + m.index, e: s0 + m.index + m[0].length, basis: m[1] === '年初预算' ? 'budget' : 'fullYearBudget', num: mkNum(m[2], at(m, m[2]), '万元'),
  }));
  add(RE.setValue, (m) => ({ t: 'setValue', s: s0 + m.index, e: s0 + m.index + m[0].length, num: mkNum(m[1], at(m, m[1]), '万元') }));
  add(RE.basis, (m) => {
    const phrase = m[1];
    if (basisOf(phrase, year) === null) return { t: 'skip', s: s0 + m.index, e: s0 + m.index + m[0].length };
    const tok: Tok = { t: 'basis', s: s0 + m.index, e: s0 + m.index + m[0].length, phrase };
    const numRaw = m[m.length - 1];
    if (numRaw && m[0].endsWith('万元')) tok.base = mkNum(numRaw, s0 + m.index + m[0].lastIndexOf(numRaw, m[0].length - 2), '万元');
    return tok;
  });
  add(SUBJECT_RE, (m) => ({ t: 'subj', s: s0 + m.index, e: s0 + m.index + m[0].length, word: m[0] }));
  // Resolve overlaps: earlier start wins, then the longer, then the more specific kind.
  const rank: Record<Tok['t'], number> = { skip: 0, setBase: 1, setValue: 1, completion: 1, share: 2, dir: 3, basis: 4, incomparable: 5, flat: 5, subj: 6, amt: 7 };
  toks.sort((a, b) => a.s - b.s || b.e - b.s - (a.e - a.s) || rank[a.t] - rank[b.t]);
  const out: Tok[] = [];
  let end = -1;
  for (const t of toks) {
    if (t.s < end) continue;
    out.push(t);
    end = t.e;
  }
  return out.filter((t) => t.t !== 'skip');
}

const REASON_RE = /主要原因|原因是|原因为|主要用于(?!以下)|主要是用于|(?<!主要)用于(?!以下)|用途主要包括|主要包括/g;

/** A subject whose value is stated under another name ("收入总计…支出总计…。收支较上年…"). */
const CARRY_ALIAS: Record<string, string> = { 收支总计: '收入总计' };

export interface ExtractOptions {
  year: number | null;
  /** Offsets ranges to ignore (tables), in source offsets. */
  skip?: [number, number][];
  /** When `norm` is a view (claims/view.ts): view offset → source offset, for sections and skips. */
  toSource?: (i: number) => number;
}

export function extractClaims(norm: string, sections: Section[], opts: ExtractOptions): Claim[] {
  const claims: Claim[] = [];
  let id = 0;
  let lastSubject: { concept: string | null; subject: string; s: number; e: number } | null = null;
  let lastSectionStart = -1;
  const sentRe = /[^。;!?\n]+[。;!?]?/g;
  for (let m = sentRe.exec(norm); m; m = sentRe.exec(norm)) {
    const s0 = m.index;
    let s1 = s0 + m[0].length;
    const src0 = opts.toSource ? opts.toSource(s0) : s0;
    if (opts.skip?.some(([a, b]) => src0 >= a && src0 < b)) continue;
    if (norm[s0] === '\t') continue;
    const path = sectionPathAt(sections, src0);
    const ids = path.map((p) => p.id);
    if (ids.includes('名词解释')) continue;
    const here = path.length ? path[path.length - 1] : null;
    if (here && here.start !== lastSectionStart) {
      lastSectionStart = here.start;
      lastSubject = null;
    }
    // Cut the reason clause off.
    REASON_RE.lastIndex = 0;
    const r = REASON_RE.exec(norm.slice(s0, s1));
    if (r) s1 = s0 + r.index;
    if (s1 <= s0) continue;
    const toks = tokenize(norm, s0, s1, opts.year);
    let cur: Claim | null = null;
    const newClaim = (concept: string | null, subject: string, ss: number, se: number): Claim => {
      const c: Claim = { id: ++id, concept, subject, subjectStart: ss, subjectEnd: se, sentenceStart: s0, sentenceEnd: s1, sectionPath: path.map((p) => p.id ?? p.title) };
      claims.push(c);
      return c;
    };
    const ensure = (): Claim | null => {
      if (cur) return cur;
      if (!lastSubject) return null;
      cur = newClaim(lastSubject.concept, lastSubject.subject, lastSubject.s, lastSubject.e);
      return cur;
    };
    let lastTokEnd = s0;
    for (const t of toks) {
      const gap = norm.slice(lastTokEnd, t.s);
      switch (t.t) {
        case 'subj': {
          // "一般公共服务支出（类）…（款）…（项）" names a 项 by its path: a name marked (类)/(款)/(项) is an
          // element of that path, not the 类 itself.
          const mark = /^\s*\((类|款|项)\)\s*(\d)?/.exec(norm.slice(t.e, t.e + 8));
          const partOfPath = mark !== null && !(mark[1] === '类' && mark[2] !== undefined);
          const concept = partOfPath ? null : resolveSubject(t.word, ids);
          if (concept === 'carry') {
            cur = null;
            ensure();
          } else {
            cur = newClaim(concept, t.word, t.s, t.e);
            lastSubject = { concept, subject: t.word, s: t.s, e: t.e };
          }
          break;
        }
        case 'amt': {
          const c = cur as Claim | null;
          if (t.num.unit === '%') break;
          // A value belongs to the subject just before it, with at most a few words between.
          if (c && !c.value && !c.basis && !c.delta && c.subjectEnd <= t.s && !/[,;:]/.test(gap) && gap.length <= 8) c.value = t.num;
          break;
        }
        case 'basis': {
          const c = ensure();
          if (!c) break;
          const basis = basisOf(t.phrase, opts.year)!;
          if (c.basis && (c.delta || c.pct || c.incomparable || c.direction)) {
            cur = newClaim(c.concept, c.subject, c.subjectStart, c.subjectEnd);
            if (c.value) cur.value = c.value;
          }
          cur!.basis = basis;
          if (t.base) cur!.baseValue = t.base;
          break;
        }
        case 'dir': {
          const c = ensure();
          if (!c) break;
          const d = { dir: t.dir, word: t.word, start: t.s, end: t.s + t.word.length };
          if (t.num.unit === '%') {
            c.pct = t.num;
            c.pctDirection = d;
          } else {
            c.delta = t.num;
            c.direction = d;
          }
          break;
        }
        case 'flat': {
          const c = ensure();
          if (c) c.direction = { dir: 'flat', word: '持平', start: t.s, end: t.e };
          break;
        }
        case 'incomparable': {
          const c = ensure();
          if (c) c.incomparable = true;
          break;
        }
        case 'share': {
          const c = ensure();
          if (!c) break;
          c.share = t.num;
          c.shareOf = t.of ? resolveSubject(t.of.replace(/^(本年|全年)?/, (x) => x), ids) as string | null : null;
          if (c.shareOf === 'carry') c.shareOf = null;
          break;
        }
        case 'completion': {
          const c = ensure();
          if (!c) break;
          c.completion = t.num;
          c.completionBasis = t.basis;
          break;
        }
        case 'setBase': {
          // Shanghai items name their 项 in free words ("行政运行（项）年初预算为…"): the words before are the subject.
          if (!cur && !lastSubject) {
            const words = norm.slice(s0, t.s).replace(/^[\s\d.、()（）一二三四五六七八九十]+/, '').replace(/[,:]\s*$/, '').trim();
            cur = newClaim(null, words.slice(-30) || '该项', t.s - Math.min(30, words.length), t.s);
          }
          const c = ensure();
          if (!c) break;
          // Shanghai wording: "年初预算为A万元，全年预算为B万元，支出决算为C万元" — keep both bases on one claim.
          if (t.basis === 'budget') (c as Claim & { budgetValue?: Num }).budgetValue = t.num;
          else (c as Claim & { fullYearBudgetValue?: Num }).fullYearBudgetValue = t.num;
          break;
        }
        case 'setValue': {
          const c = ensure();
          if (c && !c.value) c.value = t.num;
          break;
        }
      }
      lastTokEnd = t.e;
    }
  }
  // Carry values: a change stated without its value refers to the last value of the same subject.
  const lastValue = new Map<string, Num>();
  for (const c of claims) {
    const key = c.concept ?? c.subject;
    const alias = CARRY_ALIAS[key];
    if (c.value) lastValue.set(key, c.value);
    else if ((c.delta || c.pct) && (lastValue.has(key) || (alias && lastValue.has(alias)))) {
      c.value = lastValue.get(key) ?? lastValue.get(alias!);
      (c as Claim & { valueCarried?: boolean }).valueCarried = true;
    }
  }
  return claims.filter((c) => c.value || c.delta || c.pct || c.share || c.completion || c.direction || c.incomparable);
}
