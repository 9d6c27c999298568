/** Chinese labels for what the API returns as codes. */
import type { Severity } from './api.js';
import { RULE_DESCRIPTIONS } from 'virtual:rule-descriptions';

export const SEVERITY: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

const GROUPS: Record<string, string> = {
  claim: '论断',
  total: '合计',
  quantity: '实物量',
  doc: '文档',
  perf: '绩效',
  table: '表格',
  cross: '跨年',
};

/** A rule's Chinese name: its description from the registry, else its group. */
export function ruleLabel(id: string): string {
  if (id === 'cross/prior-year') return '跨年：本年公开的上年数与上年公开数不一致';
  if (id === 'model/schema') return '数据格式：不符合模型要求';
  return RULE_DESCRIPTIONS[id] ?? `${GROUPS[id.split('/')[0]] ?? '其他'}规则`;
}

export function ruleGroup(id: string): string {
  return GROUPS[id.split('/')[0]] ?? '其他';
}

export const STATUS: Record<string, string> = {
  queued: '排队中',
  checking: '审核中',
  done: '已审核',
  failed: '审核失败',
};

export const FINDING_STATE: Record<string, string> = { open: '待处理', accepted: '已接受', fixed: '已修正' };

export const FORMAT: Record<string, string> = { docx: 'Word 文档', pdf: 'PDF 文档', html: '网页' };

export function money(v: string | null | undefined): string {
  return v === null || v === undefined ? '—' : v;
}
