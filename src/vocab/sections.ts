/**
 * Vocabulary: the parts each kind of disclosure must contain, in order, with the heading wordings seen
 * across regions. Used by doc/required-sections. Data only: add a regional wording to `titles` (a regular
 * expression source matched on the heading title without white space) or a part to an outline.
 *
 * A part is present when a heading with body text has one of the section `ids` (structure/sections.ts) or
 * a title matching `titles`, or when its `label` (without 情况说明) appears in the text as a paragraph.
 */

export interface OutlinePart {
  id: string;
  /** How the part is named in a finding. */
  label: string;
  /** Canonical section ids from structure/sections.ts. */
  ids?: string[];
  /** Heading wordings (regular expression source), regional variants included. */
  titles?: string;
}

export type OutlineName = 'chongqing' | 'shanghai' | 'final' | 'budget';

export const OUTLINES: Record<OutlineName, OutlinePart[]> = {
  // 重庆 部门决算公开 template (seed cq-beibei-zfb-2020; corpus 004–008): 一、部门基本情况 … 六、专业名词解释.
  // 所属单位 write 单位基本情况 (corpus 007, 008).
  chongqing: [
    { id: '基本情况', label: '部门基本情况', ids: ['基本情况'], titles: '(部门|单位)基本情况' },
    { id: '职能职责', label: '职能职责', ids: ['职能职责'] },
    { id: '机构设置', label: '机构设置', ids: ['机构设置'] },
    { id: '收支总体', label: '收入支出决算总体情况说明', ids: ['收支总体'] },
    { id: '财政拨款总体', label: '财政拨款收入支出决算总体情况说明', ids: ['财政拨款总体'] },
    { id: '一般公共预算', label: '一般公共预算财政拨款支出决算情况说明', ids: ['一般公共预算'] },
    { id: '基本支出', label: '一般公共预算财政拨款基本支出决算情况说明', ids: ['基本支出'] },
    { id: '政府性基金', label: '政府性基金预算收支决算情况说明', ids: ['政府性基金'] },
    { id: '国有资本经营', label: '国有资本经营预算财政拨款支出决算情况说明', ids: ['国有资本经营'] },
    { id: '三公', label: '“三公”经费情况说明', ids: ['三公'] },
    { id: '机关运行经费', label: '机关运行经费情况说明', ids: ['机关运行经费'] },
    { id: '国有资产', label: '国有资产占用情况说明', ids: ['国有资产'] },
    { id: '政府采购', label: '政府采购支出情况说明', ids: ['政府采购'] },
    { id: '绩效', label: '预算绩效管理情况说明', ids: ['绩效'] },
    { id: '名词解释', label: '专业名词解释', ids: ['名词解释'] },
  ],
  // 上海 2024 部门决算 template (pdf/sh-template-2024-final.pdf) and the real 普陀 documents: 第三部分 一…十一, 第四部分 名词解释.
  shanghai: [
    { id: '收支总体', label: '收入支出决算总体情况说明', ids: ['收支总体'] },
    { id: '收入决算', label: '收入决算情况说明', ids: ['收入决算'] },
    { id: '支出决算', label: '支出决算情况说明', ids: ['支出决算'] },
    { id: '财政拨款总体', label: '财政拨款收入支出决算总体情况说明', ids: ['财政拨款总体'] },
    { id: '一般公共预算', label: '一般公共预算财政拨款支出决算情况说明', ids: ['一般公共预算'] },
    { id: '基本支出', label: '一般公共预算财政拨款基本支出决算情况说明', ids: ['基本支出'] },
    { id: '三公', label: '财政拨款“三公”经费支出决算情况说明', ids: ['三公'] },
    { id: '政府性基金', label: '政府性基金预算财政拨款支出决算情况说明', ids: ['政府性基金'] },
    { id: '国有资本经营', label: '国有资本经营预算财政拨款支出决算情况说明', ids: ['国有资本经营'] },
    { id: '绩效', label: '预算绩效管理情况', ids: ['绩效'] },
    { id: '机关运行经费', label: '机关运行经费', ids: ['机关运行经费'] },
    { id: '政府采购', label: '政府采购', ids: ['政府采购'] },
    { id: '国有资产', label: '国有资产占有使用情况', ids: ['国有资产'] },
    { id: '名词解释', label: '名词解释', ids: ['名词解释'] },
  ],
  // Any other 决算 layout (四川, 云南, 广东, 安徽, 湖北, 新疆…): only what 财预〔2016〕143号 requires of every
  // 部门决算 (职责, 收支增减, 三公, 机关运行经费, 政府采购, 名词解释), under any of the regional headings.
  final: [
    { id: '职能', label: '部门职责（主要职能）', ids: ['职能职责'], titles: '主要职能|职能职责|主要职责|部门职责|职能设置' },
    { id: '收支总体', label: '收入支出决算总体情况说明', ids: ['收支总体'], titles: '收入支出决算总体|收支决算总体|收支总体|收入支出.{0,4}(情况|对比|分析)' },
    { id: '三公', label: '“三公”经费支出情况说明', ids: ['三公'] },
    { id: '机关运行经费', label: '机关运行经费情况说明', ids: ['机关运行经费'] },
    { id: '政府采购', label: '政府采购情况说明', ids: ['政府采购'] },
    { id: '名词解释', label: '名词解释', ids: ['名词解释'], titles: '名词解释|名词说明' },
  ],
  // 部门预算: 江苏 2019 (budget/js-gaoyuan-2019-budget.pdf) 第三部分 一…十四 and 第四部分 名词解释; 上海 budget template
  // (rule-ideas.md BUD-001: 预算编制说明, 三公…预算, 机关运行经费预算, 其他相关情况说明 五项: 三公, 机关运行经费, 政府采购, 绩效目标, 国有资产).
  budget: [
    { id: '职能', label: '主要职能', titles: '主要职能|职能职责|主要职责|部门职责' },
    { id: '收支总体', label: '收支预算总体情况说明', titles: '收支预算总体|收入支出预算总体|财务收支预算' },
    { id: '财政拨款总体', label: '财政拨款收支预算总体情况说明', titles: '财政拨款收支(预算)?总体' },
    { id: '三公', label: '“三公”经费预算情况说明', ids: ['三公'] },
    { id: '机关运行经费', label: '机关运行经费预算情况说明', ids: ['机关运行经费'] },
    { id: '政府采购', label: '政府采购预算情况说明', ids: ['政府采购'] },
    { id: '国有资产', label: '国有资产占用情况说明', ids: ['国有资产'] },
    { id: '绩效', label: '预算绩效目标设置情况说明', ids: ['绩效'] },
    { id: '名词解释', label: '名词解释', ids: ['名词解释'] },
  ],
};

/** Headings that mark the end of a complete disclosure (a contact section after 名词解释). */
export const END_PARTS = '联系方式|信息反馈';
