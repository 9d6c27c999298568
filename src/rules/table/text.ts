/**
 * table/text: every figure the text states against the table cell it comes from (domain.md §3.3):
 * concepts with a table source (model/concepts.ts; `X:code` → the code row of X's table), 类/款/项 paths
 * with their 决算 amount (resolved by name), 三公 预算/决算 by item against T7, and 机关运行经费 against T6
 * 公用经费 (warning: 机关运行经费 covers 行政/参公 units only, so it may be less, never more).
 */
import { defineRule, type RuleContext } from '../define.js';
import { checkEqual, checkIdentity, type Printed } from '../../calc/compare.js';
import { fmt } from '../../calc/money.js';
import { CONCEPT_BY_ID } from '../../model/concepts.js';
import type { Claim, ClaimExtras, Num } from '../../claims/types.js';
import type { TableKind } from '../../model/tables.js';
import { P } from '../util.js';
import { cell, cellAt, cellLabel, reliableTable, type Cell, type Span } from './shared.js';
import { resolvePath, textPaths } from './paths.js';

/** 三公 concepts → the T7 column suffix. */
const SANGONG_COLUMNS: Record<string, string> = {
  三公经费: 'total',
  '因公出国（境）费': 'abroad',
  公务用车购置费: 'purchase',
  公务用车运行维护费: 'operation',
  公务接待费: 'reception',
};

/** A claim's own value: printed in its sentence after its subject (not carried over from elsewhere). */
export function ownValue(c: Claim): Num | null {
  const v = c.value;
  if (!v || (c as ClaimExtras).valueCarried) return null;
  if (c.subjectStart < c.sentenceStart || v.start < c.subjectEnd || v.end > c.sentenceEnd) return null;
  return v;
}

function compare(ctx: RuleContext, subject: string, stated: { raw: string; printed: Printed; at: Span }, c: Cell, severity: 'error' | 'warning' = 'error'): void {
  if (!c.printed) return;
  const r = checkEqual(stated.printed, c.printed);
  if (r.verdict === 'exact') return;
  ctx.report({
    messageId: r.verdict === 'rounding' ? 'rounding' : 'wrong',
    severity: r.verdict === 'rounding' ? 'info' : severity,
    at: stated.at,
    data: { subject, stated: stated.raw, cell: cellLabel(c), value: c.raw, diff: fmt(r.difference.abs()) },
    expected: c.raw,
    actual: stated.raw,
    difference: fmt(r.difference),
    related: c.at ? [{ label: cellLabel(c), at: c.at }] : [],
  });
}

const num = (n: Num) => ({ raw: n.raw, printed: P(n), at: { start: n.start, end: n.end } });

export default defineRule({
  meta: {
    id: 'table/text',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '情况说明中的数字应与表格中对应单元格一致',
    basis: 'domain.md §3.3 表与文字说明一致；财预〔2016〕143号 内容准确',
    messages: {
      wrong: '{subject}：文中为{stated}万元，{cell}为{value}万元（差额{diff}万元）。',
      rounding: '{subject}：文中{stated}万元与{cell}{value}万元相差{diff}万元，可由四舍五入解释。',
      operating: '机关运行经费{stated}万元大于表6公用经费合计{value}万元，请核对口径。',
    },
  },
  check(input, ctx) {
    const paths = textPaths(input);
    const inPath = (c: Claim) => paths.some((p) => c.subjectStart >= p.at.start && c.subjectStart < p.at.end);
    const t7 = reliableTable(input, 't7');
    for (const c of input.claims) {
      if (!c.concept) continue;
      const [base, code] = c.concept.split(':');
      const v = ownValue(c);
      const t7col = SANGONG_COLUMNS[base];
      if (t7col && !code) {
        if (!t7 || t7.table.empty) continue;
        if (v && v.unit === '万元') compare(ctx, c.subject, num(v), cell(t7, 'total', `actual.${t7col}`));
        const b = (c as ClaimExtras).budgetValue;
        if (b && b.unit === '万元' && b.start >= c.sentenceStart && c.subjectStart >= c.sentenceStart) compare(ctx, `${c.subject}预算`, num(b), cell(t7, 'total', `budget.${t7col}`));
        continue;
      }
      if (!v || v.unit !== '万元') continue;
      if (base === '机关运行经费') {
        const t6 = reliableTable(input, 't6');
        if (!t6) continue;
        const pub = cell(t6, 'public', 'amount');
        if (pub.rowIndex < 0 || !pub.printed) continue;
        const r = checkIdentity([P(v)], [pub.printed], '<=');
        if (r.verdict === 'wrong') {
          ctx.report({ messageId: 'operating', severity: 'warning', at: { start: v.start, end: v.end }, data: { stated: v.raw, value: pub.raw }, expected: `≤ ${pub.raw}`, actual: v.raw, related: pub.at ? [{ label: cellLabel(pub), at: pub.at }] : [] });
        }
        continue;
      }
      const src = CONCEPT_BY_ID.get(base)?.source;
      if (!src || !('table' in src)) continue;
      if (code && inPath(c)) continue; // the path below names the row more precisely than the claim's 类
      const t = reliableTable(input, src.table as TableKind);
      if (!t || t.table.empty || t.table.unit !== '万元') continue;
      const target = cell(t, code ?? src.row, src.col);
      if (target.rowIndex < 0) continue; // a row the table does not print: nothing to compare with
      compare(ctx, c.subject, num(v), target);
    }
    for (const p of paths) {
      if (!p.amount) continue;
      const r = resolvePath(input, p);
      if (!r || r.by !== 'name' || r.table.table.unit !== '万元') continue;
      const subject = [p.cls.name + '（类）', p.kuan ? p.kuan.name + '（款）' : '', p.xiang ? p.xiang.name + '（项）' : ''].join('');
      compare(ctx, subject, p.amount, cellAt(r.table, r.index, 'total'));
    }
  },
});
