/**
 * perf/value-format: a 年度指标值 / 全年完成值 with a measuring unit must be a number in that unit
 * ("100", "≥95%", "73个"; a product like "7*24" counts as a number). Text such as "7*24%" against the unit
 * 小时 (the seed), or "完成" against 万元, is neither: a reviewer must look (warning). Values of indicators
 * without a unit (无, 定性) are free text by design and not checked; blank cells are not this rule's concern.
 */
import { defineRule } from '../define.js';
import { parseNature } from '../../calc/performance.js';
import type { PrintedValue } from '../../extract/self-eval-types.js';
import { at, project, blank } from './shared.js';

const LEAD = /^(>=|<=|==|[=<>≥≤≧≦＝]|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于|达到|约)/u;
const TRAIL = /(以上|以下|以内|及以上|及以下|左右)$/u;
const NUMBER_OR_PRODUCT = /^-?\d+(\.\d+)?([*×xX]\d+(\.\d+)?)*$/u;

function key(s: string): string {
  return s.normalize('NFKC').replace(/[\s,，]/g, '');
}

/** Whether a printed value is a number (or product of numbers) in the given unit. */
export function fitsUnit(value: string, unit: string): boolean {
  let v = key(value).replace(LEAD, '').replace(TRAIL, '');
  const u = key(unit);
  if (u && v.endsWith(u)) v = v.slice(0, -u.length);
  else if (u === '%' || u === '百分比') v = v.replace(/%$/u, '');
  return NUMBER_OR_PRODUCT.test(v);
}

export default defineRule({
  meta: {
    id: 'perf/value-format',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '有计量单位的指标值和完成值应为与计量单位相符的数值',
    basis: '《项目支出绩效评价管理办法》（财预〔2020〕10号）：定量指标以指标值和完成值的比例计分，须为可计量的数值；自评表“计量单位”栏',
    messages: {
      value: '“{project}”中“{name}”的{field}应为以“{unit}”计的数值，实为“{actual}”。',
    },
  },
  check(input, ctx) {
    for (const form of input.selfEvaluations) {
      for (const i of form.indicators) {
        const unit = i.unit.text.trim();
        if (!unit || /^(无|—|-|\/)$/u.test(unit)) continue;
        if (parseNature(i.nature.text) === 'qualitative') continue;
        const fields: [string, PrintedValue][] = [
          ['年度指标值', i.target],
          ['全年完成值', i.actual],
        ];
        for (const [field, v] of fields) {
          if (blank(v) || fitsUnit(v.text, unit)) continue;
          ctx.report({
            messageId: 'value',
            at: at(v, form),
            data: { project: project(form), name: i.name.text || i.level2, field, unit, actual: v.text },
            expected: `以“${unit}”计的数值`,
            actual: v.text,
          });
        }
      }
    }
  },
});
