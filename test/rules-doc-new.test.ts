/**
 * Valid/invalid cases for the text-level document rules (comparison year, punctuation, template residue,
 * body name, outdated 类 names, table presence, negative cells, required sections by document kind), on
 * small texts composed in the wordings of several regions (上海, 重庆, 江苏, 四川, 云南, 广东, 陕西, 北京).
 */
import { runRuleTests } from '../src/rules/tester.js';
import { inputFromText as t } from '../src/engine/input.js';
import type { CheckInput } from '../src/engine/types.js';
import type { ExtractedTable } from '../src/extract/table-types.js';
import type { TableKind } from '../src/model/tables.js';
import type { Row } from '../src/model/schema.js';
import comparisonYear from '../src/rules/doc/comparison-year.js';
import punctuation from '../src/rules/doc/punctuation.js';
import templateResidue from '../src/rules/doc/template-residue.js';
import bodyName from '../src/rules/doc/body-name.js';
import classNameEra from '../src/rules/doc/class-name-era.js';
import nineTables from '../src/rules/doc/nine-tables.js';
import tocTables from '../src/rules/doc/toc-tables.js';
import negativeCells from '../src/rules/doc/negative-cells.js';
import requiredSections from '../src/rules/doc/required-sections.js';
import glyphs from '../src/rules/doc/glyphs.js';

// ---------------------------------------------------------------- comparison year
runRuleTests(comparisonYear, {
  valid: [
    { name: '上海 比上年度', input: t('2024年度收入支出决算总计307.82万元，比2023年度增加10.23万元，增长3.44%。') },
    { name: '四川 与上年相比', input: t('2022年度收、支总计4125.49万元。与2021年相比，收、支总计各减少1267.86万元。') },
    { name: '重庆 与本年年初预算相比', input: t('2020年度一般公共预算财政拨款支出1,833.68万元，与2020年年初预算相比增加15.20万元。') },
    { name: '截至 is a date, not a base', input: t('2020年度部门决算。截至2018年12月31日购置的车辆，比2019年增加1辆。') },
    { name: 'a title in 《》', input: t('2020年度部门决算。依据《关于印发比2015年更严格的管理办法的通知》执行。') },
    { name: 'press items are not judged', input: { ...t('人民网北京7月18日电 国家邮政局公布2012年度部门决算，三公经费比2010年减少。'), kind: 'press' } },
  ],
  invalid: [
    { name: '重庆 较上年决算数 two years back', input: t('重庆市北碚区示例局2020年度部门决算\n2020年度收入总计1,918.25万元，较2018年决算数减少332.06万元。'), errors: [{ messageId: 'notPrevious', expected: '2019', actual: '2018' }] },
    { name: '云南 较 a later year', input: t('2022年度“三公”经费支出决算为2.61万元，较2023年增长12.3%。'), errors: [{ messageId: 'notPrevious', actual: '2023' }] },
    { name: '广东 this year’s own 决算', input: t('2019年度部门决算。“三公”经费支出17.06万元，比2019年决算数减少1.2万元。'), errors: [{ messageId: 'sameYearFinal', expected: '2018' }] },
    { name: '江苏 budget compared two years back', input: { ...t('江苏省示例厅2019年度部门预算公开。2019年度收入预算37188.34万元，比2017年预算增加1200万元。'), kind: 'dept-budget' }, errors: [{ messageId: 'notPrevious', expected: '2018' }] },
  ],
});

// ---------------------------------------------------------------- punctuation
runRuleTests(punctuation, {
  valid: [
    { name: 'ellipsis and leaders', input: t('主要用于办公费、印刷费……等支出。\n第一部分 概况。。。。。。3') },
    { name: 'list numbering 1)', input: t('1)一般公共预算收支。一般公共预算收入505.4亿元，完成预算89.8%。') },
    { name: 'balanced brackets and quotes', input: t('“三公”经费支出（含因公出国（境）费）共计43.22万元，见《部门决算表》。') },
    { name: 'excerpt cut inside a bracket', input: t('2020年度部门决算。\n根据《国务院关于') },
  ],
  invalid: [
    { name: '江苏 doubled comma', input: t('本年支出37188.34万元，，主要用于法院运行。'), errors: [{ messageId: 'doubled' }] },
    { name: '重庆 clash ；。', input: t('公务接待费2.05万元，较上年减少0.03万元；。'), errors: [{ messageId: 'clash' }] },
    { name: '上海 clash 。，', input: t('机关运行经费支出142.80万元。，主要原因是控制成本。'), errors: [{ messageId: 'clash' }] },
    { name: '四川 bracket left open', input: t('住房公积金（项）支出79.77万元（主要用于缴纳住房公积金。'), errors: [{ messageId: 'unbalanced' }] },
    { name: '广西 mixed quotes', input: t('一般公共预算财政拨款安排的“三公"经费支出2.05万元。'), errors: [{ messageId: 'unbalanced' }] },
  ],
});

// ---------------------------------------------------------------- template residue
runRuleTests(templateResidue, {
  valid: [
    { name: '各部门（单位） is ordinary', input: t('按照要求，各部门（单位）均已公开2020年度部门决算。') },
    { name: 'filled 上海 note', input: t('说明：上海市普陀区示例局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。') },
    { name: 'units and percents filled', input: t('金额单位为万元。公务接待费支出20.10万元，占88.86%。') },
  ],
  invalid: [
    { name: '上海 instruction kept', input: t('无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：'), errors: [{ messageId: 'residue' }] },
    { name: '上海 部门（单位） unchosen', input: t('截至2024年12月31日，上海市普陀区示例局部门（单位）共有车辆2辆。'), errors: [{ messageId: 'residue' }] },
    { name: '重庆 减少增加', input: t('机关运行经费支出10.23万元，较上年决算数减少增加1.5万元。'), errors: [{ messageId: 'residue' }] },
    { name: '云南 blank percent', input: t('因公出国（境）费支出决算为0元，占 %。'), errors: [{ messageId: 'residue' }] },
    { name: '上海 列明 instruction', input: t('公务用车购置支出为0万元。主要用于公务用车更新，列明公务用车购置数量。'), errors: [{ messageId: 'residue' }] },
  ],
});

// ---------------------------------------------------------------- body name
runRuleTests(bodyName, {
  valid: [
    { name: 'same chain, shorter chain, cited city bureau', input: t('上海市普陀区规划和自然资源局\n2024年度部门决算\n普陀区规划和自然资源局2024年度收入支出总计100万元。\n根据上海市规划和自然资源局的部署开展工作。') },
    { name: '楚雄州 = 楚雄彝族自治州', input: t('楚雄州农产品质量检测中心2019年度部门决算\n楚雄彝族自治州农产品质量检测中心2019年度部门决算目录') },
  ],
  invalid: [
    { name: '上海 district dropped', input: t('上海市普陀区规划和自然资源局\n2024年度部门决算\n上海市规划和自然资源局 2024年度部门决算表\n收入支出决算总表'), errors: [{ messageId: 'variant', expected: '上海市普陀区规划和自然资源局', actual: '上海市规划和自然资源局' }] },
    { name: '重庆 another district', input: t('重庆市北碚区人民政府办公室\n2020年度部门决算\n重庆市渝北区人民政府办公室2020年度收入总计1,918.25万元。'), errors: [{ messageId: 'variant', actual: '重庆市渝北区人民政府办公室' }] },
  ],
});

// ---------------------------------------------------------------- outdated 类 names
runRuleTests(classNameEra, {
  valid: [
    { name: '2020 current name', input: t('2020年度卫生健康支出（类）行政事业单位医疗（款）支出50万元。') },
    { name: '2018 old name is right then', input: t('2018年度医疗卫生与计划生育支出25.3万元，占1.2%。') },
    { name: '215 old name in 2019 (江苏 2019 budget prints it)', input: t('2019年度部门预算：资源勘探信息等支出0万元。') },
  ],
  invalid: [
    { name: '上海 2020 old 210', input: t('2020年度医疗卫生与计划生育支出25.3万元，文化体育与传媒支出3万元。'), errors: [{ messageId: 'outdated', expected: '卫生健康支出' }, { messageId: 'outdated', expected: '文化旅游体育与传媒支出' }] },
    { name: '重庆 （类） form', input: t('2019年度医疗卫生与计划生育（类）行政事业单位医疗（款）支出12万元。'), errors: [{ messageId: 'outdated', actual: '医疗卫生与计划生育(类)' }] },
  ],
});

// ---------------------------------------------------------------- complete documents for the presence rules
const NINE = ['收入支出决算总表', '收入决算表', '支出决算表', '财政拨款收入支出决算总表', '一般公共预算财政拨款支出决算表', '一般公共预算财政拨款基本支出决算表', '财政拨款“三公”经费支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表'];
const CN = '一二三四五六七八九';
const PARA = '本部分按规定说明有关情况，具体数字详见相应的决算报表。';

/** A 上海-style 部门决算, complete unless `cut`, with the given table titles in the contents and the body. */
function shanghai(o: { year?: number; toc?: string[]; tables?: string[]; cut?: boolean; skip?: string[] } = {}): string {
  const y = o.year ?? 2024;
  const toc = o.toc ?? NINE;
  const tables = o.tables ?? NINE;
  const parts = ['收入支出决算总体情况说明', '收入决算情况说明', '支出决算情况说明', '财政拨款收入支出决算总体情况说明', '一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款基本支出决算情况说明', '财政拨款“三公”经费支出决算情况说明', '政府性基金预算财政拨款支出决算情况说明', '国有资本经营预算财政拨款支出决算情况说明', '预算绩效管理情况', '其他重要事项的情况说明'].filter((p) => !(o.skip ?? []).includes(p));
  const num = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'];
  const body = [
    '上海市普陀区示例局',
    `${y}年度部门决算`,
    '目 录',
    '第一部分 上海市普陀区示例局概况',
    '一、主要职能',
    '二、部门决算单位构成',
    `第二部分 ${y}年度部门决算表`,
    ...toc.map((x, i) => `${CN[i] ?? '十'}、${x}`),
    `第三部分 ${y}年度部门决算情况说明`,
    '第四部分 名词解释',
    '第一部分 上海市普陀区示例局概况',
    '一、主要职能',
    `上海市普陀区示例局负责本区示例工作的组织协调和监督管理。`,
    '二、部门决算单位构成',
    '本部门决算包括本级决算，没有下属预算单位需要纳入编制范围。',
    `第二部分 上海市普陀区示例局${y}年度部门决算表`,
    ...tables,
    `第三部分 上海市普陀区示例局${y}年度部门决算情况说明`,
    ...parts.flatMap((p, i) => [`${num[i]}、${p}`, PARA]),
    ...['机关运行经费支出情况', '政府采购支出情况', '国有资产占有使用情况'].flatMap((p, i) => [`(${num[i]})${p}`, PARA]),
  ];
  if (!o.cut) body.push('第四部分 名词解释', '一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。', '二、事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。');
  return body.join('\n');
}

runRuleTests(nineTables, {
  valid: [
    { name: '上海 all nine', input: t(shanghai()) },
    { name: 'regional variants (云南 表5, 北京 表6, 陕西 表7, 柞水 表2/表3)', input: t(shanghai({ tables: ['收入支出决算总表', '收入决算总表', '支出决算总表', '财政拨款收支决算总表', '一般公共预算财政拨款收入支出决算表', '一般公共预算财政拨款基本支出经济分类决算表', '“三公”经费及会议费、培训费支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款收入支出决算表'] })) },
    { name: 'an excerpt is not judged', input: t(shanghai({ tables: NINE.slice(0, 4), cut: true })) },
    { name: 'a budget is not asked for 决算 tables', input: { ...t(shanghai({ tables: NINE.slice(0, 4) })), kind: 'dept-budget' } },
  ],
  invalid: [
    { name: '表6 missing', input: t(shanghai({ toc: NINE.filter((_, i) => i !== 5), tables: NINE.filter((_, i) => i !== 5) })), errors: [{ messageId: 'missing', severity: 'warning' }] },
    { name: '表9 missing in 2018: eight-table era', input: t(shanghai({ year: 2018, toc: NINE.slice(0, 8), tables: NINE.slice(0, 8) })), errors: [{ messageId: 'missingOld', severity: 'info' }] },
    { name: 'tables published elsewhere (重庆 .xlsx attachment)', input: t(shanghai({ toc: [], tables: [] })), errors: [{ messageId: 'elsewhere', severity: 'info' }] },
  ],
});

/** A 江苏-style 部门预算 (budget/js-gaoyuan-2019-budget.pdf layout). */
function jiangsuBudget(o: { tables?: string[]; skip?: string[] } = {}): string {
  const toc = ['收支预算总表', '收入预算总表', '支出预算总表', '财政拨款收支预算总表', '财政拨款支出预算表', '财政拨款基本支出预算表', '一般公共预算支出预算表', '一般公共预算基本支出预算表', '一般公共预算“三公”经费、会议费、培训费支出预算表', '政府性基金财政拨款支出预算表', '一般公共预算机关运行经费支出预算表', '政府采购支出预算表'];
  const tables = o.tables ?? ['收支预算总表', '收入预算总表', '支出预算总表', '财政拨款收支预算总表', '财政拨款支出预算表（功能科目）', '财政拨款基本支出预算表（经济科目）', '一般公共预算支出预算表（功能科目）', '一般公共预算基本支出预算表（经济科目）', '“三公”经费、会议费、培训费支出预算表', '政府性基金预算财政拨款支出预算表', '一般公共预算机关运行经费支出预算表', '政府采购支出预算表'];
  const num = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'];
  const parts = ['收支预算总体情况说明', '收入预算情况说明', '支出预算情况说明', '财政拨款收支预算总体情况说明', '财政拨款支出预算情况说明', '财政拨款基本支出预算情况说明', '一般公共预算支出预算情况说明', '一般公共预算基本支出预算情况说明', '一般公共预算“三公”经费支出预算情况说明', '政府性基金预算支出预算情况说明', '一般公共预算机关运行经费支出预算情况说明', '政府采购支出预算情况说明', '国有资产占用情况', '预算绩效目标设置情况说明'].filter((p) => !(o.skip ?? []).includes(p));
  return [
    '江苏省示例厅',
    '2019年度部门预算公开',
    '目 录',
    '第一部分 部门概况',
    '一、主要职能',
    '第二部分 2019年度部门预算表',
    ...toc.map((x, i) => `${num[i]}、${x}`),
    '第三部分 2019年度部门预算情况说明',
    '第四部分 名词解释',
    '第一部分 部门概况',
    '一、主要职能',
    '江苏省示例厅负责全省示例工作的统筹规划、组织实施和监督检查。',
    '第二部分 2019年度部门预算表',
    ...tables,
    '第三部分 2019年度部门预算情况说明',
    ...parts.flatMap((p, i) => [`${num[i]}、${p}`, '本部分说明2019年度预算安排情况及与上年相比的增减变化原因。']),
    '第四部分 名词解释',
    '一、财政拨款：指省级财政当年拨付的资金，包括一般公共预算和政府性基金预算资金，以及上年结转的财政拨款资金。',
    '二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。',
  ].join('\n');
}

runRuleTests(tocTables, {
  valid: [
    { name: '上海 all listed tables printed', input: t(shanghai()) },
    { name: '江苏 budget titles printed with variants (edit distance, suffixes, shorter title)', input: t(jiangsuBudget()) },
    { name: 'an excerpt is not judged', input: t(shanghai({ tables: NINE.slice(0, 3), cut: true })) },
  ],
  invalid: [
    { name: '上海 表9 listed, not printed', input: t(shanghai({ tables: NINE.slice(0, 8) })), errors: [{ messageId: 'absent' }] },
    { name: '江苏 政府采购支出预算表 listed, not printed', input: t(jiangsuBudget({ tables: ['收支预算总表', '收入预算总表', '支出预算总表', '财政拨款收支预算总表', '财政拨款支出预算表（功能科目）', '财政拨款基本支出预算表（经济科目）', '一般公共预算支出预算表（功能科目）', '一般公共预算基本支出预算表（经济科目）', '“三公”经费、会议费、培训费支出预算表', '政府性基金预算财政拨款支出预算表', '一般公共预算机关运行经费支出预算表'] })), errors: [{ messageId: 'absent' }] },
  ],
});

// ---------------------------------------------------------------- required sections by kind
runRuleTests(requiredSections, {
  valid: [
    { name: '上海 complete', input: t(shanghai()) },
    { name: '江苏 budget is not asked for 决算 sections', input: t(jiangsuBudget()) },
  ],
  invalid: [
    { name: '上海 三公 missing', input: t(shanghai({ skip: ['财政拨款“三公”经费支出决算情况说明'] })), errors: [{ messageId: 'missing', severity: 'warning' }] },
    { name: '江苏 budget without 政府采购', input: t(jiangsuBudget({ skip: ['政府采购支出预算情况说明'] })), errors: [{ messageId: 'missing', severity: 'warning' }] },
    { name: 'an excerpt says so', input: t(shanghai({ cut: true, skip: ['预算绩效管理情况', '其他重要事项的情况说明'] })), errors: [{ messageId: 'truncated', severity: 'info' }] },
    { name: 'a region’s 三公 total is not a disclosure', input: t('重庆市黔江区本级2017年“三公”经费决算汇总情况\n经汇总，2017年区本级一般公共预算财政拨款开支“三公”经费2,921.7万元。'), errors: [{ messageId: 'notDisclosure', severity: 'info' }] },
  ],
});

// ---------------------------------------------------------------- negative cells
function tbl(kind: TableKind, rows: Row[], confidence = 1): ExtractedTable {
  return { table: { kind, unit: '万元', rows }, title: '', cellSources: rows.map(() => ({})), rowSources: rows.map(() => ({})), confidence, confidenceNotes: [] };
}
const withTables = (tables: ExtractedTable[]): Partial<CheckInput> => ({ tables });
const t7 = (v: string) => tbl('t7', [{ name: '合计', values: { 'actual.total': v, 'actual.reception': v } }]);

runRuleTests(negativeCells, {
  valid: [
    { name: 'positive 三公', input: withTables([t7('2.05')]) },
    { name: 'a negative 年末结转和结余 can be real', input: withTables([tbl('t8', [{ code: '229', name: '其他支出', values: { opening: '0', income: '5.00', total: '6.00', closing: '-1.00' } }])]) },
    { name: 'an unreliable table is not read', input: withTables([tbl('t7', [{ name: '合计', values: { 'actual.total': '-2.05' } }], 0.5)]) },
  ],
  invalid: [
    { name: 'negative 三公', input: withTables([t7('-2.05')]), errors: [{ messageId: 'negative', actual: '-2.05' }, { messageId: 'negative' }] },
    { name: 'negative 支出 in 表5', input: withTables([tbl('t5', [{ code: '2010301', name: '行政运行', values: { total: '-3.00', basic: '-3.00', project: '0' } }])]), errors: [{ messageId: 'negative' }, { messageId: 'negative' }] },
  ],
});

// ---------------------------------------------------------------- document kind, composed titles
import { describe, it, expect } from 'vitest';
import { detectKind } from '../src/structure/kind.js';

describe('detectKind on composed titles', () => {
  const cases: [string, string][] = [
    ['上海市普陀区示例局\n2024 年度部门决算\n目 录', 'dept-final'],
    ['欢迎访问泸州市示例医院\n2023年度泸州市示例医院单位决算\n来源：泸州市示例医院', 'unit-final'],
    ['江苏省示例厅\n2019 年度部门预算公开\n目 录\n第一部分 部门概况', 'dept-budget'],
    ['重庆市示例中心2021年度单位预算情况说明\n一、单位基本情况', 'unit-budget'],
    ['2021年度部门预算公开\n一、2020年度预算执行情况\n（上年决算数为准）', 'dept-budget'],
    ['示例县2018年“三公”经费决算汇总情况\n经县财政局汇总，2018年全县“三公”经费…', 'summary'],
    ['新华社北京7月18日电 财政部今日公布中央部门决算', 'press'],
    ['关于2022年本级决算草案的报告\n主任、各位副主任、各位委员：', 'gov-final'],
    ['一、“三公”经费财政拨款支出决算总体情况说明\n2019年度“三公”经费财政拨款支出决算为17.06万元', 'sangong'],
    ['项目支出绩效自评表（2023年度）\n项目名称 | 工资性支出', 'self-eval'],
    ['通知\n请各单位于月底前报送材料。', 'unknown'],
  ];
  for (const [text, kind] of cases) {
    it(`should read "${text.split('\n')[0]}" as ${kind}`, () => {
      expect(detectKind(text)).toBe(kind);
    });
  }
});

// ---------------------------------------------------------------- unreadable characters
runRuleTests(glyphs, {
  valid: [
    { name: 'a plain-text table drawn with box lines', input: t('┌────────┬──────┐\n│基本支出│500.00│\n├────────┼──────┤\n│项目支出│300.00│\n└────────┴──────┘') },
    { name: 'ordinary text with full-width marks', input: t('2020年度部门决算。“三公”经费支出10.00万元（含因公出国（境）费）——详见附表。') },
  ],
  invalid: [
    { name: '广东 mirror mojibake', input: t('2019年度部门决算\n?。ǘ┕珓?wù)用車購置及運(yùn)行維護(hù)費(fèi)支出7.5萬元'), errors: [{ messageId: 'unreadable' }] },
    { name: 'replacement character', input: t('2020年度部门决算。公务接待费支出2.00万元，主要用于\ufffd\ufffd接待。'), errors: [{ messageId: 'unreadable' }] },
    { name: 'private-use glyphs of an unmapped font', input: t('2020年度部门决算。\ue001\ue002支出合计100.00万元。'), errors: [{ messageId: 'unreadable' }] },
    { name: 'many lines: three named, the rest counted', input: t(['一', '二', '三', '四', '五'].map((n) => `第${n}行：公务接待费支出2.00万元，主要用于\ufffd接待，较上年有所减少。${'主要原因是严格执行中央八项规定精神，厉行节约，压减非必要支出。'.repeat(4)}`).join('\n')), errors: [{ messageId: 'unreadable' }, { messageId: 'unreadable' }, { messageId: 'unreadable' }, { messageId: 'more' }] },
  ],
});
