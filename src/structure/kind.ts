/**
 * Document kind: a body's own 部门决算 / 单位决算 / 部门预算 / 单位预算, or one of the texts a checker is fed
 * that are not (a region's 三公 total, a government's 决算 report, a press item, a lone 三公 page, a
 * 绩效自评表). The rules ask a disclosure for its parts; the others are checked for what they state.
 * Pure: the normalised text in, a kind out. The wordings are data in src/vocab/kinds.ts.
 */
import {
  BUDGET_TITLE,
  DISCLOSURE_KINDS,
  DISCLOSURE_PARTS,
  FINAL_TITLE,
  FINAL_WORD,
  KIND_CUES,
  KIND_LABELS,
  SANGONG_TITLE,
  type DocKind,
} from '../vocab/kinds.js';

export type { DocKind };

const compiled = new Map<string, RegExp>();
function re(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) compiled.set(pattern, (r = new RegExp(pattern)));
  return r;
}

/** The text without white space (PDF letter spacing, pinyin blanked by the reader). */
function compact(norm: string, max = 4000): string {
  return norm.slice(0, max * 3).replace(/\s+/g, '').slice(0, max);
}

export function detectKind(norm: string): DocKind {
  const c = compact(norm);
  const head = (n: number) => c.slice(0, n);
  for (const cue of KIND_CUES) if (re(cue.pattern).test(head(cue.within))) return cue.kind;
  if (re(SANGONG_TITLE.pattern).test(head(SANGONG_TITLE.within)) && !re(DISCLOSURE_PARTS).test(compact(norm, 200000))) return 'sangong';
  const budget = re(BUDGET_TITLE.pattern).exec(head(BUDGET_TITLE.within));
  const title = re(FINAL_TITLE.pattern).exec(head(FINAL_TITLE.within));
  // A budget title before any 决算 wording ("上年决算数" may follow it in a budget's own text).
  const finalWord = re(FINAL_WORD.pattern).exec(head(FINAL_WORD.within));
  if (budget && (!title || budget.index < title.index) && (!finalWord || finalWord.index > budget.index)) {
    return budget[0].includes('单位预算') ? 'unit-budget' : 'dept-budget';
  }
  if (title) return title[1] === '单位' ? 'unit-final' : 'dept-final';
  if (re('决算').test(head(FINAL_TITLE.within))) return 'dept-final';
  return 'unknown';
}

export function kindLabel(kind: DocKind | undefined): string {
  return KIND_LABELS[kind ?? 'unknown'];
}

/** Whether the document is a body's own 决算/预算 disclosure (its required parts apply). */
export function isDisclosure(kind: DocKind | undefined): boolean {
  return kind !== undefined && DISCLOSURE_KINDS.includes(kind);
}

export function isBudget(kind: DocKind | undefined): boolean {
  return kind === 'dept-budget' || kind === 'unit-budget';
}
