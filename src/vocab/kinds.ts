/**
 * Vocabulary: what tells one kind of document from another (used by src/structure/kind.ts).
 * Data only: a domain expert may add a wording here without touching code. Each pattern is a regular
 * expression source matched against the text with all white space removed (so "部 门决算" still matches),
 * within the first `within` characters. The comment on each entry says where the wording comes from.
 */

export type DocKind =
  | 'dept-final'
  | 'unit-final'
  | 'dept-budget'
  | 'unit-budget'
  | 'sangong'
  | 'summary'
  | 'gov-final'
  | 'press'
  | 'self-eval'
  | 'unknown';

/** How a kind is named to users ("文档类型：部门预算"). */
export const KIND_LABELS: Record<DocKind, string> = {
  'dept-final': '部门决算',
  'unit-final': '单位决算',
  'dept-budget': '部门预算',
  'unit-budget': '单位预算',
  sangong: '“三公”经费说明（单独公开或节选）',
  summary: '汇总（地区“三公”经费等，非单个部门）',
  'gov-final': '政府决算报告',
  press: '新闻报道',
  'self-eval': '项目支出绩效自评表',
  unknown: '未识别',
};

/**
 * Kinds that are a body's own disclosure: the parts a 部门决算/部门预算 must contain are asked of them.
 * The others (press, totals, a government's report, a lone 三公 page, a self-evaluation form) are checked
 * for what they state only.
 */
export const DISCLOSURE_KINDS: DocKind[] = ['dept-final', 'unit-final', 'dept-budget', 'unit-budget'];

interface KindCue {
  kind: DocKind;
  /** Regular expression source (no flags), matched on the white-space-free text. */
  pattern: string;
  /** Only the first `within` characters are searched (a page's title region). */
  within: number;
  /** Where the wording comes from. */
  source: string;
}

/** Tried in order; the first cue that matches decides (after the checks in kind.ts that need two cues). */
export const KIND_CUES: KindCue[] = [
  // 《预算法》第七十九条: 政府决算草案 is reported to the 人大常委会; corpus text/044 (天津滨海 2022).
  { kind: 'gov-final', pattern: '决算草案|预算执行情况的报告|政府决算|总决算', within: 300, source: '预算法 第七十九条；corpus 044' },
  // Press wording: agency datelines and "了解到/获悉/有关负责人"; corpus 045 (河南 2015), 046 (人民网 2012), 047, 048.
  {
    kind: 'press',
    pattern: '人民网|新华网|新华社|中新网|记者|\\d{1,2}月\\d{1,2}日电|\\d{1,2}日[,，]?.{0,12}公布了|[从從].{2,16}(了解到|获悉)|有关负责人',
    within: 400,
    source: '新闻稿体例；corpus 045–048',
  },
  // A region's total compiled by its 财政局 ("经龙泉市财政局汇总", "决算汇总情况", "汇总情况决算表"); corpus 043, 049, 051.
  // Title region only: a department's contents may list "决算公开表（含汇总表）" (corpus 017).
  { kind: 'summary', pattern: '经.{0,12}汇总|汇总情况|决算汇总|汇总.{0,6}决算表', within: 120, source: '财预〔2016〕143号 本级“三公”经费汇总公开；corpus 043/049/051' },
  // 财预〔2020〕10号 附件 项目支出绩效自评表; 四川 layout "一级指标 二级指标 三级指标"; corpus 028, 029.
  { kind: 'self-eval', pattern: '绩效自评表|一级指标.{0,8}二级指标', within: 300, source: '财预〔2020〕10号 绩效自评表；corpus 028/029' },
];

/** A lone 三公 page names 三公 in its title region… */
export const SANGONG_TITLE = { pattern: '三公', within: 200 };
/**
 * …and none of the other parts of a disclosure anywhere (143号: 部门决算 = 报表 + 职责/机构 + 收支说明).
 * Regional wordings: 上海/云南 "概况…主要职能", 重庆 "部门基本情况…职能职责", 四川 "收入支出决算总体".
 */
export const DISCLOSURE_PARTS = '收入支出决算总体|收入决算|支出决算表|基本情况|概况|主要职能|职能职责|部门决算表|财政拨款收入支出决算';

/**
 * Budget titles: "2019年度部门预算公开" (江苏), "部门预算情况说明", "单位预算". A 决算 disclosure cites 年初预算
 * everywhere, so only a title-like wording counts, and only when no 决算 wording comes before it.
 */
export const BUDGET_TITLE = { pattern: '(部门|单位)预算(公开|情况|说明|表)|20\\d{2}年度?[^。]{0,30}?(部门|单位)预算', within: 600 };
export const FINAL_WORD = { pattern: '决算', within: 600 };

/** The title of a 决算: "2020年度部门决算", "2023年度泸州市中医医院单位决算" (四川 所属单位, 财预〔2020〕5号). */
export const FINAL_TITLE = { pattern: '20\\d{2}年度?[^。]{0,30}?(部门|单位)决算', within: 1500 };
