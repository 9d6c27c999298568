/**
 * table/unreliable: a rebuilt table that was not read reliably (columns not found, numbers that fit no
 * cell, unreadable cells, rows not recognised, no unit line — never because its sums fail) is named once,
 * with the reasons, and every arithmetic rule is kept off it (reliableTables in ./shared.ts).
 */
import { defineRule } from '../define.js';
import { isReliable, tableLabel } from './shared.js';

export { reliableTables } from './shared.js';

export default defineRule({
  meta: {
    id: 'table/unreliable',
    type: 'completeness',
    defaultSeverity: 'warning',
    description: '未能可靠读取的表格不做算术检查，并说明原因',
    basis: 'architecture.md：表格重建置信度低于阈值时不运行算术规则；需人工核对',
    messages: {
      unreliable: '{table}未能可靠读取，未对其做算术检查（置信度{confidence}：{reasons}）。',
    },
  },
  check(input, ctx) {
    for (const t of input.tables) {
      if (isReliable(t)) continue;
      const at = t.titleAt && t.titleAt.start !== undefined && t.titleAt.end !== undefined ? { start: t.titleAt.start, end: t.titleAt.end } : undefined;
      ctx.report({
        messageId: 'unreliable',
        at,
        data: { table: tableLabel(t), confidence: t.confidence.toFixed(2), reasons: t.confidenceNotes.slice(0, 4).join('；') || '无说明' },
      });
    }
  },
});
