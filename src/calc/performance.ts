/**
 * 项目支出绩效自评 scoring per 财预〔2020〕10号《项目支出绩效评价管理办法》 (docs/domain.md §5).
 *
 * - Quantitative indicators by 指标性质:
 *   `>=` (正向): met → full weight; unmet → 完成值/指标值 × 权重.
 *   `<=` (反向): met → full weight; unmet → 指标值/完成值 × 权重.
 *   `=`  (等于): exact → full weight; otherwise proportional to closeness:
 *        权重 × max(0, 1 − |完成值 − 指标值| / |指标值|)  (a 10 % deviation either way costs 10 % of the weight;
 *        a zero target gives full only when the result is exactly zero). The 办法 gives no formula for `=`;
 *        this symmetric rule is our documented choice and the rules treat other local formulas as warnings.
 *   Over-achievement of `>=`/`<=` scores the full weight: the 办法's "超额较多 → 按偏离度扣分" needs a
 *   reviewer's judgment that the target was set too low, so it is never applied automatically.
 * - Qualitative (定性) indicators: 达成 / 部分达成 / 未达成 → 100–80 %, 80–60 %, 60–0 % of the weight; the
 *   band's top unless a score is stated (a stated score is kept, capped at the weight).
 * - A quantitative indicator whose target or result is not a number ("7*24", "2020年11月底", "完成") is
 *   *unscorable*: it is treated like a qualitative one (stated score → band → "result equals target").
 * - 预算执行率 = 执行数 / 预算数 (全年预算数 centrally, 调整后预算数 in 四川 — the extractor picks the column
 *   per policy); score = 执行率 × 权重, capped at the weight.
 * - 总分 = 执行率得分 + Σ 指标得分; 等级 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60.
 *
 * Local variants are data (ScoringPolicy), not branches. All arithmetic is decimal (calc/money.ts).
 */
import { D, type Dec, ZERO, round, sum, cleanNumberText, parseAmount } from './money.js';
import type { SelfEvaluation } from '../model/schema.js';

type Nature = '=' | '>=' | '<=' | 'qualitative';
export type Band = 'achieved' | 'partial' | 'failed';
export type Grade = '优' | '良' | '中' | '差';

export interface BandRange {
  /** Fractions of the weight, e.g. 0.8 and 1 for 达成. Lower bound exclusive except for the lowest band. */
  min: number;
  max: number;
}

export interface ScoringPolicy {
  id: string;
  name: string;
  /** The regulation this policy follows. */
  basis: string;
  /** Weight of 预算执行率; null = take it from the form (SelfEvaluation.funds.weight). */
  executionWeight: number | null;
  /** Which budget column 执行率 is computed against (used by the extractor's converter). */
  executionBase: 'fullYearBudget' | 'adjustedBudget' | 'initialBudget';
  /** Expected Σ weights of the indicators alone (null: 100 − executionWeight). 四川: 90. */
  indicatorWeightTotal: number | null;
  /** Expected Σ of all weights (执行率 included). */
  totalWeight: number;
  qualitativeBands: Record<Band, BandRange>;
  /** How `=` indicators that miss the target are scored. */
  equalRule: 'closeness' | 'all-or-nothing';
  /** Grade lower bounds (inclusive), highest first. */
  grades: { grade: Grade; min: number }[];
  /** Decimal places of a score as printed (scores are rounded half-up per indicator). */
  scoreDp: number;
}

const BANDS_2020: Record<Band, BandRange> = {
  achieved: { min: 0.8, max: 1 },
  partial: { min: 0.6, max: 0.8 },
  failed: { min: 0, max: 0.6 },
};

const GRADES_2020: { grade: Grade; min: number }[] = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

/** The central rule: 财预〔2020〕10号, weights as printed on the form. */
export const CENTRAL_POLICY: ScoringPolicy = {
  id: 'central-2020',
  name: '财政部 财预〔2020〕10号',
  basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）',
  executionWeight: null,
  executionBase: 'fullYearBudget',
  indicatorWeightTotal: null,
  totalWeight: 100,
  qualitativeBands: BANDS_2020,
  equalRule: 'closeness',
  grades: GRADES_2020,
  scoreDp: 2,
};

/** 四川: 预算执行情况 10 分 + 绩效指标 90 分; 执行率 against 调整后预算数. */
export const SICHUAN_POLICY: ScoringPolicy = {
  ...CENTRAL_POLICY,
  id: 'sichuan',
  name: '四川省 部门预算项目支出绩效自评表',
  basis: '四川省部门预算项目支出绩效自评表填报说明（预算执行率=预算执行数/调整后预算数）；财预〔2020〕10号',
  executionWeight: 10,
  executionBase: 'adjustedBudget',
  indicatorWeightTotal: 90,
};

/** 重庆 2020 form (the seed): no 执行率 score, indicators weigh 100. */
export const CHONGQING_POLICY: ScoringPolicy = {
  ...CENTRAL_POLICY,
  id: 'chongqing',
  name: '重庆市 项目支出绩效自评表',
  executionWeight: 0,
  indicatorWeightTotal: 100,
};

export const POLICIES: Record<string, ScoringPolicy> = {
  [CENTRAL_POLICY.id]: CENTRAL_POLICY,
  [SICHUAN_POLICY.id]: SICHUAN_POLICY,
  [CHONGQING_POLICY.id]: CHONGQING_POLICY,
};

// ---------------------------------------------------------------------------------------------
// Parsing indicator values
// ---------------------------------------------------------------------------------------------

const NATURE_MAP: Record<string, Nature> = {
  '=': '=', '＝': '=', '==': '=', 等于: '=',
  '>=': '>=', '≥': '>=', '≧': '>=', '＞＝': '>=', '>': '>=', '＞': '>=', 大于等于: '>=', 不低于: '>=', 不少于: '>=', 正向: '>=',
  '<=': '<=', '≤': '<=', '≦': '<=', '＜＝': '<=', '<': '<=', '＜': '<=', 小于等于: '<=', 不高于: '<=', 不超过: '<=', 反向: '<=',
  定性: 'qualitative', 无: 'qualitative', qualitative: 'qualitative',
};

/** 指标性质 as printed → Nature; null when the cell says nothing recognisable. */
export function parseNature(raw: string): Nature | null {
  const t = raw.normalize('NFKC').replace(/\s/g, '');
  if (t in NATURE_MAP) return NATURE_MAP[t];
  const orig = raw.replace(/\s/g, '');
  if (orig in NATURE_MAP) return NATURE_MAP[orig];
  return null;
}

const LEADING_COMPARATOR = /^(>=|<=|==|[=<>≥≤≧≦]|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于|达到|约)/u;
const TRAILING_WORDS = /(以上|以下|以内|及以上|及以下|左右)$/u;

/**
 * The number in an indicator value ("100", "≥95%", "95%以上", "30万元"); null when the value is not a
 * single number ("7*24", "2020年11月底", "有效提高", blank, "无").
 */
export function parseIndicatorNumber(raw: string | undefined | null, unit?: string): Dec | null {
  if (raw === undefined || raw === null) return null;
  let t = raw.normalize('NFKC').replace(/[\s\u00a0\u3000]/g, '');
  if (t === '') return null;
  t = t.replace(LEADING_COMPARATOR, '').replace(TRAILING_WORDS, '');
  if (unit) {
    const u = unit.normalize('NFKC').trim();
    if (u && u !== '无' && t.endsWith(u)) t = t.slice(0, -u.length);
  }
  const s = cleanNumberText(t);
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return new D(s);
}

function toDec(v: number | string | null | undefined): Dec | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? new D(String(v)) : null;
  const s = cleanNumberText(v);
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return new D(s);
}

function minDec(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b;
}

function clampScore(v: Dec, weight: Dec): Dec {
  if (v.isNeg()) return ZERO;
  return minDec(v, weight);
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

type ScoreMethod =
  | 'met' // quantitative, target reached → full weight
  | 'proportional' // >= unmet: actual/target × weight
  | 'reversed' // <= unmet: target/actual × weight
  | 'closeness' // = missed: weight × (1 − |a−t|/|t|)
  | 'missed' // = missed under all-or-nothing, or zero target missed
  | 'band' // qualitative: top of the band (or stated score within it)
  | 'stated' // a stated score taken as is (qualitative/unscorable)
  | 'text-match' // unscorable, result text equals the target text → achieved
  | 'unresolved'; // nothing to go on: score 0, a person must decide

export interface IndicatorScore {
  /** Computed score, rounded to policy.scoreDp, 0 ≤ score ≤ weight. */
  score: Dec;
  weight: Dec;
  /** Completion in percent (unrounded, not capped): >= a/t, <= t/a, = closeness; null when not numeric. */
  completionPct: Dec | null;
  /** Whether the score follows from numbers (quantitative with numeric target and result). */
  scorable: boolean;
  method: ScoreMethod;
  /** The nature used (a quantitative indicator with non-numeric values is scored as qualitative). */
  nature: Nature;
  band?: Band;
}

export interface EvaluationScore {
  policy: string;
  indicators: IndicatorScore[];
  /** 执行数 / 预算数 as a fraction (unrounded); null when the budget is missing or zero. */
  executionRate: Dec | null;
  /** 执行率 in percent (unrounded). */
  executionPct: Dec | null;
  executionWeight: Dec;
  executionScore: Dec;
  /** Σ weights incl. 执行率. */
  weightTotal: Dec;
  total: Dec;
  grade: Grade;
  /** Indices of indicators that need a person's decision (method 'unresolved'). */
  unresolved: number[];
}

type IndicatorInput = SelfEvaluation['indicators'][number];

function bandTop(policy: ScoringPolicy, band: Band, weight: Dec): Dec {
  return weight.mul(new D(String(policy.qualitativeBands[band].max)));
}

/** Normalise a value for a textual comparison of target and result ("7*24" vs "7*24%" are the same claim). */
function sameText(a: string, b: string, unit?: string): boolean {
  const n = (s: string) => {
    let t = s.normalize('NFKC').replace(/[\s%]/g, '');
    if (unit && unit !== '无') t = t.split(unit.normalize('NFKC').trim()).join('');
    return t;
  };
  const x = n(a);
  return x !== '' && x === n(b);
}

function scoreJudged(ind: IndicatorInput, weight: Dec, policy: ScoringPolicy, nature: Nature): IndicatorScore {
  const stated = toDec(ind.score ?? null);
  if (stated !== null) {
    return { score: round(clampScore(stated, weight), policy.scoreDp), weight, completionPct: null, scorable: false, method: 'stated', nature, band: ind.band };
  }
  if (ind.band) {
    return { score: round(bandTop(policy, ind.band, weight), policy.scoreDp), weight, completionPct: null, scorable: false, method: 'band', nature, band: ind.band };
  }
  if (sameText(ind.target, ind.actual, ind.unit)) {
    return { score: round(weight, policy.scoreDp), weight, completionPct: null, scorable: false, method: 'text-match', nature, band: 'achieved' };
  }
  return { score: ZERO, weight, completionPct: null, scorable: false, method: 'unresolved', nature };
}

/** Score one indicator. */
export function scoreIndicator(ind: IndicatorInput, policy: ScoringPolicy = CENTRAL_POLICY): IndicatorScore {
  const weight = toDec(ind.weight) ?? ZERO;
  const nature = ind.nature;
  if (nature === 'qualitative') return scoreJudged(ind, weight, policy, 'qualitative');
  const target = parseIndicatorNumber(ind.target, ind.unit);
  const actual = parseIndicatorNumber(ind.actual, ind.unit);
  if (target === null || actual === null) return { ...scoreJudged(ind, weight, policy, nature), scorable: false };
  const dp = policy.scoreDp;
  const full = (completionPct: Dec | null): IndicatorScore => ({ score: round(weight, dp), weight, completionPct, scorable: true, method: 'met', nature });
  if (nature === '>=') {
    if (target.lte(0)) return full(null); // any non-negative result meets a zero target
    const pct = actual.div(target).mul(100);
    if (actual.gte(target)) return full(pct);
    return { score: round(clampScore(weight.mul(actual).div(target), weight), dp), weight, completionPct: pct, scorable: true, method: 'proportional', nature };
  }
  if (nature === '<=') {
    if (actual.lte(target)) return full(actual.isZero() ? null : target.div(actual).mul(100));
    const pct = target.div(actual).mul(100);
    return { score: round(clampScore(weight.mul(target).div(actual), weight), dp), weight, completionPct: pct, scorable: true, method: 'reversed', nature };
  }
  // '='
  if (actual.eq(target)) return full(new D(100));
  if (target.isZero()) return { score: ZERO, weight, completionPct: null, scorable: true, method: 'missed', nature };
  const closeness = D.max(ZERO, new D(1).sub(actual.sub(target).abs().div(target.abs())));
  const pct = closeness.mul(100);
  if (policy.equalRule === 'all-or-nothing') return { score: ZERO, weight, completionPct: pct, scorable: true, method: 'missed', nature };
  return { score: round(clampScore(weight.mul(closeness), weight), dp), weight, completionPct: pct, scorable: true, method: 'closeness', nature };
}

/** Grade of a total score. */
export function gradeOf(total: Dec, policy: ScoringPolicy = CENTRAL_POLICY): Grade {
  for (const g of policy.grades) if (total.gte(new D(String(g.min)))) return g.grade;
  return policy.grades[policy.grades.length - 1].grade;
}

/** Band a stated qualitative score falls in (fractions of the weight; upper bounds inclusive). */
export function bandOf(score: Dec, weight: Dec, policy: ScoringPolicy = CENTRAL_POLICY): Band | null {
  if (weight.isZero()) return null;
  const f = score.div(weight);
  if (f.gt(1) || f.isNeg()) return null;
  const order: Band[] = ['achieved', 'partial', 'failed'];
  for (const b of order) {
    const r = policy.qualitativeBands[b];
    if (f.gt(new D(String(r.min))) && f.lte(new D(String(r.max)))) return b;
  }
  return f.gte(new D(String(policy.qualitativeBands.failed.min))) ? 'failed' : null;
}

/** 执行率 as a fraction; null when the budget is missing or zero. */
export function executionRate(executed: Dec | null, budget: Dec | null): Dec | null {
  if (executed === null || budget === null || budget.isZero()) return null;
  return executed.div(budget);
}

/** 执行率得分 = min(执行率, 1) × weight. */
export function executionScore(rate: Dec | null, weight: Dec, dp = 2): Dec {
  if (rate === null) return ZERO;
  return round(clampScore(minDec(rate, new D(1)).mul(weight), weight), dp);
}

/** Score a whole self-evaluation. */
export function scoreEvaluation(e: SelfEvaluation, policy: ScoringPolicy = CENTRAL_POLICY): EvaluationScore {
  const indicators = e.indicators.map((i) => scoreIndicator(i, policy));
  const executionWeight = new D(String(policy.executionWeight ?? e.funds.weight ?? 0));
  const budget = e.funds.total.budget === null || e.funds.total.budget === undefined ? null : parseAmount(e.funds.total.budget);
  const executed = e.funds.total.executed === null || e.funds.total.executed === undefined ? null : parseAmount(e.funds.total.executed);
  const rate = executionRate(executed, budget);
  const execScore = executionScore(rate, executionWeight, policy.scoreDp);
  const total = execScore.add(sum(indicators.map((i) => i.score)));
  const weightTotal = executionWeight.add(sum(indicators.map((i) => i.weight)));
  return {
    policy: policy.id,
    indicators,
    executionRate: rate,
    executionPct: rate === null ? null : rate.mul(100),
    executionWeight,
    executionScore: execScore,
    weightTotal,
    total,
    grade: gradeOf(total, policy),
    unresolved: indicators.flatMap((s, i) => (s.method === 'unresolved' ? [i] : [])),
  };
}
