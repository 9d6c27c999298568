/**
 * claim/item-restated: one item's 决算 stated twice in its own sentence ("X（项）A万元……支出决算为B万元") must be
 * the same amount (rounding aside).
 */
import { defineRule } from '../define.js';
import { checkEqual } from '../../calc/compare.js';
import type { Claim, ClaimExtras } from '../../claims/types.js';
import { P, val, span, f2, sev } from '../util.js';

export default defineRule({
  meta: {
    id: 'claim/item-restated',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '同一项目内两次表述的决算数应一致',
    basis: 'domain.md §3.3：说明中的每个数应与同一口径的其他表述一致',
    messages: {
      differs: '{subject}先写{first}{unit}，后写支出决算为{second}{unit}（差额{diff}{unit}）。',
      rounding: '{subject}先写{first}{unit}，后写{second}{unit}，相差{diff}{unit}，可由四舍五入解释。',
    },
  },
  check(input, ctx) {
    for (const raw of input.claims) {
      const c = raw as Claim & ClaimExtras;
      const second = c.restatedValue;
      if (!c.value || !second || second.unit !== c.value.unit) continue;
      const r = checkEqual(P(second), P(c.value));
      if (r.verdict === 'exact') continue;
      const diff = f2(val(second).sub(val(c.value)).abs());
      ctx.report({
        messageId: r.verdict === 'rounding' ? 'rounding' : 'differs', severity: sev(r.verdict), at: span(second),
        data: { subject: c.subject, first: c.value.raw, second: second.raw, diff, unit: c.value.unit },
        expected: c.value.raw, actual: second.raw, related: [{ label: '前文', at: span(c.value) }],
      });
    }
  },
});
