/**
 * The data of the 上海 2024 style (sh-template-2024-final.pdf): part and section titles, the table
 * notes (注：本表反映…), the empty-section sentences, the vehicle names. The handlers in
 * ./explain.ts only arrange these with the model's figures; a third style copies this file.
 */
import type { TableKind } from '../../model/tables.js';
import { VEHICLE_TYPES } from '../../model/schema.js';

export const PARTS = {
  profile: (name: string) => `第一部分　${name}概况`,
  tables: (name: string, year: number) => `第二部分　${name}${year}年度部门决算表`,
  explain: (name: string, year: number) => `第三部分　${name}${year}年度部门决算情况说明`,
  glossary: '第四部分　名词解释',
} as const;

export const PROFILE_SECTIONS = { functions: '一、主要职能', composition: '二、部门决算单位构成' } as const;

/** 第二部分: table titles without the year (the template's), in order. */
export const TABLE_TITLES: Record<TableKind, string> = {
  t1: '收入支出决算总表',
  t2: '收入决算表',
  t3: '支出决算表',
  t4: '财政拨款收入支出决算总表',
  t5: '一般公共预算财政拨款支出决算表',
  t6: '一般公共预算财政拨款基本支出决算表',
  t7: '财政拨款“三公”经费支出决算表',
  t8: '政府性基金预算财政拨款收入支出决算表',
  t9: '国有资本经营预算财政拨款收入支出决算表',
};

/** The note under each table. */
export const TABLE_NOTES: Record<TableKind, string> = {
  t1: '注：本表反映部门本年度的总收支和年末结转结余情况。',
  t2: '注：本表反映部门本年度取得的各项收入情况。',
  t3: '注：本表反映部门本年度各项支出情况。',
  t4: '注：本表反映部门本年度财政拨款总收支和结转结余情况。',
  t5: '注：本表反映部门本年度一般公共预算财政拨款支出情况。',
  t6: '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。',
  t7: '注：本表反映部门本年度“三公”经费支出预决算情况。',
  t8: '注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。',
  t9: '注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。',
};

/** 空表说明 (the template's wording) for the tables that may be empty. */
export const EMPTY_NOTES: Partial<Record<TableKind, (name: string) => string>> = {
  t7: (n) => `说明：${n}本年度没有财政拨款“三公”经费支出，故本表无数据。`,
  t8: (n) => `说明：${n}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。`,
  t9: (n) => `说明：${n}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。`,
};

/** 第三部分's eleven sections. */
export const EXPLAIN = {
  overall: '一、收入支出决算总体情况说明',
  income: '二、收入决算情况说明',
  expense: '三、支出决算情况说明',
  fiscal: '四、财政拨款收入支出决算总体情况说明',
  general: '五、一般公共预算财政拨款支出决算情况说明',
  generalOverall: '（一）一般公共预算财政拨款支出决算总体情况',
  generalStructure: '（二）一般公共预算财政拨款支出决算结构情况',
  generalDetail: '（三）一般公共预算财政拨款支出决算具体情况',
  basic: '六、一般公共预算财政拨款基本支出决算情况说明',
  sanGong: '七、财政拨款“三公”经费支出决算情况说明',
  sanGongOverall: '（一）“三公”经费财政拨款支出决算总体情况说明',
  sanGongDetail: '（二）“三公”经费财政拨款支出决算具体情况说明',
  fund: '八、政府性基金预算财政拨款收入支出决算情况说明',
  capital: '九、国有资本经营预算财政拨款收入支出决算情况说明',
  performance: '十、预算绩效管理情况',
  other: '十一、其他重要事项的情况说明',
  operating: '（一）机关运行经费支出情况',
  procurement: '（二）政府采购支出情况',
  assets: '（三）国有资产占有使用情况说明',
} as const;

/** Sentences for a department without the item (template: "无…的部门，作下述说明"). */
export const NONE = {
  sanGong: (n: string, y: number) => `${n}${y}年度无“三公”经费财政拨款支出。`,
  fund: (n: string, y: number) => `${n}${y}年度无政府性基金预算财政拨款收入和支出。`,
  capital: (n: string, y: number) => `${n}${y}年度无国有资本经营预算财政拨款收入和支出。`,
  operating: (n: string, y: number) => `${n}${y}年度无机关运行经费支出。`,
} as const;

/** Vehicle classes as the Shanghai template names them (model key → printed name). */
export const VEHICLE_NAMES: Record<(typeof VEHICLE_TYPES)[number], string> = {
  '副部（省）级及以上领导用车': '部级领导干部用车',
  主要领导干部用车: '主要领导干部用车',
  机要通信用车: '机要通信用车',
  应急保障用车: '应急保障用车',
  执法执勤用车: '执法执勤用车',
  特种专业技术用车: '特种专业技术用车',
  离退休干部用车: '离退休干部用车',
  其他用车: '其他用车',
};

/**
 * Style data the common model has no field for, kept in `style.wording` under these keys: the units
 * of the 单位构成 table (one a line), and the reserved-procurement sentence's further amounts.
 */
export const WORDING_KEYS = { units: '单位构成' } as const;
