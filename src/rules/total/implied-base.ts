/**
 * total/implied-base: prior-year and budget figures that the text gives only as changes ("较年初预算数
 * 减少14.38万元") imply the base; the bases of the parts must add up to the base of the total.
 */
import { defineRule } from '../define.js';
import { checkSum, baseFromChange, type Printed } from '../../calc/compare.js';
import type { Claim } from '../../claims/types.js';
import { P, sev, span, f2, BASIS_WORD } from '../util.js';
import { BASE_IDENTITIES, shortByUnnamed } from './identities.js';

/** The base a claim implies (printed base, or value ∓ change), keyed concept → basis. */
export function impliedBases(claims: Claim[]): Map<string, { claim: Claim; base: Printed }> {
  const m = new Map<string, { claim: Claim; base: Printed }>();
  for (const c of claims) {
    if (!c.concept || !c.basis) continue;
    const key = `${c.concept}|${c.basis}`;
    if (m.has(key)) continue;
    const value = c.value ? P(c.value) : null;
    if (c.baseValue) m.set(key, { claim: c, base: P(c.baseValue) });
    else if (value && c.delta && c.direction) m.set(key, { claim: c, base: baseFromChange(value, P(c.delta), c.direction.dir) });
    else if (value && c.direction?.dir === 'flat') m.set(key, { claim: c, base: value });
  }
  return m;
}

export default defineRule({
  meta: {
    id: 'total/implied-base',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '由增减额推出的上年数或预算数，分项之和应等于合计',
    basis: 'domain.md §3.1 表内勾稽同样适用于上年决算数与年初预算数',
    messages: {
      wrong: '{name}（{basis}）：合计的{basis}为{total}{unit}，分项{basis}之和为{expected}{unit}（差额{diff}{unit}）。',
      rounding: '{name}（{basis}）：相差{diff}{unit}，可由四舍五入解释。',
      unstated: '{name}（{basis}）：合计的{basis}为{total}{unit}，文中可推出的分项{basis}之和为{expected}{unit}，少{diff}{unit}；{absent}的{basis}文中推不出——若其为0，合计与分项不符。',
    },
  },
  check(input, ctx) {
    const bases = impliedBases(input.claims);
    for (const id of BASE_IDENTITIES) {
      for (const basis of ['prior', 'budget'] as const) {
        const total = bases.get(`${id.total}|${basis}`);
        if (!total) continue;
        const parts: Printed[] = [];
        let missing = false;
        if (id.prefix) {
          for (const [k, v] of bases) if (k.startsWith(id.prefix + ':') && k.endsWith('|' + basis)) parts.push(v.base);
          if (parts.length < 2) continue;
        }
        for (const p of id.parts) {
          const b = bases.get(`${p}|${basis}`);
          if (b) parts.push(b.base);
          else missing = true;
        }
        const absent: string[] = [];
        for (const p of id.optional ?? []) {
          const b = bases.get(`${p}|${basis}`);
          if (b) parts.push(b.base);
          else absent.push(p);
        }
        if (missing) continue;
        // (a 持平 after a stated zero prints no figure: it has no unit of its own to disagree with)
        const units = new Set([...bases].filter(([k]) => k.endsWith('|' + basis)).map(([, v]) => v.claim.value?.unit ?? v.claim.delta?.unit).filter((u) => u !== undefined));
        if (units.size > 1) continue; // 元 and 万元 figures are not summed
        const r = checkSum(total.base, parts);
        if (r.verdict === 'exact') continue;
        const at = total.claim.delta ? span(total.claim.delta) : span({ start: total.claim.subjectStart, end: total.claim.subjectEnd });
        // An optional part whose base the text does not give (公务用车购置费 unnamed, or named in words we do not
        // read) can only add to the parts: a shortfall is not known to be wrong, an excess is.
        if (shortByUnnamed(r, absent)) {
          ctx.report({ messageId: 'unstated', severity: id.unstated ?? 'warning', at, data: { name: id.name, basis: BASIS_WORD[basis], total: f2(total.base.value), expected: f2(r.expected), diff: f2(r.difference.abs()), unit: total.claim.value?.unit ?? '万元', absent: absent.join('、') }, expected: f2(r.expected), actual: f2(total.base.value) });
          continue;
        }
        ctx.report({ messageId: r.verdict === 'rounding' ? 'rounding' : 'wrong', severity: sev(r.verdict), at, data: { name: id.name, basis: BASIS_WORD[basis], total: f2(total.base.value), expected: f2(r.expected), diff: f2(r.difference.abs()), unit: total.claim.value?.unit ?? '万元' }, expected: f2(r.expected), actual: f2(total.base.value) });
      }
    }
  },
});
