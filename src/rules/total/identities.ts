/**
 * Identities among the figures a disclosure states (domain.md §3.1, stated in the text rather than the
 * tables). Data, not code: each says total = Σ parts (or total ≥ Σ parts). A part the document does not
 * state makes the identity unknown — it is skipped, never guessed. `prefix` sums every stated row
 * `prefix:code` of a breakdown (the 类 of 一般公共预算).
 */
import type { SumCheck } from '../../calc/compare.js';

interface Identity {
  name: string;
  total: string;
  parts: string[];
  /** Parts that may be absent (taken as zero when the others are stated). */
  optional?: string[];
  prefix?: string;
  rel: '=' | '>=';
  /**
   * How sure a shortfall is when optional parts go unnamed (they can only add): 'warning' where they are rare
   * and a text names them when they occur (上缴上级支出, 经营支出…), 'info' where a text commonly lists only its
   * main parts ("本年收入合计…，其中财政拨款收入…"). Default 'warning'. An excess is an error either way.
   */
  unstated?: 'warning' | 'info';
}

export const TEXT_IDENTITIES: Identity[] = [
  { name: '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余', total: '收入总计', parts: ['本年收入合计', '年初结转和结余'], optional: ['使用非财政拨款结余'], rel: '=' },
  { name: '支出总计 = 本年支出合计 + 年末结转和结余', total: '支出总计', parts: ['本年支出合计', '年末结转和结余'], rel: '=' },
  { name: '本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出', total: '本年支出合计', parts: ['基本支出', '项目支出'], optional: ['上缴上级支出', '经营支出', '对附属单位补助支出'], rel: '=' },
  { name: '本年收入合计 = 各项收入之和', total: '本年收入合计', parts: ['财政拨款收入'], optional: ['上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], rel: '=', unstated: 'info' },
  { name: '财政拨款收入 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款收入', total: '财政拨款收入', parts: ['一般公共预算财政拨款收入', '政府性基金预算财政拨款收入'], optional: ['国有资本经营预算财政拨款收入'], rel: '=' },
  { name: '一般公共预算财政拨款支出 = 各类支出之和', total: '一般公共预算财政拨款支出', parts: [], prefix: '一般公共预算财政拨款支出', rel: '=' },
  { name: '一般公共预算财政拨款基本支出 = 人员经费 + 公用经费', total: '一般公共预算财政拨款基本支出', parts: ['人员经费', '公用经费'], rel: '=' },
  { name: '“三公”经费 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费', total: '三公经费', parts: ['因公出国（境）费', '公务用车运行维护费', '公务接待费'], optional: ['公务用车购置费'], rel: '=' },
  { name: '“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费', total: '三公经费', parts: ['因公出国（境）费', '公务用车购置及运行维护费', '公务接待费'], rel: '=' },
  { name: '公务用车购置及运行维护费 = 购置费 + 运行维护费', total: '公务用车购置及运行维护费', parts: ['公务用车购置费', '公务用车运行维护费'], rel: '=' },
  { name: '政府采购支出总额 = 货物 + 工程 + 服务', total: '政府采购支出总额', parts: ['政府采购货物支出', '政府采购工程支出', '政府采购服务支出'], rel: '=' },
  { name: '授予中小企业合同金额 ≤ 政府采购支出总额', total: '政府采购支出总额', parts: ['授予中小企业合同金额'], rel: '>=' },
  { name: '授予小微企业合同金额 ≤ 授予中小企业合同金额', total: '授予中小企业合同金额', parts: ['授予小微企业合同金额'], rel: '>=' },
];

/** The same identities hold for the implied prior-year and budget figures of parts and total. */
export const BASE_IDENTITIES: Identity[] = [
  { name: '“三公”经费的比较基数 = 各分项比较基数之和', total: '三公经费', parts: ['因公出国（境）费', '公务用车运行维护费', '公务接待费'], optional: ['公务用车购置费'], rel: '=' },
  { name: '一般公共预算财政拨款支出的年初预算 = 各类年初预算之和', total: '一般公共预算财政拨款支出', parts: [], prefix: '一般公共预算财政拨款支出', rel: '=' },
];

/**
 * Parts a text does not name can only add to a sum (none is negative): a total above its named parts may be
 * them — not known to be wrong — while parts above their total are wrong whatever the unnamed ones are.
 */
export function shortByUnnamed(r: SumCheck, unnamed: string[]): boolean {
  return r.verdict === 'wrong' && unnamed.length > 0 && r.difference.isPositive();
}
