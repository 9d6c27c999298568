/**
 * claim/direction: direction words must match the numbers — 增加/增长 for up, 减少/下降 for down, 持平
 * only when equal; the amount word and the rate word must agree; "增加0万元" should read 持平.
 */
import { defineRule } from '../define.js';
import { val, span } from '../util.js';

export default defineRule({
  meta: {
    id: 'claim/direction',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '增减方向用词应与数字一致',
    basis: 'domain.md §3.4：方向词须与符号一致，持平当且仅当差额为0.00',
    messages: {
      sign: '{subject}本年{value}{unit}、比较基数{base}{unit}，应为“{expected}”，实为“{actual}”。',
      conflict: '{subject}的增减额写“{a}”而增减幅度写“{b}”，方向自相矛盾。',
      zeroChange: '{subject}“{actual}0”应写作“持平”。',
      flatNonzero: '{subject}写“持平”，但本年{value}{unit}与比较基数{base}{unit}不等。',
    },
  },
  check(input, ctx) {
    for (const c of input.claims) {
      const d = c.direction;
      if (d && d.dir !== 'flat' && c.delta && val(c.delta).isZero()) {
        ctx.report({ messageId: 'zeroChange', severity: 'warning', at: span(d), data: { subject: c.subject, actual: d.word }, expected: '持平', actual: d.word + c.delta.raw });
        continue;
      }
      if (d && c.pctDirection && d.dir !== 'flat' && c.pctDirection.dir !== d.dir) {
        ctx.report({ messageId: 'conflict', at: span(c.pctDirection), data: { subject: c.subject, a: d.word, b: c.pctDirection.word } });
        continue;
      }
      if (c.value && c.baseValue && d && c.value.unit === c.baseValue.unit) {
        const diff = val(c.value).sub(val(c.baseValue));
        const truth = diff.isZero() ? 'flat' : diff.isPos() ? 'up' : 'down';
        if (truth === d.dir) continue;
        if (d.dir === 'flat') {
          ctx.report({ messageId: 'flatNonzero', at: span(d), data: { subject: c.subject, value: c.value.raw, base: c.baseValue.raw, unit: c.value.unit } });
        } else {
          const expected = truth === 'flat' ? '持平' : truth === 'up' ? '增加' : '减少';
          ctx.report({ messageId: 'sign', at: span(d), data: { subject: c.subject, value: c.value.raw, base: c.baseValue.raw, expected, actual: d.word, unit: c.value.unit }, expected, actual: d.word });
        }
      }
    }
  },
});
