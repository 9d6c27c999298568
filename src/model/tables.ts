/**
 * The nine standard tables as data: canonical kind, title and its variants, columns, named rows and
 * the identities that hold inside each. Regional and era variants are data here, not code elsewhere.
 * (domain.md §1.2, §2, §3.1)
 */

export type TableKind = 't1' | 't2' | 't3' | 't4' | 't5' | 't6' | 't7' | 't8' | 't9';

export interface ColumnSpec {
  key: string;
  label: string;
  /** Other header texts that mean this column. */
  variants?: string[];
}

export interface NamedRowSpec {
  key: string;
  label: string;
  variants?: string[];
  side?: 'income' | 'expense';
}

export interface TableSpec {
  kind: TableKind;
  no: number;
  title: string;
  titleVariants: string[];
  columns: ColumnSpec[];
  /** Rows that are named rather than keyed by a classification code. */
  namedRows?: NamedRowSpec[];
  /** Rows keyed by 功能分类 (function) or 经济分类 (economic) codes. */
  codeRows?: 'function' | 'economic';
  /** Per-row identity: first column = sum of the others listed. */
  rowSum?: { total: string; parts: string[] }[];
  /** Per-row identity with terms on both sides: Σ left = Σ right (T8: 年初 + 收入 = 支出 + 年末). */
  rowBalance?: { left: string[]; right: string[] }[];
  /** Note printed when the table has no data. */
  emptyNote: string;
}

export const TABLE_SPECS: Record<TableKind, TableSpec> = {
  t1: {
    kind: 't1', no: 1, title: '收入支出决算总表', titleVariants: ['部门收支决算总表', '收支决算总表'],
    columns: [{ key: 'amount', label: '决算数', variants: ['金额', '本年决算数'] }],
    namedRows: [
      { key: 'in.general', side: 'income', label: '一般公共预算财政拨款收入', variants: ['一般公共预算财政拨款'] },
      { key: 'in.fund', side: 'income', label: '政府性基金预算财政拨款收入', variants: ['政府性基金预算财政拨款'] },
      { key: 'in.capital', side: 'income', label: '国有资本经营预算财政拨款收入', variants: ['国有资本经营预算财政拨款'] },
      { key: 'in.superior', side: 'income', label: '上级补助收入' },
      { key: 'in.business', side: 'income', label: '事业收入' },
      { key: 'in.operating', side: 'income', label: '经营收入' },
      { key: 'in.subordinate', side: 'income', label: '附属单位上缴收入' },
      { key: 'in.other', side: 'income', label: '其他收入' },
      { key: 'in.total', side: 'income', label: '本年收入合计' },
      { key: 'in.nonfiscal', side: 'income', label: '使用非财政拨款结余', variants: ['用事业基金弥补收支差额', '使用非财政拨款结余（含专用结余）'] },
      { key: 'in.opening', side: 'income', label: '年初结转和结余' },
      { key: 'in.grand', side: 'income', label: '收入总计', variants: ['总计'] },
      { key: 'out.total', side: 'expense', label: '本年支出合计' },
      { key: 'out.distribution', side: 'expense', label: '结余分配' },
      { key: 'out.closing', side: 'expense', label: '年末结转和结余' },
      { key: 'out.grand', side: 'expense', label: '支出总计', variants: ['总计'] },
    ],
    codeRows: 'function',
    emptyNote: '本部门本年度无收支，故本表为空表。',
  },
  t2: {
    kind: 't2', no: 2, title: '收入决算表', titleVariants: ['收入决算总表'],
    columns: [
      { key: 'total', label: '本年收入合计', variants: ['合计'] },
      { key: 'fiscal', label: '财政拨款收入' },
      { key: 'superior', label: '上级补助收入' },
      { key: 'business', label: '事业收入' },
      { key: 'operating', label: '经营收入' },
      { key: 'subordinate', label: '附属单位上缴收入' },
      { key: 'other', label: '其他收入' },
    ],
    codeRows: 'function',
    rowSum: [{ total: 'total', parts: ['fiscal', 'superior', 'business', 'operating', 'subordinate', 'other'] }],
    emptyNote: '本部门本年度无收入，故本表为空表。',
  },
  t3: {
    kind: 't3', no: 3, title: '支出决算表', titleVariants: ['支出决算总表'],
    columns: [
      { key: 'total', label: '本年支出合计', variants: ['合计'] },
      { key: 'basic', label: '基本支出' },
      { key: 'project', label: '项目支出' },
      { key: 'remit', label: '上缴上级支出' },
      { key: 'operating', label: '经营支出' },
      { key: 'subsidy', label: '对附属单位补助支出' },
    ],
    codeRows: 'function',
    rowSum: [{ total: 'total', parts: ['basic', 'project', 'remit', 'operating', 'subsidy'] }],
    emptyNote: '本部门本年度无支出，故本表为空表。',
  },
  t4: {
    kind: 't4', no: 4, title: '财政拨款收入支出决算总表', titleVariants: ['财政拨款收支决算总表'],
    columns: [
      { key: 'total', label: '合计', variants: ['小计'] },
      { key: 'general', label: '一般公共预算财政拨款' },
      { key: 'fund', label: '政府性基金预算财政拨款' },
      { key: 'capital', label: '国有资本经营预算财政拨款' },
    ],
    namedRows: [
      { key: 'in.general', side: 'income', label: '一般公共预算财政拨款' },
      { key: 'in.fund', side: 'income', label: '政府性基金预算财政拨款' },
      { key: 'in.capital', side: 'income', label: '国有资本经营预算财政拨款' },
      { key: 'in.total', side: 'income', label: '本年收入合计' },
      { key: 'in.opening', side: 'income', label: '年初财政拨款结转和结余' },
      { key: 'in.grand', side: 'income', label: '收入总计', variants: ['总计'] },
      { key: 'out.total', side: 'expense', label: '本年支出合计' },
      { key: 'out.closing', side: 'expense', label: '年末财政拨款结转和结余' },
      { key: 'out.grand', side: 'expense', label: '支出总计', variants: ['总计'] },
    ],
    codeRows: 'function',
    rowSum: [{ total: 'total', parts: ['general', 'fund', 'capital'] }],
    emptyNote: '本部门本年度无财政拨款收支，故本表为空表。',
  },
  t5: {
    kind: 't5', no: 5, title: '一般公共预算财政拨款支出决算表',
    titleVariants: ['一般公共预算财政拨款收入支出决算表', '一般公共预算财政拨款支出决算明细表'],
    columns: [
      { key: 'total', label: '合计', variants: ['小计', '支出合计'] },
      { key: 'basic', label: '基本支出' },
      { key: 'project', label: '项目支出' },
    ],
    codeRows: 'function',
    rowSum: [{ total: 'total', parts: ['basic', 'project'] }],
    emptyNote: '本部门本年度无一般公共预算财政拨款支出，故本表为空表。',
  },
  t6: {
    kind: 't6', no: 6, title: '一般公共预算财政拨款基本支出决算表',
    titleVariants: ['一般公共预算财政拨款基本支出决算明细表', '一般公共预算财政拨款基本支出经济分类决算表'],
    columns: [{ key: 'amount', label: '决算数' }],
    namedRows: [
      { key: 'personnel', label: '人员经费合计', variants: ['人员经费'] },
      { key: 'public', label: '公用经费合计', variants: ['公用经费'] },
      { key: 'total', label: '基本支出合计', variants: ['合计'] },
    ],
    codeRows: 'economic',
    emptyNote: '本部门本年度无一般公共预算财政拨款基本支出，故本表为空表。',
  },
  t7: {
    kind: 't7', no: 7, title: '一般公共预算财政拨款“三公”经费支出决算表',
    titleVariants: ['财政拨款“三公”经费支出决算表', '“三公”经费支出决算表', '一般公共预算安排的“三公”经费支出决算表'],
    columns: [
      { key: 'budget.total', label: '预算数·合计' },
      { key: 'budget.abroad', label: '预算数·因公出国（境）费' },
      { key: 'budget.vehicle', label: '预算数·公务用车购置及运行维护费·小计' },
      { key: 'budget.purchase', label: '预算数·公务用车购置费' },
      { key: 'budget.operation', label: '预算数·公务用车运行维护费' },
      { key: 'budget.reception', label: '预算数·公务接待费' },
      { key: 'actual.total', label: '决算数·合计' },
      { key: 'actual.abroad', label: '决算数·因公出国（境）费' },
      { key: 'actual.vehicle', label: '决算数·公务用车购置及运行维护费·小计' },
      { key: 'actual.purchase', label: '决算数·公务用车购置费' },
      { key: 'actual.operation', label: '决算数·公务用车运行维护费' },
      { key: 'actual.reception', label: '决算数·公务接待费' },
    ],
    rowSum: [
      { total: 'budget.total', parts: ['budget.abroad', 'budget.vehicle', 'budget.reception'] },
      { total: 'budget.vehicle', parts: ['budget.purchase', 'budget.operation'] },
      { total: 'actual.total', parts: ['actual.abroad', 'actual.vehicle', 'actual.reception'] },
      { total: 'actual.vehicle', parts: ['actual.purchase', 'actual.operation'] },
    ],
    emptyNote: '本部门本年度无“三公”经费支出，故本表为空表。',
  },
  t8: {
    kind: 't8', no: 8, title: '政府性基金预算财政拨款收入支出决算表', titleVariants: ['政府性基金预算财政拨款支出决算表'],
    columns: [
      { key: 'opening', label: '年初结转和结余' },
      { key: 'income', label: '本年收入' },
      { key: 'total', label: '本年支出·合计' },
      { key: 'basic', label: '本年支出·基本支出' },
      { key: 'project', label: '本年支出·项目支出' },
      { key: 'closing', label: '年末结转和结余' },
    ],
    codeRows: 'function',
    rowSum: [{ total: 'total', parts: ['basic', 'project'] }],
    rowBalance: [{ left: ['opening', 'income'], right: ['total', 'closing'] }],
    emptyNote: '本部门本年度无政府性基金预算财政拨款收入和支出，故本表为空表。',
  },
  t9: {
    kind: 't9', no: 9, title: '国有资本经营预算财政拨款支出决算表', titleVariants: ['国有资本经营预算财政拨款收入支出决算表'],
    columns: [
      { key: 'total', label: '合计', variants: ['本年支出合计'] },
      { key: 'basic', label: '基本支出' },
      { key: 'project', label: '项目支出' },
    ],
    codeRows: 'function',
    rowSum: [{ total: 'total', parts: ['basic', 'project'] }],
    emptyNote: '本部门本年度无国有资本经营预算财政拨款支出，故本表为空表。',
  },
};

export const TABLE_KINDS = Object.keys(TABLE_SPECS) as TableKind[];
