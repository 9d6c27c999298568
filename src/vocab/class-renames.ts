/**
 * Vocabulary: 支出功能分类 类 renamed over the years (《政府收支分类科目》, 财政部 yearly). Used by
 * doc/class-name-era: a document of year ≥ `from` that still prints `former` uses an outdated name.
 * Data only; each entry says why its year is what it is. Only renames we are sure of are listed.
 */

interface ClassRename {
  code: string;
  former: string;
  current: string;
  /** First document year in which `former` is outdated. */
  from: number;
  source: string;
}

export const CLASS_RENAMES: ClassRename[] = [
  // 2019年政府收支分类科目 (the 2018 institutional reform): 210, 207, 220 renamed; the 江苏 2019 budget
  // (budget/js-gaoyuan-2019-budget.pdf) already prints 卫生健康支出, 文化旅游体育与传媒支出, 自然资源海洋气象等支出.
  { code: '210', former: '医疗卫生与计划生育支出', current: '卫生健康支出', from: 2019, source: '《2019年政府收支分类科目》；domain.md §4' },
  { code: '207', former: '文化体育与传媒支出', current: '文化旅游体育与传媒支出', from: 2019, source: '《2019年政府收支分类科目》；domain.md §4' },
  { code: '220', former: '国土海洋气象等支出', current: '自然资源海洋气象等支出', from: 2019, source: '《2019年政府收支分类科目》；domain.md §4' },
  // 215: the 江苏 2019 budget still prints 资源勘探信息等支出, the 上海 2024 documents print 资源勘探工业信息等支出. The exact year
  // of the rename is not verified here: flag only from 2021 on, clear of the uncertain years.
  { code: '215', former: '资源勘探信息等支出', current: '资源勘探工业信息等支出', from: 2021, source: '《政府收支分类科目》（2019年后更名；江苏2019年预算仍用旧名）' },
];
