/**
 * Binding: when the words between a subject and a figure say what the figure is, and when they do not.
 *
 * A figure becomes part of a claim only when every word between it and its subject is a word of the
 * claim grammar (fillers such as 为/支出/决算/合计/其中, punctuation) — an unknown word in between means the
 * figure may be about something else, and it is left unbound (abstained on). The words also give the
 * figure's measure: 年初预算 / 全年预算 / 上年 / 决算 (actual).
 */

/** Words that may stand between a subject and its figure without changing what the figure is about. */
const FILLER_WORDS = [
  '其中', '分别', '各', '合计', '共计', '总计', '小计', '总额', '累计', '共', '计', '为', '是', '达到', '达', '约', '了', '的', '其',
  '本年度', '本年', '全年', '当年', '年度', '本部门', '本单位', '部门', '单位', '我局', '我院', '我委', '我办', '本局', '本院',
  '本委', '本办', '全局', '全院', '支出', '收入', '决算数', '决算', '实际', '完成数', '数', '金额', '资金', '情况', '如下',
  '发生', '列支', '实现', '较', '比', '与', '同', '相比', '同比', '同期', '上年', '年初', '预算', '调整后', '调整', '执行',
  '完成', '占', '比重', '比例', '元', '万元', '亿元', '和', '及', '一般公共预算财政拨款', '财政拨款', '安排', '中', '在',
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FILLER_RE = new RegExp(
  [...FILLER_WORDS].sort((a, b) => b.length - a.length).map(esc).join('|'),
  'g',
);
/** What may remain after fillers are removed: spaces and punctuation that do not end a clause. */
const NEUTRAL = /^[\s,，、:：()（）“”"'‘’[\]【】《》·.\-—]*$/;

/** True when `gap` holds only words of the claim grammar (so a figure after it binds to the subject before it). */
export function isFiller(gap: string): boolean {
  if (gap.length === 0) return true;
  if (gap.length > 40) return false;
  if (/\d/.test(gap)) return false;
  return NEUTRAL.test(gap.replace(FILLER_RE, ''));
}

export type Measure = 'actual' | 'budget' | 'fullYearBudget' | 'prior';

/** The measure the words before a figure give it (null: nothing said, i.e. the subject's own measure). */
export function measureOf(gap: string): Measure | null {
  if (/全年预算|调整后?预算|预算调整/.test(gap)) return 'fullYearBudget';
  if (/预算/.test(gap) && !/决算/.test(gap.slice(gap.lastIndexOf('预算')))) return 'budget';
  if (/上年/.test(gap)) return 'prior';
  if (/决算/.test(gap)) return 'actual';
  return null;
}

/**
 * Characters right before a subject word that leave the word a subject of its own ("其中：基本支出",
 * "本部门收入", "2020年度财政拨款收入"). Anything else glued to it makes a longer, unknown term
 * ("国有资本经营预算财政拨款收入" is not 财政拨款收入; "单位预留机动经费" is not 经费).
 */
const PREFIX_OK = /(?:其中|中|调整|部门决算|单位决算|决算|本年度|本年|年度|年|全年|当年|本部门|部门|本单位|单位|我局|我院|我委|我办|本局|本院|本委|本办|全局|全院|的|是|为|及|和|与|或|共|即|含|包括|用于|年初|年末|累计|合计|此外|另外|其|该|上述|以及|主要|分别|各|未发生|发生|一般公共预算财政拨款|财政拨款)$/;

/** A body's name right before the subject ("国家邮政局收入总计", "我院支出合计"): the name ends in an organ's word. */
const ORGAN_END = /(?:局|院|委|办|厅|中心|园|校|所|站|队|馆|署|政府|学院|大学|医院|委员会|办公室)$/;

export function boundLeft(before: string): boolean {
  const last = before.slice(-1);
  if (!last || !/[\u3400-\u9fff]/.test(last)) return true;
  const tail = before.slice(-12);
  return PREFIX_OK.test(tail) || ORGAN_END.test(tail);
}

/** Distributive wording ("各是A,B万元", "各下降X%、Y%", "分别为…"): figures in a list, paired with subjects in a list. */
export const DISTRIBUTIVE = /(?:各|分别)(?:是|为|减少|增加|下降|增长|上升|降低|占)?\s*(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:万元|元|%)?\s*[、,和及]\s*\d/;
