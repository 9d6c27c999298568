/**
 * Words that name subjects, bases and directions in 决算 text, after normalisation (full-width
 * punctuation is ASCII in `norm`: （ → (, ， → ,, ： → :, ； → ;). Section context picks among
 * readings of the same words (本年收入 in the 政府性基金 section is that fund's income).
 */
import { CONCEPTS } from '../model/concepts.js';
import { allClassNames, classCodeByName } from '../model/classification.js';
import { normalizeText } from '../readers/normalize.js';
import type { Basis } from './types.js';

/** Subject words → concept id, global reading. */
const GLOBAL = new Map<string, string>();
for (const c of CONCEPTS) for (const s of c.synonyms) GLOBAL.set(normalizeText(s), c.id);
GLOBAL.set('收支', '收支总计');
GLOBAL.set('收入', '本年收入合计'); // only reached when nothing longer matches; see SUBJECT_STOP
GLOBAL.set('“三公”经费支出', '三公经费');

/** Section-specific readings (section id → word → concept). */
const BY_SECTION: Record<string, Record<string, string>> = {
  政府性基金: {
    本年收入: '政府性基金预算财政拨款收入',
    本年支出: '政府性基金预算财政拨款支出',
    年初结转结余: '政府性基金预算财政拨款年初结转和结余',
    年末结转结余: '政府性基金预算财政拨款年末结转和结余',
    年初结转和结余: '政府性基金预算财政拨款年初结转和结余',
    年末结转和结余: '政府性基金预算财政拨款年末结转和结余',
  },
  国有资本经营: { 本年支出: '国有资本经营预算财政拨款支出' },
};

const CLASS_NAMES = allClassNames().map((n) => normalizeText(n));

/** All subject words, longest first, for one alternation regex. */
const ALL_WORDS = [...new Set([...GLOBAL.keys(), ...CLASS_NAMES, ...Object.values(BY_SECTION).flatMap((m) => Object.keys(m)), '费用支出'])]
  .filter((w) => w !== '收入')
  .sort((a, b) => b.length - a.length);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const SUBJECT_RE = new RegExp(ALL_WORDS.map(esc).join('|'), 'g');

/**
 * Resolve a subject word in its section context. Class names resolve to the 一般公共预算 row
 * (`一般公共预算财政拨款支出:201`) inside that section, else to a generic `类:201`.
 */
export function resolveSubject(word: string, sectionIds: (string | null)[]): string | 'carry' | null {
  if (word === '费用支出') return 'carry';
  for (let i = sectionIds.length - 1; i >= 0; i--) {
    const m = sectionIds[i] && BY_SECTION[sectionIds[i]!];
    if (m && m[word]) return m[word];
  }
  const code = classCodeByName(word);
  if (code) return sectionIds.includes('一般公共预算') ? `一般公共预算财政拨款支出:${code}` : `类:${code}`;
  return GLOBAL.get(word) ?? null;
}

/** Comparison bases. A year-specific phrase ("与2019年相比") is 上年 only for the year before. */
export const BASIS_RE =
  /较上年度?决算数?|较上年度?支出数?|较上年度?|比上年度?决算数?|比上年度?支出数?|比上年度?|与上年度?相比|同比|上年同期|与\s*(\d{4})\s*年度?\s*相比|较\s*(\d{4})\s*年度?|比\s*(\d{4})\s*年度?|较年初预算数?|比年初预算数?|与年初预算相比|与年初预算数?(?=持平)|与上年度?(?:决算数?|支出数?)?(?=持平)|较预算数?|较全年预算数?|较调整后?预算数?/g;

export function basisOf(phrase: string, year: number | null): Basis | null {
  if (/年初预算|较预算/.test(phrase)) return 'budget';
  if (/全年预算|调整/.test(phrase)) return 'fullYearBudget';
  const y = /(\d{4})/.exec(phrase);
  if (y) return year === null || Number(y[1]) === year - 1 ? 'prior' : null;
  return 'prior';
}

export const UP_WORDS = ['增加', '增长', '上升', '提高', '多支出', '超支'];
export const DOWN_WORDS = ['减少', '下降', '降低', '节约', '少支出', '减支'];

/** True when a subject word runs across the join of `before` and `after` (a line break cut the term in two). */
export function spansJoin(before: string, after: string): boolean {
  const s = before + after;
  const re = new RegExp(SUBJECT_RE.source, 'g');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index < before.length && m.index + m[0].length > before.length) return true;
    if (m.index >= before.length) break;
  }
  return false;
}
