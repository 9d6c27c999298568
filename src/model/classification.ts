/**
 * 政府收支分类科目 — the subjects a disclosure names, year-versioned where names changed (domain.md §4).
 * Only what we are sure of is listed; unknown codes are "unverified", never wrong. Tables' own code/name
 * pairs extend this at run time.
 */

interface ClassName {
  code: string;
  name: string;
  /** Names used in earlier years (with the last year they were used, where known). */
  former?: { name: string; until?: number }[];
}

/** 支出功能分类 类 (3-digit), 2020 order. */
const FUNCTION_CLASSES: ClassName[] = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出', former: [{ name: '文化体育与传媒支出', until: 2018 }] },
  { code: '208', name: '社会保障和就业支出' },
  { code: '209', name: '社会保险基金支出' },
  { code: '210', name: '卫生健康支出', former: [{ name: '医疗卫生与计划生育支出', until: 2018 }, { name: '医疗卫生支出' }] },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出', former: [{ name: '城乡社区事务支出' }] },
  { code: '213', name: '农林水支出', former: [{ name: '农林水事务支出' }] },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探工业信息等支出', former: [{ name: '资源勘探信息等支出', until: 2018 }] },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出', former: [{ name: '金融监管等事务支出' }] },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出', former: [{ name: '国土海洋气象等支出', until: 2018 }] },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出', former: [{ name: '粮油物资储备事务支出' }] },
  { code: '223', name: '国有资本经营预算支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
  { code: '234', name: '抗疫特别国债安排的支出' },
];

/** Loose key for matching names: 与/和 and brackets folded, spaces dropped. */
function nameKey(name: string): string {
  return name.replace(/[与及]/g, '和').replace(/[()（）\s]/g, '');
}

const BY_KEY = new Map<string, string>();
for (const c of FUNCTION_CLASSES) {
  BY_KEY.set(nameKey(c.name), c.code);
  for (const f of c.former ?? []) BY_KEY.set(nameKey(f.name), c.code);
}

/** Code of a 类 by its (possibly older or loosely written) name. */
export function classCodeByName(name: string): string | null {
  return BY_KEY.get(nameKey(name)) ?? null;
}

export function className(code: string): string | null {
  return FUNCTION_CLASSES.find((c) => c.code === code)?.name ?? null;
}

/** All class names (current and former) for building matchers, longest first. */
export function allClassNames(): string[] {
  const names = FUNCTION_CLASSES.flatMap((c) => [c.name, ...(c.former ?? []).map((f) => f.name)]);
  // The seed writes 社会保障与就业支出: add 与-variants of 和-names.
  const variants = names.filter((n) => n.includes('和')).map((n) => n.replace('和', '与'));
  return [...new Set([...names, ...variants])].sort((a, b) => b.length - a.length);
}
