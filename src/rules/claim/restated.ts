/**
 * claim/restated: the same quantity stated twice must carry the same figure (rounding aside).
 * Pairs of concepts that are the same quantity by definition are listed here
 * (收支总计 = 收入总计; 财政拨款收入 = 本年收入合计 when it is 100%…); same-concept restatements too.
 */
import { defineRule } from '../define.js';
import { checkEqual } from '../../calc/compare.js';
import type { Claim } from '../../claims/types.js';
import { P, val, span, f2 } from '../util.js';

/** Concepts equal by definition in every disclosure. */
const SAME: [string, string][] = [
  ['收支总计', '收入总计'],
  ['收入总计', '支出总计'],
  ['财政拨款收支总计', '财政拨款收支总计'],
];

export default defineRule({
  meta: {
    id: 'claim/restated',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '同一数额多处表述应一致',
    basis: 'domain.md §3.3：说明中的每个数应与同一口径的其他表述一致',
    messages: {
      differs: '{subject}此处为{actual}{unit}，前文为{expected}{unit}（差额{diff}{unit}）。',
      rounding: '{subject}此处为{actual}{unit}，前文为{expected}{unit}，相差{diff}{unit}，可由四舍五入解释。',
      pair: '{subject}应与{other}相等：{subject}为{actual}{unit}，{other}为{expected}{unit}（差额{diff}{unit}）。',
    },
  },
  check(input, ctx) {
    const first = new Map<string, Claim>();
    const pairKey = new Map<string, string>();
    for (const [a, b] of SAME) {
      pairKey.set(a, b);
      pairKey.set(b, a);
    }
    for (const c of input.claims) {
      if (!c.concept || !c.value || c.value.unit === 'count' || (c as { valueCarried?: boolean }).valueCarried) continue;
      const key = c.concept;
      const prev = first.get(key) ?? (pairKey.has(key) ? first.get(pairKey.get(key)!) : undefined);
      if (!prev) {
        first.set(key, c);
        continue;
      }
      if (prev.value!.unit !== c.value.unit || prev.value!.start === c.value.start) continue;
      const r = checkEqual(P(c.value), P(prev.value!));
      if (r.verdict === 'exact') continue;
      const diff = f2(val(c.value).sub(val(prev.value!)).abs());
      const pair = prev.concept !== c.concept;
      ctx.report({
        messageId: r.verdict === 'rounding' ? 'rounding' : pair ? 'pair' : 'differs',
        severity: r.verdict === 'rounding' ? 'info' : 'error',
        at: span(c.value),
        data: { subject: c.subject, other: prev.subject, actual: c.value.raw, expected: prev.value!.raw, diff, unit: c.value.unit },
        expected: prev.value!.raw,
        actual: c.value.raw,
        related: [{ label: '前文', at: span(prev.value!) }],
      });
    }
  },
});
