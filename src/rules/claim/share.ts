/**
 * claim/share: a share ("占84.8%", "占政府采购支出总额的89.6%") recomputed with its explicit
 * denominator: the one named in the sentence, else the concept's default (model/concepts.ts), else the
 * total of the section's breakdown (类 rows → 一般公共预算财政拨款支出).
 */
import { defineRule } from '../define.js';
import { checkRatio } from '../../calc/compare.js';
import { CONCEPT_BY_ID } from '../../model/concepts.js';
import { P, val, span, figures, ratioOutcome, TRUNCATED_MESSAGE } from '../util.js';
import { D } from '../../calc/money.js';
import type { Severity } from '../types.js';
import { UNKNOWN_DENOMINATOR } from '../../claims/extract.js';

function denominatorOf(concept: string | null, explicit: string | null | undefined): string | null {
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
      wrong: '{subject}{value}{unit}占{of}{den}{unit}的比重应为{expected}%，实为{actual}%。',
      rounding: '{subject}占{of}的比重{actual}%与按印出数计算的{expected}%不同，可由四舍五入解释。',
      truncated: TRUNCATED_MESSAGE,
      tail: '{subject}占{of}的比重按印出数计算为{expected}%，文中为{actual}%；同段各项比重合计正好100%，是为凑足100%所作的尾差调整。',
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    for (const c of input.claims) {
      if (!c.share || !c.value) continue;
      const of = denominatorOf(c.concept, c.shareOf);
      if (!of || of === UNKNOWN_DENOMINATOR) continue;
      const den = figs.get(of);
      if (!den || den.num.unit !== c.value.unit) continue;
      const r = checkRatio(P(c.share), P(c.value), P(den.num));
      let outcome: { messageId: string; severity: Severity } | null = ratioOutcome(r);
      if (!outcome) continue;
      const expected = r.expected ? r.expected.toFixed(c.share.dp) : '—';
      // One unit of the last printed place off, in a breakdown whose printed shares add up to exactly 100%:
      // the document moved the rounding remainder onto one item (尾差调整) — rounding, not an error.
      if (outcome.messageId === 'wrong' && r.expected && r.expected.toDecimalPlaces(c.share.dp).sub(val(c.share)).abs().eq(new D(1).div(10 ** c.share.dp))) {
        // (the breakdown may be printed once and the same share repeated later: judged by any paragraph that has it)
        const paragraphs = input.claims.filter((x) => x.share && x.concept === c.concept && x.share.raw === c.share!.raw).map((x) => x.paragraph);
        for (const p of new Set(paragraphs)) {
          const siblings = input.claims.filter((x) => x.share && x.paragraph === p && denominatorOf(x.concept, x.shareOf) === of);
          const sum = siblings.reduce((a, x) => a.add(val(x.share!)), new D(0));
          if (siblings.length >= 2 && sum.eq(100)) outcome = { messageId: 'tail', severity: 'info' };
        }
      }
      ctx.report({
        ...outcome,
        at: span(c.share),
        data: { subject: c.subject, value: c.value.raw, of, den: den.num.raw, expected, actual: c.share.raw, unit: c.value.unit },
        expected: expected + '%',
        actual: c.share.raw + '%',
        related: [{ label: `分母：${of}`, at: span(den.num) }],
      });
    }
  },
});
