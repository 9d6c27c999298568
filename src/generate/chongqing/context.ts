/**
 * Shared wording helpers of the 重庆-style handlers. Every figure, change, direction word and
 * percentage is produced here from calc/compare and calc/money, so each handler only arranges
 * sentences. Nothing here computes a percentage itself.
 */
import type { Disclosure } from '../../model/schema.js';
import { conceptValue, comparative } from '../../model/concepts.js';
import { D, type Dec, fmt, parseAmount } from '../../calc/money.js';
import { change, changePctPhrase, amountWord, pctText, share, shareExact, type Change } from '../../calc/compare.js';
import type { DocNode } from '../ast.js';

export interface Ctx {
  m: Disclosure;
  year: number;
  /** 本部门 / 本单位 */
  self: string;
  pctDp: number;
}

export function makeCtx(m: Disclosure): Ctx {
  return { m, year: m.year, self: `本${m.body.level}`, pctDp: m.style.pctDp };
}

/** An amount as the text prints it: 1,918.25万元. */
export function wan(v: Dec): string {
  return `${fmt(v, 2)}万元`;
}

/** Parse an optional model amount. */
export function amt(v: string | number | null | undefined): Dec | null {
  if (v === undefined || v === null) return null;
  return parseAmount(v);
}

export function value(ctx: Ctx, id: string): Dec | null {
  return conceptValue(ctx.m, id);
}

export function prior(ctx: Ctx, id: string): Dec | null {
  return comparative(ctx.m, id, 'prior');
}

export function budget(ctx: Ctx, id: string): Dec | null {
  return comparative(ctx.m, id, 'budget');
}

/** The comparatives entry of a concept (reasons, purpose). */
export function note(ctx: Ctx, id: string): { priorReason?: string; budgetReason?: string; purpose?: string } {
  return ctx.m.comparatives[id] ?? {};
}

export function cmp(ctx: Ctx, current: Dec, base: Dec): Change {
  return change(current, base, { pctDp: ctx.pctDp, zeroBase: ctx.m.style.zeroBase });
}

/**
 * The change clause against a base: "较上年决算数减少151.81万元，下降7.4%", "与上年决算数持平",
 * "较年初预算数增加8.55万元，增长100%" or, for a zero base under the 'incomparable' policy,
 * "较年初预算数增加8.55万元，年初预算数为0，无可比性".
 * `basis` is the base's name ("上年决算数", "年初预算数", "上年支出数").
 */
export function changeClause(c: Change, basis: string, opts: { amountBefore?: boolean; sep?: string } = {}): string {
  if (c.direction === 'flat') return `与${basis}持平`;
  const delta = `${amountWord(c.direction)}${wan(c.delta.abs())}`;
  const phrase = changePctPhrase(c);
  const pct = phrase === '无可比性' ? `${basis}为0，无可比性` : phrase;
  const head = opts.amountBefore ? `较${basis}${wan(c.base)}` : `较${basis}`;
  return `${head}${delta}${opts.sep ?? '，'}${pct}`;
}

/**
 * "，主要原因是…" (or "主要原因一是…" when the reason enumerates). Empty when the figure did not change
 * (持平 needs no reason) or when no reason was given: the sentence then simply ends.
 */
export function reasonClause(reason: string | undefined, c: Change | null, sep = '，'): string {
  if (c && c.direction === 'flat') return '';
  const r = clean(reason);
  if (!r) return '';
  return /^一是/.test(r) ? `${sep}主要原因${r}` : `${sep}主要原因是${r}`;
}

/** Trim a person's text and drop a trailing full stop (the generator ends its own sentences). */
export function clean(text: string | undefined): string {
  return (text ?? '').trim().replace(/[。；;，,\s]+$/u, '');
}

/** A share "占84.8%" of an explicit denominator; an exact whole is "占100%" like the seed. */
export function shareText(ctx: Ctx, part: Dec, denominator: Dec): string | null {
  const exact = shareExact(part, denominator);
  if (exact === null) return null;
  if (exact.eq(100)) return pctText(new D(100), 0);
  return pctText(share(part, denominator, ctx.pctDp)!, ctx.pctDp);
}

/** A percentage without trailing zeros (100.00 → "100%", 83.44 → "83.44%"), used in the 自评表. */
export function pctCompact(p: Dec): string {
  return `${p.toString()}%`;
}

/** Chinese numerals for section numbers (1 → 一, 11 → 十一, 21 → 二十一). */
export function cn(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return '十' + (n % 10 ? digits[n % 10] : '');
  if (n < 100) return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '');
  return String(n);
}

export function h1(text: string): DocNode {
  return { type: 'heading', level: 1, text };
}

export function h2(text: string): DocNode {
  return { type: 'heading', level: 2, text };
}

export function p(text: string): DocNode {
  return { type: 'paragraph', text };
}

/** Join clauses into one sentence ending in 。 (empty clauses dropped). */
export function sentence(...parts: (string | null | undefined | false)[]): string {
  const s = parts.filter((x): x is string => typeof x === 'string' && x !== '').join('');
  return s === '' ? '' : `${s}。`;
}
