/**
 * claim/share: a share ("占84.8%", "占政府采购支出总额的89.6%") recomputed with its explicit
 * denominator: the one named in the sentence, else the concept's default (model/concepts.ts), else the
 * total of the section's breakdown (类 rows → 一般公共预算财政拨款支出).
 */
import { defineRule } from '../define.js';
import { checkRatio } from '../../calc/compare.js';
import { CONCEPT_BY_ID } from '../../model/concepts.js';
import { P, span, figures, ratioOutcome, TRUNCATED_MESSAGE } from '../util.js';

export function denominatorOf(concept: string | null, explicit: string | null | undefined): string | null {
  if (explicit) return explicit;
  if (!concept) return null;
  const [base, code] = concept.split(':');
  if (code) return base;
  return CONCEPT_BY_ID.get(base)?.shareOf ?? null;
}

export default defineRule({
  meta: {
    id: 'claim/share',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '占比应等于分项除以其分母（分母明示）',
    basis: 'domain.md §3.4：收入占比分母为本年收入合计，支出占比为本年支出合计，结构占比为一般公共预算合计，采购占比为采购总额',
    messages: {
      wrong: '{subject}{value}万元占{of}{den}万元的比重应为{expected}%，实为{actual}%。',
      rounding: '{subject}占{of}的比重{actual}%与按印出数计算的{expected}%不同，可由四舍五入解释。',
      truncated: TRUNCATED_MESSAGE,
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    for (const c of input.claims) {
      if (!c.share || !c.value) continue;
      const of = denominatorOf(c.concept, c.shareOf);
      if (!of) continue;
      const den = figs.get(of);
      if (!den || den.num.unit !== c.value.unit) continue;
      const r = checkRatio(P(c.share), P(c.value), P(den.num));
      const outcome = ratioOutcome(r);
      if (!outcome) continue;
      const expected = r.expected ? r.expected.toFixed(c.share.dp) : '—';
      ctx.report({
        ...outcome,
        at: span(c.share),
        data: { subject: c.subject, value: c.value.raw, of, den: den.num.raw, expected, actual: c.share.raw },
        expected: expected + '%',
        actual: c.share.raw + '%',
        related: [{ label: `分母：${of}`, at: span(den.num) }],
      });
    }
  },
});
