/**
 * Exact money. Every amount in juesuan is a decimal (decimal.js), never a float.
 * Printed amounts are 万元 with two places, rounded half-up (四舍五入, half away from zero).
 * One tolerant parser accepts what published documents really contain.
 */
import { Decimal as DecimalBase } from 'decimal.js';

/** Decimal configured for money: 40 significant digits, ROUND_HALF_UP. */
export const D = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const ZERO: Dec = new D(0);

type Unit = '万元' | '元' | '千元' | '亿元';

/** How many 元 one unit holds. */
const UNIT_YUAN: Record<Unit, number> = { 元: 1, 千元: 1000, 万元: 10000, 亿元: 100000000 };

/** Convert an amount from one unit to another (exact; round when printing). */
export function convert(value: Dec, from: Unit, to: Unit): Dec {
  if (from === to) return value;
  return value.mul(UNIT_YUAN[from]).div(UNIT_YUAN[to]);
}

/** Characters that stand for "zero / nothing" in a table cell. */
const ZERO_MARKS = new Set(['', '—', '-', '－', '–', '―', '——', '--', '/', '无', '0', '—-']);

/**
 * Normalise the characters of a number as printed: full-width digits and signs, thousands separators,
 * spaces, a trailing unit or percent sign. Returns the cleaned ASCII text (may be empty).
 */
export function cleanNumberText(raw: string): string {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(/[，,\s\u00a0\u3000']/g, '');
  s = s.replace(/(万元|千元|亿元|元|万|%|％)$/u, '');
  s = s.replace(/^[（(](.*)[)）]$/u, '-$1'); // (123.45) accounting negative
  s = s.replace(/^[−–—－]/u, '-');
  return s;
}

/**
 * Parse an amount as printed (`1,918.25`, `１９１８．２５`, `—`, blank, `(3.00)`).
 * Returns null when the text is not a number at all. Dashes and blanks are zero.
 */
export function parseAmount(raw: string | number | null | undefined): Dec | null {
  if (raw === null || raw === undefined) return ZERO;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    return new D(String(raw));
  }
  const t = raw.normalize('NFKC').trim();
  if (ZERO_MARKS.has(t)) return ZERO;
  const s = cleanNumberText(t);
  if (ZERO_MARKS.has(s)) return ZERO;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return new D(s);
}

/** Number of decimal places as printed ("1,918.25" → 2, "25" → 0). */
export function printedPlaces(raw: string): number {
  const s = cleanNumberText(raw);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Round half-up to `dp` places. */
export function round(v: Dec, dp = 2): Dec {
  return v.toDecimalPlaces(dp, D.ROUND_HALF_UP);
}

/**
 * Format an amount for print: fixed `dp` places, half-up, thousands separators by default
 * (the seed writes 1,918.25).
 */
export function fmt(v: Dec, dp = 2, opts: { grouping?: boolean } = {}): string {
  const fixed = round(v, dp).toFixed(dp);
  if (opts.grouping === false) return fixed;
  const neg = fixed.startsWith('-');
  const body = neg ? fixed.slice(1) : fixed;
  const [int, frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** Format without grouping (for tables and JSON). */
export function plain(v: Dec, dp = 2): string {
  return round(v, dp).toFixed(dp);
}

export function sum(values: Iterable<Dec>): Dec {
  let s = ZERO;
  for (const v of values) s = s.add(v);
  return s;
}

/** Half a unit of the last printed place: the most a printed value can differ from the true one. */
const HALF_UNITS: Dec[] = [];
export function halfUnit(dp: number): Dec {
  return (HALF_UNITS[dp] ??= new D(5).div(new D(10).pow(dp + 1)));
}
