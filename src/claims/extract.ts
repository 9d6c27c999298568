/**
 * Claims from text: every figure-bearing sentence becomes typed claims (subject, value, basis, change,
 * direction, percentage, share, 完成率). Works on a view of SourceDoc.norm (claims/view.ts).
 * Reason clauses ("主要原因是…", "主要用于…") are skipped: their numbers describe something else.
 *
 * Bind or abstain (claims/binding.ts): a figure joins a claim only when the words between it and its subject
 * are claim grammar; its measure (决算 / 预算 / 上年) and year come from the words; what cannot be bound is
 * returned as `unbound` and checked by nothing.
 */
import type { Claim, Num, Basis, ClaimExtras } from './types.js';
import type { Section } from '../structure/types.js';
import { sectionPathAt } from '../structure/sections.js';
import { SUBJECT_RE, BASIS_RE, resolveSubject, basisOf, UP_WORDS, DOWN_WORDS } from './lexicon.js';
import { isFiller, measureOf, boundLeft, DISTRIBUTIVE, type Measure } from './binding.js';
import { cleanNumberText, printedPlaces } from '../calc/money.js';
import type { Direction } from '../calc/compare.js';
import { SHARE_DENOMINATORS } from '../model/concepts.js';

/**
 * A printed number. The look-behind starts a match only at the start of a digit run, so a long run of
 * digits is scanned once (linear time), never once per position.
 */
const NUM = String.raw`(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const UNIT = String.raw`(亿元|万元|元)`;

type Tok =
  | { t: 'subj'; s: number; e: number; word: string }
  | { t: 'basis'; s: number; e: number; phrase: string; base?: Num }
  | { t: 'dir'; s: number; e: number; dir: Direction; word: string; num: Num }
  | { t: 'flat'; s: number; e: number }
  | { t: 'amt'; s: number; e: number; num: Num }
  | { t: 'share'; s: number; e: number; of: string | null; num: Num }
  | { t: 'completion'; s: number; e: number; basis: Basis; num: Num; budget?: Num }
  | { t: 'setBase'; s: number; e: number; basis: Basis; num: Num }
  | { t: 'setValue'; s: number; e: number; num: Num }
  | { t: 'incomparable'; s: number; e: number }
  | { t: 'year'; s: number; e: number; year: number }
  | { t: 'vsBudget'; s: number; e: number; rel: 'gt' | 'lt' | 'eq'; word: string; num?: Num }
  | { t: 'distributive'; s: number; e: number }
  | { t: 'skip'; s: number; e: number };

function mkNum(raw: string, start: number, unit: Num['unit']): Num {
  const v = cleanNumberText(raw);
  return { raw, value: v, dp: printedPlaces(raw), start, end: start + raw.length, unit };
}

function unitOf(u: string): Num['unit'] {
  return u === '%' ? '%' : u === '元' ? '元' : u === '亿元' ? '亿元' : '万元';
}

const RE = {
  // Dates, price thresholds and the template's "增加（减少）" column wording carry no claim.
  skip: /单价\s*\d{1,6}\s*万元\s*(\(含\))?\s*以[上下]|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日|增加\s*\(减少\)|减少\s*\(增加\)|增长\s*\(下降\)|下降\s*\(增长\)|增\s*\(减\)|增加或减少|增减变动/g,
  year: /(?<!\d)(\d{4})\s*年度?(?!\s*\d)/g,
  distributive: new RegExp(DISTRIBUTIVE.source, 'g'),
  amt: new RegExp(`${NUM}\\s*(亿元|万元|元|%)`, 'g'),
  dir: new RegExp(`(${[...UP_WORDS, ...DOWN_WORDS].join('|')})了?\\s*${NUM}\\s*(亿元|万元|元|%)`, 'g'),
  flat: /持平|无变化|没有变化/g,
  incomparable: /无可比性|不具可比性/g,
  // "占总支出的45.46%", "占总支出0.35%" (a known denominator word without 的), "占比为…%"
  share: new RegExp(`占(?:([^,;%\\d]{1,24}?)的|(${Object.keys(SHARE_DENOMINATORS).map((w) => w.replace(/"/g, '"')).join('|')}))?(?:比重|比例)?(?:为)?\\s*${NUM}\\s*%`, 'g'),
  completion: new RegExp(`完成(年初|全年|调整后?)?预算(?:数)?(?:\\s*${NUM}\\s*${UNIT})?的?\\s*${NUM}\\s*%`, 'g'),
  // "决算数大于预算数55.93万元", "支出决算小于年初预算", "决算数与预算数持平"
  vsBudget: new RegExp(`(?:支出)?决算(?:数)?(大于|高于|超过|小于|低于|等于|与(?:年初)?预算(?:数)?持平)(?:年初|全年)?(?:预算)?(?:数)?(?:\\s*${NUM}\\s*${UNIT})?`, 'g'),
  setBase: new RegExp(`(年初预算|全年预算|调整后?预算)(?:数)?为\\s*${NUM}\\s*${UNIT}`, 'g'),
  setValue: new RegExp(`(?:支出)?决算(?:数)?为\\s*${NUM}\\s*${UNIT}`, 'g'),
  basis: new RegExp(`(${BASIS_RE.source})(?:\\s*${NUM}\\s*${UNIT})?`, 'g'),
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
  const span = (m: RegExpExecArray) => ({ s: s0 + m.index, e: s0 + m.index + m[0].length });
  add(RE.skip, (m) => ({ t: 'skip', ...span(m) }));
  add(RE.year, (m) => ({ t: 'year', ...span(m), year: Number(m[1]) }));
  add(RE.distributive, (m) => ({ t: 'distributive', ...span(m) }));
  add(RE.amt, (m) => ({ t: 'amt', ...span(m), num: mkNum(m[1], at(m, m[1]), unitOf(m[2])) }));
  add(RE.dir, (m) => ({ t: 'dir', ...span(m), dir: UP_WORDS.includes(m[1]) ? 'up' : 'down', word: m[1], num: mkNum(m[2], at(m, m[2]), unitOf(m[3])) }));
  add(RE.flat, (m) => ({ t: 'flat', ...span(m) }));
  add(RE.incomparable, (m) => ({ t: 'incomparable', ...span(m) }));
  add(RE.share, (m) => ({ t: 'share', ...span(m), of: m[1] ?? m[2] ?? null, num: mkNum(m[3], s0 + m.index + m[0].lastIndexOf(m[3]), '%') }));
  add(RE.completion, (m) => {
    const tok: Tok = { t: 'completion', ...span(m), basis: m[1] && m[1] !== '年初' ? 'fullYearBudget' : 'budget', num: mkNum(m[4], s0 + m.index + m[0].lastIndexOf(m[4]), '%') };
    // "完成预算27万元的63.2%": the budget is printed inside the wording.
    if (m[2]) tok.budget = mkNum(m[2], at(m, m[2]), unitOf(m[3]));
    return tok;
  });
  add(RE.setBase, (m) => ({ t: 'setBase', ...span(m), basis: m[1] === '年初预算' ? 'budget' : 'fullYearBudget', num: mkNum(m[2], at(m, m[2]), unitOf(m[3])) }));
  add(RE.setValue, (m) => ({ t: 'setValue', ...span(m), num: mkNum(m[1], at(m, m[1]), unitOf(m[2])) }));
  add(RE.basis, (m) => {
    const phrase = m[1];
    if (basisOf(phrase, year) === null) return { t: 'skip', ...span(m) };
    const tok: Tok = { t: 'basis', ...span(m), phrase };
    const unit = m[m.length - 1];
    const numRaw = m[m.length - 2];
    if (numRaw && unit) tok.base = mkNum(numRaw, s0 + m.index + m[0].lastIndexOf(numRaw, m[0].length - unit.length), unitOf(unit));
    return tok;
  });
  add(RE.vsBudget, (m) => {
    const w = m[1];
    const tok: Tok = { t: 'vsBudget', ...span(m), word: w, rel: /大于|高于|超过/.test(w) ? 'gt' : /小于|低于/.test(w) ? 'lt' : 'eq' };
    if (m[2]) tok.num = mkNum(m[2], at(m, m[2]), unitOf(m[3]));
    return tok;
  });
  add(SUBJECT_RE, (m) => ({ t: 'subj', ...span(m), word: m[0] }));
  // Resolve overlaps: earlier start wins, then the longer, then the more specific kind.
  const rank: Record<Tok['t'], number> = { skip: 0, vsBudget: 1, setBase: 1, setValue: 1, completion: 1, share: 2, dir: 3, basis: 4, incomparable: 5, flat: 5, distributive: 5, year: 6, subj: 6, amt: 7 };
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

interface ExtractOptions {
  year: number | null;
  /** Offsets ranges to ignore (tables), in source offsets. */
  skip?: [number, number][];
  /** When `norm` is a view (claims/view.ts): view offset → source offset, for sections and skips. */
  toSource?: (i: number) => number;
}

/** A figure the text prints but whose subject, measure or year the words do not settle: not checked. */
export interface UnboundFigure {
  num: Num;
  /** Why it was left: no subject, an unknown word between subject and figure, distributive wording, other year, budget… */
  why: 'no-subject' | 'unknown-words' | 'distributive' | 'other-year' | 'budget-measure';
  sentenceStart: number;
  sentenceEnd: number;
}

interface Extracted {
  claims: Claim[];
  unbound: UnboundFigure[];
}

/** The section (nearest first) whose title says it is about a budget, not the 决算 ("2022年“三公”经费预算安排情况"). */
function budgetSection(path: Section[]): boolean {
  return path.some((p) => /预算(?:安排|总计|情况)|年度预算$/.test(p.title) && !/决算|执行|完成|对比|比较|相比|较|绩效/.test(p.title));
}

export function extractClaimsDetailed(norm: string, sections: Section[], opts: ExtractOptions): Extracted {
  const claims: Claim[] = [];
  const unbound: UnboundFigure[] = [];
  let id = 0;
  let lastSubject: { concept: string | null; subject: string; s: number; e: number } | null = null;
  let lastSectionStart = -1;
  let paragraph = 0;
  /** Measure and year of the previous sentence, which a following "其中…" list inherits. */
  let prevSentence: { measure: Exclude<Measure, 'actual' | 'prior'> | null; otherYear: boolean } = { measure: null, otherYear: false };
  const sentRe = /[^。;!?\n]+[。;!?]?/g;
  for (let m = sentRe.exec(norm); m; m = sentRe.exec(norm)) {
    const s0 = m.index;
    let s1 = s0 + m[0].length;
    if (s0 === 0 || norm[s0 - 1] === '\n') paragraph = s0;
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
    const inBudgetSection = budgetSection(path);
    // Cut the reason clause off.
    REASON_RE.lastIndex = 0;
    const r = REASON_RE.exec(norm.slice(s0, s1));
    if (r) s1 = s0 + r.index;
    if (s1 <= s0) continue;
    const toks = tokenize(norm, s0, s1, opts.year);
    if (process.env.TOKDEBUG) console.error(toks.map((t) => t.t + ":" + norm.slice(t.s, t.e)).join(" | "));
    let cur: Claim | null = null;
    /** The measure the sentence's head subject took ("…预算总计21.8万元，其中：…" — its parts are budget figures too). */
    let sentenceMeasure = (inBudgetSection ? 'budget' : null) as Exclude<Measure, 'actual' | 'prior'> | null;
    /** A year named in the sentence that is not the document's (figures of another year). */
    let otherYear = false;
    // "…预算94.28亿元。其中，因公出国（境）经费19.9亿元…": the list continues the sentence before it.
    if (/^[\s,，:：]*其中/.test(norm.slice(s0, s0 + 8))) {
      sentenceMeasure = sentenceMeasure ?? prevSentence.measure;
      otherYear = prevSentence.otherYear;
    }
    let distributive = false;
    /** No claim grammar binds the next figures to the subject before them (an unknown word came in between). */
    let lost = false;
    const newClaim = (concept: string | null, subject: string, ss: number, se: number): Claim => {
      const c: Claim = { id: ++id, concept, subject, subjectStart: ss, subjectEnd: se, sentenceStart: s0, sentenceEnd: s1, sectionPath: path.map((p) => p.id ?? p.title), paragraph };
      claims.push(c);
      return c;
    };
    const leave = (num: Num, why: UnboundFigure['why']) => unbound.push({ num, why, sentenceStart: s0, sentenceEnd: s1 });
    /** The claim a subject-less figure belongs to: the current one, or (sentence-initial change wording) the last subject. */
    const ensure = (gap: string, atSentenceStart: boolean): Claim | null => {
      if (lost) return null;
      if (cur) return isFiller(gap) ? cur : ((lost = true), (cur = null));
      if (!lastSubject || !atSentenceStart || !isFiller(gap)) return null;
      cur = newClaim(lastSubject.concept, lastSubject.subject, lastSubject.s, lastSubject.e);
      (cur as Claim & ClaimExtras).subjectCarried = true;
      return cur;
    };
    let lastTokEnd = s0;
    let seenSubjectOrFigure = false;
    let prevTok: Tok | null = null;
    /** "A万元，2019年决算为B万元": the year before the document's names the base of this claim's change. */
    let priorNext = false;
    for (let ti = 0; ti < toks.length; ti++) {
      const t = toks[ti];
      const gap = norm.slice(lastTokEnd, t.s);
      if (t.t !== 'year' && priorNext && t.t !== 'setValue' && t.t !== 'amt') priorNext = false;
      const atStart = !seenSubjectOrFigure;
      const measure = measureOf(gap);
      if ((t.t === 'basis' || t.t === 'dir' || t.t === 'flat' || t.t === 'share' || t.t === 'incomparable') && cur && (measure === 'budget' || measure === 'fullYearBudget') && !cur.value && !cur.delta && !cur.basis) {
        // "“三公”经费预算较2021年度增加…": the subject's own figure here is a budget, not the 决算.
        (cur as Claim & ClaimExtras).measure = measure;
        if (!sentenceMeasure) sentenceMeasure = measure;
      }
      switch (t.t) {
        case 'year': {
          const next = toks[ti + 1];
          // The two-figure form "公务接待费2020年决算为5万元，2019年决算为4万元，比上年增长25%": the year before,
          // right before an amount of the same subject that already has this year's value, is its 上年 base.
          if (opts.year !== null && t.year === opts.year - 1 && cur && cur.value && !cur.basis && !cur.baseValue && !lost && !distributive
            && isFiller(gap) && next && (next.t === 'setValue' || next.t === 'amt') && /^\s*(?:的)?\s*(?:为|是)?\s*$/.test(norm.slice(t.e, next.s))) {
            priorNext = true;
            break;
          }
          priorNext = false;
          if (opts.year !== null && t.year !== opts.year) otherYear = true;
          else otherYear = false;
          break;
        }
        case 'distributive': {
          distributive = true;
          break;
        }
        case 'subj': {
          seenSubjectOrFigure = true;
          // "一般公共服务支出（类）…（款）…（项）" names a 项 by its path: a name marked (类)/(款)/(项) is an
          // element of that path, not the 类 itself.
          const mark = /^\s*\((类|款|项)\)\s*(\d)?/.exec(norm.slice(t.e, t.e + 8));
          const partOfPath = mark !== null && !(mark[1] === '类' && mark[2] !== undefined);
          // "“三公”经费财政拨款支出…": 财政拨款支出 right after a subject says which money paid for it.
          if (prevTok?.t === 'subj' && gap.trim() === '' && QUALIFIERS.has(t.word)) break;
          // A known word glued to unknown characters is part of an unknown term: bind nothing to it.
          if (!boundLeft(norm.slice(Math.max(s0, t.s - 12), t.s))) {
            cur = null;
            lost = true;
            lastSubject = null;
            break;
          }
          // "因公出国（境）经费、公务用车购置及运行费、公务接待费决算支出94.7亿元": a list of subjects shares the
          // figure after it; none of them alone is what the figure measures.
          if (prevTok?.t === 'subj' && /^[\s,]*[、和及与][\s,]*$/.test(gap)) {
            cur = null;
            lost = true;
            lastSubject = null;
            break;
          }
          lost = false;
          const concept = partOfPath ? null : resolveSubject(t.word, ids);
          if (concept === 'carry') {
            cur = null;
            ensure('', true);
          } else {
            cur = newClaim(concept, t.word, t.s, t.e);
            if (sentenceMeasure) (cur as Claim & ClaimExtras).measure = sentenceMeasure;
            lastSubject = { concept, subject: t.word, s: t.s, e: t.e };
            // "本部门2020年度未发生公务车购置费支出。": the item's 决算 stated as none — a zero with no figure, which
            // the changes after it ("较上年支出数减少0.30万元") take as their value like any other (carry below).
            const zero = /未发生$/.test(norm.slice(Math.max(s0, t.s - 3), t.s)) && /^(?:费用?)?(?:支出)?\s*[。,;]/.test(norm.slice(t.e, t.e + 6));
            if (zero) cur.value = { raw: '0', value: '0', dp: 2, start: t.s - 3, end: t.e, unit: '万元' };
          }
          break;
        }
        case 'amt': {
          seenSubjectOrFigure = true;
          if (t.num.unit === '%') break;
          const c = cur as Claim | null;
          if (!c || lost || !isFiller(gap)) {
            if (c && !isFiller(gap)) ((cur = null), (lost = true));
            leave(t.num, 'no-subject');
            break;
          }
          if (distributive) {
            leave(t.num, 'distributive');
            break;
          }
          if (measure === 'budget' || measure === 'fullYearBudget') {
            const key = measure === 'budget' ? 'budgetValue' : 'fullYearBudgetValue';
            const x = c as Claim & ClaimExtras;
            if (!x[key]) x[key] = t.num;
            if (!c.value && !c.delta && !c.basis && !sentenceMeasure) sentenceMeasure = measure;
            break;
          }
          if (measure === 'prior' || priorNext) {
            priorNext = false;
            if (!c.baseValue && !c.basis) {
              c.basis = 'prior';
              c.baseValue = t.num;
            }
            break;
          }
          // A value belongs to the subject just before it, with only claim grammar in between.
          if (!c.value && !c.basis && !c.delta && c.subjectEnd <= t.s) c.value = t.num;
          else leave(t.num, 'unknown-words');
          break;
        }
        case 'basis': {
          const c = ensure(gap, atStart);
          seenSubjectOrFigure = true;
          if (!c) break;
          const basis = basisOf(t.phrase, opts.year)!;
          if (c.basis && (c.delta || c.pct || c.incomparable || c.direction)) {
            cur = newClaim(c.concept, c.subject, c.subjectStart, c.subjectEnd);
            const x = c as Claim & ClaimExtras;
            if (x.measure) (cur as Claim & ClaimExtras).measure = x.measure;
            if (c.value) cur.value = c.value;
          }
          cur!.basis = basis;
          if (t.base) cur!.baseValue = t.base;
          break;
        }
        case 'dir': {
          const c = ensure(gap, atStart);
          seenSubjectOrFigure = true;
          if (!c || distributive) {
            leave(t.num, distributive ? 'distributive' : 'no-subject');
            break;
          }
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
          const c = ensure(gap, atStart);
          seenSubjectOrFigure = true;
          if (c && !distributive) c.direction = { dir: 'flat', word: '持平', start: t.s, end: t.e };
          break;
        }
        case 'incomparable': {
          const c = ensure(gap, atStart);
          if (c) c.incomparable = true;
          break;
        }
        case 'share': {
          const c = ensure(gap, atStart);
          seenSubjectOrFigure = true;
          if (!c || distributive) {
            leave(t.num, distributive ? 'distributive' : 'no-subject');
            break;
          }
          c.share = t.num;
          if (t.of) {
            const of = SHARE_DENOMINATORS[t.of.trim()] ?? resolveSubject(t.of.trim(), ids);
            // A denominator named in words we do not know: the share is not checked against a guessed one.
            c.shareOf = of === 'carry' || of === null ? UNKNOWN_DENOMINATOR : of;
          } else c.shareOf = null;
          break;
        }
        case 'completion': {
          const c = ensure(gap, atStart);
          seenSubjectOrFigure = true;
          if (!c || distributive) break;
          c.completion = t.num;
          c.completionBasis = t.basis;
          if (t.budget) {
            const x = c as Claim & ClaimExtras;
            if (t.basis === 'budget' && !x.budgetValue) x.budgetValue = t.budget;
            if (t.basis === 'fullYearBudget' && !x.fullYearBudgetValue) x.fullYearBudgetValue = t.budget;
          }
          break;
        }
        case 'vsBudget': {
          const c = ensure(gap, atStart);
          seenSubjectOrFigure = true;
          if (!c || distributive) break;
          (c as Claim & ClaimExtras).vsBudget = { rel: t.rel, word: t.word, start: t.s, end: t.e, diff: t.num };
          break;
        }
        case 'setBase': {
          seenSubjectOrFigure = true;
          // Shanghai items name their 项 in free words ("行政运行（项）年初预算为…"): the words before are the subject.
          let c: Claim | null = null;
          if (!cur && !lastSubject && !lost) {
            const words = norm.slice(s0, t.s).replace(/^[\s\d.、()（）一二三四五六七八九十]+/, '').replace(/[,:]\s*$/, '').trim();
            c = cur = newClaim(null, words.slice(-30) || '该项', t.s - Math.min(30, words.length), t.s);
            // "行政运行（项）120.00万元，年初预算为…": the amount right after the item's (项) mark is its 决算.
            const own = unbound.filter((u) => u.sentenceStart === s0 && u.num.start < t.s);
            if (own.length === 1 && /\((?:项|款|类)\)\s*$/.test(norm.slice(s0, own[0].num.start))) {
              c.value = own[0].num;
              unbound.splice(unbound.indexOf(own[0]), 1);
            }
          } else c = ensure(gap, atStart);
          if (!c) {
            leave(t.num, 'no-subject');
            break;
          }
          // Shanghai wording: "年初预算为A万元，全年预算为B万元，支出决算为C万元" — keep both bases on one claim.
          const x = c as Claim & ClaimExtras;
          if (t.basis === 'budget') x.budgetValue = t.num;
          else x.fullYearBudgetValue = t.num;
          break;
        }
        case 'setValue': {
          seenSubjectOrFigure = true;
          const c = ensure(gap, atStart);
          if (!c) {
            leave(t.num, 'no-subject');
            break;
          }
          // "上年决算数为400万元", "2019年度决算为…": a 决算 of another year is the base of a change, or not
          // this claim's figure at all — never a restatement of this year's amount.
          if (measure === 'prior' || priorNext || /上年|去年|前一?年/.test(norm.slice(Math.max(s0, t.s - 4), t.s))) {
            priorNext = false;
            if (!c.baseValue && !c.basis) {
              c.basis = 'prior';
              c.baseValue = t.num;
            } else leave(t.num, 'unknown-words');
            break;
          }
          if (otherYear) {
            leave(t.num, 'other-year');
            break;
          }
          if (!c.value) c.value = t.num;
          else if (c.value.value !== t.num.value) (c as Claim & ClaimExtras).restatedValue = t.num;
          break;
        }
      }
      if (otherYear && cur) (cur as Claim & ClaimExtras).otherYear = true;
      lastTokEnd = t.e;
      prevTok = t;
    }
    prevSentence = { measure: sentenceMeasure, otherYear };
  }
  // Figures of another year, or budget figures, are not this year's 决算: they are not checked as such.
  const kept: Claim[] = [];
  for (const c of claims) {
    const x = c as Claim & ClaimExtras;
    if (x.otherYear || (x.measure && x.measure !== 'actual')) {
      for (const n of [c.value, c.delta, c.pct, c.share, c.completion]) if (n) unbound.push({ num: n, why: x.otherYear ? 'other-year' : 'budget-measure', sentenceStart: c.sentenceStart, sentenceEnd: c.sentenceEnd });
      continue;
    }
    kept.push(c);
  }
  // Carry values: a change stated without its value refers to the last value of the same subject.
  const lastValue = new Map<string, Num>();
  for (const c of kept) {
    const key = c.concept ?? c.subject;
    const alias = CARRY_ALIAS[key];
    if (c.value) lastValue.set(key, c.value);
    else if ((c.delta || c.pct || c.completion || c.direction?.dir === 'flat' || (c as Claim & ClaimExtras).vsBudget) && (lastValue.has(key) || (alias && lastValue.has(alias)))) {
      c.value = lastValue.get(key) ?? lastValue.get(alias!);
      (c as Claim & ClaimExtras).valueCarried = true;
    }
  }
  return {
    claims: kept.filter((c) => c.value || c.delta || c.pct || c.share || c.completion || c.direction || c.incomparable || (c as Claim & ClaimExtras).vsBudget),
    unbound: unbound.sort((a, b) => a.num.start - b.num.start),
  };
}

/** Words that qualify the subject right before them instead of naming a subject of their own. */
const QUALIFIERS = new Set(['财政拨款支出', '一般公共预算财政拨款支出', '财政拨款收入']);

/** shareOf value for a share whose denominator is named in words we could not read. */
export const UNKNOWN_DENOMINATOR = '?';
