/**
 * The comparison calculus: one module that both the generator (to compute and word figures) and the
 * auditor (to re-check stated figures) use. Changes vs a base, percentages, shares, 完成率, sums, and
 * the verdict "exact / explained by rounding / wrong" from the printed precision of every input.
 */
import { D, type Dec, ZERO, halfUnit, parseAmount, printedPlaces, round, sum } from './money.js';

export type Direction = 'up' | 'down' | 'flat';

/** How a change against a zero base is worded: "增长100%" (common) or "无可比性". */
export type ZeroBasePolicy = 'hundred' | 'incomparable';

interface ChangeOptions {
  /** Decimal places of the percentage (the seed uses 1). */
  pctDp?: number;
  /** Decimal places of the amounts (2 for 万元). */
  amountDp?: number;
  zeroBase?: ZeroBasePolicy;
}

export interface Change {
  current: Dec;
  base: Dec;
  /** current − base, exact from the given values. */
  delta: Dec;
  direction: Direction;
  /** |delta| / base × 100, rounded to pctDp; null when the base is zero (see zeroBase). */
  pct: Dec | null;
  /** Unrounded percentage (signed), null for a zero base. */
  pctExact: Dec | null;
  /** The base is zero and the current value is not. */
  zeroBase: boolean;
  pctDp: number;
  zeroBasePolicy: ZeroBasePolicy;
}

export function change(current: Dec, base: Dec, opts: ChangeOptions = {}): Change {
  const pctDp = opts.pctDp ?? 1;
  const amountDp = opts.amountDp ?? 2;
  const delta = round(current, amountDp).sub(round(base, amountDp));
  const direction: Direction = delta.isZero() ? 'flat' : delta.isPos() ? 'up' : 'down';
  const zeroBase = base.isZero() && !current.isZero();
  let pctExact: Dec | null = null;
  let pct: Dec | null = null;
  if (!base.isZero()) {
    pctExact = delta.div(base.abs()).mul(100);
    pct = round(pctExact.abs(), pctDp);
  }
  return { current, base, delta, direction, pct, pctExact, zeroBase, pctDp, zeroBasePolicy: opts.zeroBase ?? 'hundred' };
}

/** 增加 / 减少 / 持平 — the word for an amount change. */
export function amountWord(d: Direction): '增加' | '减少' | '持平' {
  return d === 'up' ? '增加' : d === 'down' ? '减少' : '持平';
}

/** 增长 / 下降 — the word for a rate of change. */
export function rateWord(d: Direction): '增长' | '下降' | '持平' {
  return d === 'up' ? '增长' : d === 'down' ? '下降' : '持平';
}

/** Words that state a direction, and which direction they state. */
export const DIRECTION_WORDS: Record<string, Direction> = {
  增加: 'up', 增长: 'up', 上升: 'up', 提高: 'up', 高于: 'up', 大于: 'up', 超出: 'up', 多: 'up',
  减少: 'down', 下降: 'down', 降低: 'down', 低于: 'down', 小于: 'down', 减: 'down', 节约: 'down', 少: 'down',
  持平: 'flat', 相等: 'flat', 等于: 'flat', 一致: 'flat', 相同: 'flat',
};

/** Format a percentage number: 14.8 → "14.8%". */
export function pctText(p: Dec, dp: number): string {
  return round(p, dp).toFixed(dp) + '%';
}

/**
 * The percentage phrase of a change: "增长4.5%", "下降100%", or for a zero base "增长100%" /
 * "无可比性" per policy. `hundredDp` is the precision used for the conventional 100% (the seed writes
 * "增长100%" and "增长100.0%" both; default: no decimals).
 */
export function changePctPhrase(c: Change, hundredDp = 0): string {
  if (c.direction === 'flat') return '持平';
  if (c.zeroBase) {
    return c.zeroBasePolicy === 'hundred' ? `增长${pctText(new D(100), hundredDp)}` : '无可比性';
  }
  if (c.current.isZero()) return `下降${pctText(new D(100), hundredDp)}`;
  return `${rateWord(c.direction)}${pctText(c.pct!, c.pctDp)}`;
}

/** Share of a part in an explicit denominator, in percent (unrounded); null for a zero denominator. */
export function shareExact(part: Dec, denominator: Dec): Dec | null {
  if (denominator.isZero()) return null;
  return part.div(denominator).mul(100);
}

export function share(part: Dec, denominator: Dec, dp = 1): Dec | null {
  const s = shareExact(part, denominator);
  return s === null ? null : round(s, dp);
}

/** 完成率 = actual / budget × 100; null when there is no budget (a 完成率 against 0 is meaningless). */
export function completion(actual: Dec, budget: Dec, dp = 1): Dec | null {
  return share(actual, budget, dp);
}

// ---------------------------------------------------------------------------------------------
// Checking stated figures. Every printed value is the true value rounded to its printed precision,
// so it stands for an interval. A statement is "exact" when recomputing from the printed inputs gives
// the printed output, "rounding" when some true values inside the intervals give it, else "wrong".
// ---------------------------------------------------------------------------------------------

export type Verdict = 'exact' | 'rounding' | 'wrong';

/** A printed number: its value and its printed decimal places. */
export interface Printed {
  value: Dec;
  dp: number;
  /** Uncertainty when the value was derived from other printed values (defaults to half a unit of dp). */
  half?: Dec;
}

export function printed(value: Dec, dp = 2): Printed {
  return { value, dp };
}

interface Interval {
  lo: Dec;
  hi: Dec;
}

function intervalOf(p: Printed): Interval {
  const h = p.half ?? halfUnit(p.dp);
  return { lo: p.value.sub(h), hi: p.value.add(h) };
}

function intersects(a: Interval, b: Interval): boolean {
  return a.lo.lte(b.hi) && b.lo.lte(a.hi);
}

/** Interval of (num / den × 100) over the printed intervals; null if den may be zero. */
function ratioInterval(num: Printed, den: Printed): Interval | null {
  const n = intervalOf(num);
  const d = intervalOf(den);
  if (d.lo.lte(0) && d.hi.gte(0)) return null;
  const cands = [n.lo.div(d.lo), n.lo.div(d.hi), n.hi.div(d.lo), n.hi.div(d.hi)].map((x) => x.mul(100));
  let lo = cands[0];
  let hi = cands[0];
  for (const c of cands) {
    if (c.lt(lo)) lo = c;
    if (c.gt(hi)) hi = c;
  }
  return { lo, hi };
}

interface PctCheck {
  verdict: Verdict;
  /** A wrong figure that is the exact ratio cut off (not rounded) at the stated places: 99.868 → "99.86". */
  truncated?: boolean;
  /** The percentage recomputed from the printed inputs, at the stated precision. */
  expected: Dec | null;
  stated: Dec;
  difference: Dec | null;
}

/**
 * Check a stated percentage (absolute value, as printed with statedDp places) against num/den × 100.
 */
export function checkRatio(stated: Printed, num: Printed, den: Printed): PctCheck {
  if (den.value.isZero()) return { verdict: 'wrong', expected: null, stated: stated.value, difference: null };
  const expected = round(num.value.div(den.value).mul(100).abs(), stated.dp);
  if (expected.eq(stated.value.abs())) return { verdict: 'exact', expected, stated: stated.value, difference: ZERO };
  const iv = ratioInterval(num, den);
  const s = intervalOf({ value: stated.value.abs(), dp: stated.dp });
  const abs = iv && (iv.lo.isNeg() ? { lo: iv.hi.neg(), hi: iv.lo.neg() } : iv);
  const ok = abs !== null && abs !== undefined && (intersects(abs, s) || (iv !== null && intersects(iv, s)));
  const truncated = !ok && num.value.div(den.value).mul(100).abs().toDecimalPlaces(stated.dp, D.ROUND_DOWN).eq(stated.value.abs());
  return { verdict: ok ? 'rounding' : 'wrong', expected, stated: stated.value, difference: stated.value.abs().sub(expected), ...(truncated ? { truncated } : {}) };
}

/**
 * The one reading of a printed figure (a table cell, a model value) as a Printed: null when it is not
 * given (null/undefined: blank, unreadable, or a figure a model leaves unstated) or not a number. A zero
 * mark ("—", "-", "0") is a zero of the table's precision (two places), not a number known only to ±0.5.
 */
export function printedOf(v: string | number | null | undefined): Printed | null {
  if (v === null || v === undefined) return null;
  const value = parseAmount(v);
  if (value === null) return null;
  if (typeof v === 'number' || value.isZero()) return { value, dp: 2 };
  return { value, dp: printedPlaces(v) };
}

/** '=': Σ left = Σ right; '<=': Σ left ≤ Σ right (an upper bound, e.g. T5 支出 ≤ T3 支出). */
export type Relation = '=' | '<=';

export interface SumCheck {
  verdict: Verdict;
  expected: Dec;
  stated: Dec;
  difference: Dec;
  tolerance: Dec;
}

/**
 * The one identity evaluator (text, table and cross-table checks all come here): Σ left (relation) Σ
 * right, every term printed. `stated` is Σ left, `expected` Σ right, `difference` stated − expected. The
 * one tolerance: every printed value is within half a unit of its last place (or its own `half` when it
 * was derived), so a true identity survives rounding with |difference| ≤ Σ half units of all terms.
 * For '<=' a left side below the right is exact; above it by no more than the tolerance, rounding.
 */
export function checkIdentity(left: Printed[], right: Printed[], relation: Relation = '='): SumCheck {
  const stated = sum(left.map((p) => p.value));
  const expected = sum(right.map((p) => p.value));
  const difference = stated.sub(expected);
  const tolerance = sum([...left, ...right].map((p) => p.half ?? halfUnit(p.dp)));
  const excess = relation === '<=' ? (difference.isPos() ? difference : ZERO) : difference.abs();
  const verdict: Verdict = excess.isZero() ? 'exact' : excess.lte(tolerance) ? 'rounding' : 'wrong';
  return { verdict, expected, stated, difference, tolerance };
}

/** The same evaluator over terms that may be missing: null (not checkable) when any term is not given. */
export function checkGiven(left: (Printed | null)[], right: (Printed | null)[], relation: Relation = '='): SumCheck | null {
  if (!left.length || !right.length || [...left, ...right].some((p) => p === null)) return null;
  return checkIdentity(left as Printed[], right as Printed[], relation);
}

/** A printed total against the sum of printed parts: checkIdentity([total], parts). */
export function checkSum(total: Printed, parts: Printed[]): SumCheck {
  return checkIdentity([total], parts);
}

/** A printed change with its direction as a signed printed value (减少 → negative). */
export function signedChange(delta: Printed, direction: Direction): Printed {
  return direction === 'down' ? { ...delta, value: delta.value.abs().neg() } : { ...delta, value: delta.value.abs() };
}

/**
 * The base a stated change implies: current − signed change, carrying both uncertainties
 * ("2020年度…1,911.05万元，较上年决算数减少151.81万元" → 上年 2,062.86 ± 0.01).
 */
export function baseFromChange(current: Printed, delta: Printed, direction: Direction): Printed {
  return derivedDiff(current, signedChange(delta, direction));
}

/** Two printed statements of the same quantity (or of a difference a − b = c). */
export function checkEqual(a: Printed, b: Printed): SumCheck {
  return checkIdentity([a], [b]);
}

/** Check a stated change amount against current − base: stated = current − base within rounding. */
export function checkDelta(stated: Printed, current: Printed, base: Printed): SumCheck {
  // current = base + delta
  return checkIdentity([current], [base, stated]);
}

interface ChangePctCheck extends PctCheck {
  /** What the document should say for a zero base / zero current. */
  convention?: 'zero-base' | 'to-zero';
}

/**
 * Check a stated change percentage given the printed change amount and the printed base (the usual
 * situation in 决算 text: "较上年减少151.81万元，下降7.4%").
 */
export function checkChangePct(stated: Printed, delta: Printed, base: Printed): ChangePctCheck {
  if (base.value.isZero()) {
    const ok = !delta.value.isZero() && stated.value.abs().eq(100);
    return { verdict: ok ? 'exact' : 'wrong', expected: new D(100), stated: stated.value, difference: stated.value.abs().sub(100), convention: 'zero-base' };
  }
  return checkRatio(stated, { value: delta.value.abs(), dp: delta.dp }, base);
}

/** a − b as a derived printed value, carrying both uncertainties. */
export function derivedDiff(a: Printed, b: Printed): Printed {
  return { value: a.value.sub(b.value), dp: Math.max(a.dp, b.dp), half: (a.half ?? halfUnit(a.dp)).add(b.half ?? halfUnit(b.dp)) };
}

/** Per-unit figure (人均接待费, 车均维护费): value / count, with the unit factor applied by the caller. */
export function perUnit(value: Dec, count: number, dp = 2): Dec | null {
  if (count === 0) return null;
  return round(value.div(count), dp);
}

/** Check a stated per-unit figure against value/count, where the value was printed with valueDp. */
export function checkPerUnit(stated: Printed, value: Printed, count: number, factor = 1): PctCheck {
  if (count === 0) return { verdict: stated.value.isZero() ? 'exact' : 'wrong', expected: ZERO, stated: stated.value, difference: stated.value };
  const expected = round(value.value.mul(factor).div(count), stated.dp);
  if (expected.eq(stated.value)) return { verdict: 'exact', expected, stated: stated.value, difference: ZERO };
  // interval of value/count
  const iv = intervalOf(value);
  const lo = iv.lo.mul(factor).div(count);
  const hi = iv.hi.mul(factor).div(count);
  const s = intervalOf(stated);
  const ok = lo.lte(s.hi) && s.lo.lte(hi);
  return { verdict: ok ? 'rounding' : 'wrong', expected, stated: stated.value, difference: stated.value.sub(expected) };
}

