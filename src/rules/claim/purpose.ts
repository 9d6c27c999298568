/**
 * claim/purpose: what an item "主要用于" must fit its subject. A 住房公积金（项） "主要用于：事业单位医疗
 * 保险支出" is a purpose copied from another item (the Putuo defect; GovBudgetChecker R005). Only
 * subjects of a known family are judged, and only when the purpose names another family and not its own.
 */
import { defineRule } from '../define.js';
import { identityView, toSource, toSourceEnd } from '../../claims/view.js';

interface Family {
  name: string;
  subject: RegExp;
  purpose: RegExp;
}

const FAMILIES: Family[] = [
  { name: '医疗', subject: /医疗|医保/, purpose: /医疗|医保/ },
  { name: '养老', subject: /养老|职业年金|离退休|退休/, purpose: /养老|年金|退休|离休/ },
  { name: '住房', subject: /住房公积金|提租补贴|购房补贴/, purpose: /公积金|住房|购房|提租/ },
  { name: '抚恤', subject: /抚恤/, purpose: /抚恤/ },
];

const ITEM = /(?:^|\n)\s*\d{1,2}\s*[、.]\s*([^\n。]{0,40}?\((?:类)\)[^\n。]{0,40}?\((?:款)\)([^\n。]{1,40}?)\((?:项)\))[\s\S]{0,20}?主要用于\s*[:：]?\s*([^。\n]{1,80})/g;

export default defineRule({
  meta: {
    id: 'claim/purpose',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '“主要用于”的内容应与科目相符',
    basis: '上海市部门决算公开模板：具体情况逐项说明科目主要用途；GovBudgetChecker R005（住房公积金写成医疗保险）',
    messages: {
      mismatch: '“{item}（项）”主要用于“{purpose}”，说的是{other}方面的支出，与科目（{own}）不符，疑为从其他科目复制。',
    },
  },
  check(input, ctx) {
    if (!input.doc) return;
    const view = input.view ?? identityView(input.doc.norm);
    ITEM.lastIndex = 0;
    for (let m = ITEM.exec(view.text); m; m = ITEM.exec(view.text)) {
      const item = m[2].trim();
      const purpose = m[3].trim();
      const own = FAMILIES.find((f) => f.subject.test(item));
      if (!own || own.purpose.test(purpose)) continue;
      const other = FAMILIES.find((f) => f !== own && f.purpose.test(purpose));
      if (!other) continue;
      const pStart = m.index + m[0].lastIndexOf(m[3]);
      ctx.report({
        messageId: 'mismatch',
        at: { start: toSource(view, pStart), end: toSourceEnd(view, pStart + m[3].length) },
        data: { item, purpose, other: other.name, own: own.name },
        expected: `${own.name}方面的用途`,
        actual: purpose,
      });
    }
  },
});
