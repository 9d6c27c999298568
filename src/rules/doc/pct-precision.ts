/**
 * doc/pct-precision: percentages in one document should use one precision ("下降25%" among "下降27.6%").
 * Info: it is a matter of style, and the value itself is checked by the claim rules.
 */
import { defineRule } from '../define.js';
import { span } from '../util.js';
import type { Num } from '../../claims/types.js';

export default defineRule({
  meta: {
    id: 'doc/pct-precision',
    type: 'wording',
    defaultSeverity: 'info',
    description: '百分比的小数位数应统一',
    basis: 'domain.md §3.4：占比、增减率保留位数全文一致',
    messages: { mixed: '此处百分比“{actual}%”为{dp}位小数，全文多数为{common}位。' },
  },
  check(input, ctx) {
    const pcts: Num[] = [];
    for (const c of input.claims) for (const n of [c.pct, c.share, c.completion]) if (n && n.value !== '100') pcts.push(n);
    if (pcts.length < 4) return;
    const counts = new Map<number, number>();
    for (const p of pcts) counts.set(p.dp, (counts.get(p.dp) ?? 0) + 1);
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const p of pcts) if (p.dp !== common) ctx.report({ messageId: 'mixed', at: span(p), data: { actual: p.raw, dp: p.dp, common } });
  },
});
