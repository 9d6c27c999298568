/**
 * quantity/per-unit: 人均接待费 = 公务接待费 / 接待人数; 车均购置费 = 购置费 / 购置车辆数;
 * 车均维护费 = 运行维护费 / 保有量 — with unit conversion (元/万元) and rounding of the inputs.
 */
import { defineRule } from '../define.js';
import { checkPerUnit } from '../../calc/compare.js';
import { P, sev, span, figures, f2, val } from '../util.js';

const PER_UNIT = [
  { name: '人均接待费', stated: '量:人均接待费', value: '公务接待费', counts: ['量:国内接待人数', '量:外宾接待人数'], factor: 10000 },
  { name: '车均购置费', stated: '量:车均购置费', value: '公务用车购置费', counts: ['量:购置车辆'], factor: 1 },
  { name: '车均维护费', stated: '量:车均维护费', value: '公务用车运行维护费', counts: ['量:车辆保有量'], factor: 1 },
];

export default defineRule({
  meta: {
    id: 'quantity/per-unit',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '人均、车均数应等于金额除以人数或车辆数',
    basis: '财政部 三公经费公开检查要求（批次、人数、购置数、保有量）；domain.md §1.1',
    messages: {
      wrong: '{name}应为{expected}{unit}（{value}万元 ÷ {count}），实为{actual}{unit}。',
      rounding: '{name}{actual}{unit}与按印出数计算的{expected}{unit}不同（{value}万元 ÷ {count}），可由四舍五入解释。',
    },
  },
  check(input, ctx) {
    const figs = figures(input);
    for (const p of PER_UNIT) {
      const stated = figs.get(p.stated);
      const value = figs.get(p.value);
      if (!stated || !value) continue;
      let count = 0;
      let any = false;
      for (const k of p.counts) {
        const c = figs.get(k);
        if (c) {
          count += Number(c.num.value);
          any = true;
        }
      }
      if (!any) continue;
      if (count === 0 && val(stated.num).isZero()) continue;
      const r = checkPerUnit(P(stated.num), P(value.num), count, p.factor);
      if (r.verdict === 'exact') continue;
      const unit = stated.num.unit === '元' ? '元' : '万元';
      ctx.report({ messageId: r.verdict === 'rounding' ? 'rounding' : 'wrong', severity: sev(r.verdict), at: span(stated.num), data: { name: p.name, expected: r.expected ? f2(r.expected) : '—', actual: stated.num.raw, unit, value: value.num.raw, count }, expected: r.expected ? f2(r.expected) : undefined, actual: stated.num.raw });
    }
  },
});
