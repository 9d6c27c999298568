/**
 * Helpers shared by the perf/* rules (not a rule itself): printed numbers of a 自评表, spans, labels.
 */
import type { ExtractedSelfEvaluation, ExtractedFunds, PrintedValue } from '../../extract/self-eval-types.js';
import { totalFunds } from '../../extract/self-eval.js';
import { parseIndicatorNumber } from '../../calc/performance.js';
import { D, printedPlaces, fmt, sum, halfUnit, type Dec } from '../../calc/money.js';
import type { Printed, Verdict } from '../../calc/compare.js';

/** The printed number of a cell (comparators, %, unit stripped); null for blanks and text. */
export function num(v: PrintedValue | undefined, unit?: string): Printed | null {
  if (!v || v.text.trim() === '') return null;
  const d = parseIndicatorNumber(v.text, unit);
  if (d === null) return null;
  return { value: d, dp: printedPlaces(v.text.replace(/[^\d.]+$/u, '')) };
}

export function blank(v: PrintedValue | undefined): boolean {
  return !v || v.text.trim() === '' || /^[—\-－–/／]+$/u.test(v.text.trim());
}

/** Offsets of a printed value, else of the form. */
export function at(v: PrintedValue | undefined, form: ExtractedSelfEvaluation): { start: number; end: number } {
  if (v && v.start !== undefined && v.end !== undefined) return { start: v.start, end: v.end };
  return { start: form.start, end: form.end };
}

export function project(form: ExtractedSelfEvaluation): string {
  return form.project.text || '（未注明项目名称）';
}

/** The 执行率 row and its stated weight (the row's 分值/权重, else the section's "(10分)"). */
export function execution(form: ExtractedSelfEvaluation): { row: ExtractedFunds | undefined; weight: Printed | null; weightAt: PrintedValue | undefined } {
  const row = totalFunds(form);
  const w = num(row?.weight);
  if (w) return { row, weight: w, weightAt: row?.weight };
  const s = num(form.sectionPoints?.execution);
  if (s) return { row, weight: s, weightAt: form.sectionPoints?.execution };
  // 绩效指标(90分) alone: the 执行率 has the rest of 100 (四川 layout)
  const ip = num(form.sectionPoints?.indicators);
  if (ip && ip.value.lt(100)) return { row, weight: { value: new D(100).sub(ip.value), dp: ip.dp }, weightAt: form.sectionPoints?.indicators };
  return { row, weight: null, weightAt: undefined };
}

/** Decimal as plain text without trailing zeros beyond what is needed ("100", "8.5"). */
export function t(d: Dec, dp?: number): string {
  if (dp !== undefined) return fmt(d, dp, { grouping: false });
  return d.toString();
}

/** Signed difference "+5" / "-0.5" / "0". */
export function diff(d: Dec, dp?: number): string {
  const s = t(d, dp);
  return d.isPos() ? '+' + s : s;
}

/**
 * A total of points (weights, scores): points printed without decimals are exact, only decimal ones carry
 * rounding (33.33 × 3 = 99.99 against 100). Returns the verdict, Σ parts and stated − Σ.
 */
export function pointsSum(stated: Dec, parts: Printed[]): { verdict: Verdict; expected: Dec; difference: Dec } {
  const expected = sum(parts.map((p) => p.value));
  const difference = stated.sub(expected);
  if (difference.isZero()) return { verdict: 'exact', expected, difference };
  const tol = sum(parts.filter((p) => p.dp > 0).map((p) => halfUnit(p.dp)));
  return { verdict: difference.abs().lte(tol) ? 'rounding' : 'wrong', expected, difference };
}
