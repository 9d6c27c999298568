/**
 * Vocabulary: template residue — fill-in instructions and alternatives of the 部门决算 templates left in a
 * published text. Used by doc/template-residue. Data only: add an entry with the template it comes from.
 * `pattern` is a regular expression source matched on the normalised text (full-width brackets and commas
 * are ASCII there: "部门（单位）" is matched as "部门\(单位\)"); white space between characters is allowed
 * wherever `\s*` is written.
 */

interface ResidueEntry {
  pattern: string;
  /** What it is, for the message. */
  what: string;
  /** The template or rule behind it. */
  source: string;
}

export const RESIDUE: ResidueEntry[] = [
  // 上海 2024 部门决算 template (pdf/sh-template-2024-final.pdf), under 表8/表9: "无…的，仍保留该表格式，并在本表下方作下述说明".
  { pattern: '仍保留该表格式', what: '空表的填写说明', source: '上海市2024年度部门决算公开模板 表8、表9说明' },
  { pattern: '(?:并在本表下方)?作下述说明', what: '模板的填写说明', source: '上海市2024年度部门决算公开模板（“无…的部门，作下述说明”）' },
  // Same template, 三公 具体情况: "主要用于XXXX，列明公务用车购置数量" / "列明公务接待批次、人次".
  { pattern: '列明\\s*公\\s*务\\s*(?:用\\s*车\\s*购\\s*置\\s*数\\s*量|接\\s*待\\s*批\\s*次)', what: '模板的填写说明（列明…）', source: '上海市2024年度部门决算公开模板 七（二）' },
  // Same template, after every change sentence: "（如持平作持平表述）"; after 项级 items: "按上述格式依次说明到各项级科目".
  { pattern: '如持平作持平表述', what: '模板的填写说明', source: '上海市2024年度部门决算公开模板' },
  { pattern: '按上述格式依次说明', what: '模板的填写说明', source: '上海市2024年度部门决算公开模板 五（三）、八、九' },
  { pattern: '预决算持平的不用说明变动原因', what: '模板的填写说明', source: '上海市2024年度部门决算公开模板 五（三）' },
  // Same template, 名词解释: "（无事业收入的单位保留事业收入的名词解释，但不列举主要内容，以下同）".
  { pattern: '保留事业收入的名词解释', what: '模板的填写说明', source: '上海市2024年度部门决算公开模板 第四部分' },
  // Same template, 第一部分: "由主管部门根据三定方案等相关规定中有关主要职能填写".
  { pattern: '根据三定方案等相关规定中有关主要职能填写', what: '模板的填写说明', source: '上海市2024年度部门决算公开模板 第一部分' },
  // Same template, 国有资产: "XX 部门（单位）共有车辆" — the choice between 部门 and 单位 left unmade. A body speaking of
  // itself ("本部门（单位）", "部门（单位）共有车辆") has to choose; "所有的一级预算部门（单位）" (corpus 051) is ordinary.
  { pattern: '(?:本|该)\\s*部门\\s*\\(\\s*单位\\s*\\)|部门\\s*\\(\\s*单位\\s*\\)\\s*(?:共有|20\\d{2}\\s*年)', what: '“部门（单位）”二选一未作选择', source: '上海市2024年度部门决算公开模板 十一（三）；财预〔2020〕5号（部门与所属单位分别公开）' },
  // 增加（减少） with its brackets dropped: "减少增加", "增长下降", or the template's "减（增）加" collapsed to "减增加".
  { pattern: '减\\s*增\\s*加|增\\s*减\\s*少|增加\\s*减少(?!的)|减少\\s*增加|增长\\s*下降|下降\\s*增长', what: '增减两种写法并存（模板备选项未删）', source: '上海/重庆 部门决算公开模板“增加（减少）”“增长（下降）”' },
  // A blank left for a figure: "占 %", "增长 %", "为 万元".
  { pattern: '(?:占|增长|下降|增加|减少|为|的)[ \\t]*%', what: '百分比数字空缺', source: '模板的“占XX%”未填写' },
  { pattern: '(?<!单位|单位:|以)为[ \\t]+万元', what: '金额数字空缺', source: '模板的“为XXX万元”未填写' },
];
