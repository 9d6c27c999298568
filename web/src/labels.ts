/** Chinese labels for what the API returns as codes. */
import type { Severity } from './api.js';
import { RULE_DESCRIPTIONS } from 'virtual:rule-descriptions';
import { TABLE_SPECS, type TableKind } from '../../src/model/tables.js';

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

export const STATUS: Record<string, string> = {
  queued: '排队中',
  checking: '审核中',
  done: '已审核',
  failed: '审核失败',
};

export const FINDING_STATE: Record<string, string> = { open: '待处理', accepted: '已接受', fixed: '已修正' };

export const FORMAT: Record<string, string> = { docx: 'Word 文档', pdf: 'PDF 文档', html: '网页' };

/** Chinese names of the model's fields (the editor's labels; the findings view of a model names fields with them). */
export const LABEL: Record<string, string> = {
  body: '部门', name: '名称', level: '级次', region: '地区', province: '省', city: '市', county: '区县', regionShort: '地区简称',
  year: '年度', profile: '部门概况', functions: '主要职能', institutions: '机构设置', composition: '决算单位构成',
  comparatives: '上年数与预算数', prior: '上年数', budget: '预算数', fullYearBudget: '全年预算数', actual: '决算数',
  priorReason: '较上年变动原因', budgetReason: '与预算差异原因', purpose: '主要用途', remark: '备注', reason: '原因',
  sanGong: '“三公”经费', total: '合计', abroad: '因公出国（境）费', vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费', reception: '公务接待费', quantities: '实物量', abroadGroups: '出国团组数',
  abroadPeople: '出国人次', receptionBatches: '国内公务接待批次', receptionPeople: '国内公务接待人次',
  foreignAffairsBatches: '外事接待批次', foreignAffairsPeople: '外事接待人次', foreignGuestBatches: '外宾接待批次',
  foreignGuestPeople: '外宾接待人次', vehicleCount: '公务用车保有量', vehiclesBought: '购置车辆数',
  operatingCosts: '机关运行经费', current: '本年数', meetings: '会议费', training: '培训费', assets: '国有资产占用',
  asOf: '截至日期', vehicles: '车辆（辆）', generalEquipmentOver50: '单价50万元以上通用设备（台套）',
  specialEquipmentOver100: '单价100万元以上专用设备（台套）', procurement: '政府采购', goods: '货物', works: '工程',
  services: '服务', sme: '授予中小企业合同金额', micro: '其中授予小微企业', performance: '绩效管理',
  projectCount: '自评项目数', formCount: '自评表数', funds: '资金', conclusion: '结论', keyEvaluation: '重点绩效评价',
  selfEvaluations: '项目自评表', project: '项目', department: '主管部门', implementer: '实施单位', contact: '联系方式',
  goal: '年度目标', achievement: '实际完成', indicators: '绩效指标', level1: '一级指标', level2: '二级指标',
  target: '指标值', completion: '完成值', score: '得分', weight: '权重', unit: '单位', nature: '指标性质',
  totalScore: '总分', executed: '执行数', superior: '上级资金', local: '本级资金', glossary: '名词解释', term: '名词',
  definition: '解释', text: '说明', phone: '电话', showEmptyCategories: '显示空类别',
  vehiclesPurchased: '购置公务用车（辆）', vehiclesHeld: '公务用车保有量（辆）', band: '评价档次', code: '编码',
  note: '说明', title: '标题', empty: '空表', kind: '类别',
};

export interface TableJson {
  kind: TableKind;
  unit?: string;
  rows: { key?: string; code?: string; name: string; values: Record<string, string | number | null> }[];
}

/** A model field's path ("tables.0.rows.3.values.amount") in words: 表名 › 行名 › 列名, or the field labels. */
export function fieldLabel(model: unknown, key: string): string {
  const p = key.split('.');
  if (p[0] === 'tables' && p[1] !== undefined) {
    const t = ((model as { tables?: TableJson[] })?.tables ?? [])[Number(p[1])];
    const spec = t ? TABLE_SPECS[t.kind] : undefined;
    if (!spec) return '表格';
    const row = p[2] === 'rows' && p[3] !== undefined ? t!.rows[Number(p[3])] : undefined;
    const col = p[4] === 'values' && p[5] ? spec.columns.find((c) => c.key === p[5])?.label : undefined;
    return [spec.title, row?.name, col].filter(Boolean).join(' › ');
  }
  const words = p.map((k) => (/^\d+$/.test(k) ? `第${Number(k) + 1}项` : LABEL[k])).filter(Boolean);
  return words.length > 0 ? words.join(' › ') : '整体';
}
