/**
 * Typed claims: what a figure-bearing sentence says. One sentence may hold several claims.
 */
import type { Direction } from '../calc/compare.js';

/** A number as printed, with where. value is an exact decimal string; unit as printed. */
export interface Num {
  raw: string;
  value: string;
  dp: number;
  start: number;
  end: number;
  unit: '万元' | '元' | '亿元' | '%' | 'count' | '';
}

export type Basis = 'prior' | 'budget' | 'fullYearBudget';

export interface Claim {
  id: number;
  /** Canonical concept id (model/concepts.ts), `X:code` for a classification row; null if unresolved. */
  concept: string | null;
  subject: string;
  subjectStart: number;
  subjectEnd: number;
  sentenceStart: number;
  sentenceEnd: number;
  /** Path of section ids/titles containing the sentence. */
  sectionPath: string[];
  /** Source offset of the paragraph the sentence is in (a total and its parts are read from one paragraph). */
  paragraph?: number;
  value?: Num;
  basis?: Basis;
  /** An explicitly printed base value ("较上年决算数2250.31万元减少…"). */
  baseValue?: Num;
  direction?: { dir: Direction; word: string; start: number; end: number };
  delta?: Num;
  pct?: Num;
  /** A rate phrase direction (增长/下降), may differ from the amount direction word. */
  pctDirection?: { dir: Direction; word: string; start: number; end: number };
  /** "无可比性" written instead of a percentage. */
  incomparable?: boolean;
  share?: Num;
  /** Concept the share is of (explicit denominator or the concept's default). */
  shareOf?: string | null;
  completion?: Num;
  completionBasis?: Basis;
  /** For counts: what is counted (辆, 人, 批次, 个, 台(套)). */
  count?: Num;
  countWhat?: string;
}

/** Shanghai-style explicit bases on one claim ("年初预算为A万元，全年预算为B万元"). */
export interface ClaimExtras {
  budgetValue?: Num;
  fullYearBudgetValue?: Num;
  valueCarried?: boolean;
  /** The subject came from the previous sentence ("…。比上年减少…"). */
  subjectCarried?: boolean;
  /** What the claim's own figure measures when the words say it is not the 决算 (dropped before the rules). */
  measure?: 'actual' | 'budget' | 'fullYearBudget' | 'prior';
  /** A year named for the claim that is not the document's (dropped before the rules). */
  otherYear?: boolean;
  /** A second 决算 figure given for the same item in the same sentence ("…A万元…支出决算为B万元"). */
  restatedValue?: Num;
  /** "决算数大于预算数X万元": the stated relation of the 决算 to its budget, with the printed difference. */
  vsBudget?: { rel: 'gt' | 'lt' | 'eq'; word: string; start: number; end: number; diff?: Num };
}
