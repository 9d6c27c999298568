/**
 * Canonical concepts: the subjects that figures in a disclosure are about. The generator reads a concept's
 * current value from the model; the claim extractor resolves the words of a sentence to a concept id; the
 * rules compare the two. Prior-year and budget figures live in model.comparatives under the same id.
 *
 * Function-classification subjects are written `<concept>:<code>`, e.g. `一般公共预算财政拨款支出:201`.
 */
import type { Disclosure, Table, Row, Amount } from './schema.js';
import type { TableKind } from './tables.js';
import { parseAmount, type Dec } from '../calc/money.js';
import VOCAB from '../vocab/subjects.json' with { type: 'json' };

interface ConceptDef {
  id: string;
  /** Other ways documents name it (after normalisation). */
  synonyms: string[];
  /** Where the current value lives. */
  source?: { table: TableKind; row: string; col: string } | { path: (m: Disclosure) => Amount | null | undefined };
  /** The concept that a share of this one is taken of (explicit denominator). */
  shareOf?: string;
}

const t = (table: TableKind, row: string, col: string) => ({ table, row, col });

export const CONCEPTS: ConceptDef[] = [
  { id: '收入总计', synonyms: ['收入总计'], source: t('t1', 'in.grand', 'amount') },
  { id: '支出总计', synonyms: ['支出总计'], source: t('t1', 'out.grand', 'amount') },
  { id: '收支总计', synonyms: ['收支总计', '收入支出总计', '收、支总计', '收入支出总体', '收支总体'], source: t('t1', 'in.grand', 'amount') },
  { id: '本年收入合计', synonyms: ['本年收入合计', '收入合计', '本年收入'], source: t('t1', 'in.total', 'amount') },
  { id: '本年支出合计', synonyms: ['本年支出合计', '支出合计', '本年支出'], source: t('t1', 'out.total', 'amount') },
  { id: '财政拨款收入', synonyms: ['财政拨款收入'], source: t('t2', 'total', 'fiscal'), shareOf: '本年收入合计' },
  { id: '上级补助收入', synonyms: ['上级补助收入'], source: t('t1', 'in.superior', 'amount'), shareOf: '本年收入合计' },
  { id: '事业收入', synonyms: ['事业收入'], source: t('t1', 'in.business', 'amount'), shareOf: '本年收入合计' },
  { id: '经营收入', synonyms: ['经营收入'], source: t('t1', 'in.operating', 'amount'), shareOf: '本年收入合计' },
  { id: '附属单位上缴收入', synonyms: ['附属单位上缴收入'], source: t('t1', 'in.subordinate', 'amount'), shareOf: '本年收入合计' },
  { id: '其他收入', synonyms: ['其他收入'], source: t('t1', 'in.other', 'amount'), shareOf: '本年收入合计' },
  { id: '使用非财政拨款结余', synonyms: ['使用非财政拨款结余'], source: t('t1', 'in.nonfiscal', 'amount') },
  { id: '基本支出', synonyms: ['基本支出'], source: t('t3', 'total', 'basic'), shareOf: '本年支出合计' },
  { id: '上缴上级支出', synonyms: ['上缴上级支出'], source: t('t3', 'total', 'remit'), shareOf: '本年支出合计' },
  { id: '对附属单位补助支出', synonyms: ['对附属单位补助支出'], source: t('t3', 'total', 'subsidy'), shareOf: '本年支出合计' },
  { id: '项目支出', synonyms: ['项目支出'], source: t('t3', 'total', 'project'), shareOf: '本年支出合计' },
  { id: '经营支出', synonyms: ['经营支出'], source: t('t3', 'total', 'operating'), shareOf: '本年支出合计' },
  { id: '年初结转和结余', synonyms: ['年初结转和结余', '年初结转结余'], source: t('t1', 'in.opening', 'amount') },
  { id: '年末结转和结余', synonyms: ['年末结转和结余', '年末结转结余'], source: t('t1', 'out.closing', 'amount') },
  { id: '财政拨款收支总计', synonyms: ['财政拨款收、支总计', '财政拨款收支总计', '财政拨款收入支出总计'], source: t('t4', 'in.grand', 'total') },
  { id: '一般公共预算财政拨款收入', synonyms: ['一般公共预算财政拨款收入'], source: t('t4', 'in.general', 'general') },
  { id: '国有资本经营预算财政拨款收入', synonyms: ['国有资本经营预算财政拨款收入'], source: t('t4', 'in.capital', 'capital') },
  { id: '财政拨款支出', synonyms: ['财政拨款支出'], source: t('t4', 'out.total', 'total') },
  { id: '一般公共预算财政拨款支出', synonyms: ['一般公共预算财政拨款支出'], source: t('t5', 'total', 'total') },
  { id: '一般公共预算财政拨款基本支出', synonyms: ['一般公共预算财政拨款基本支出', '一般公共财政拨款基本支出'], source: t('t5', 'total', 'basic') },
  { id: '一般公共预算财政拨款项目支出', synonyms: ['一般公共预算财政拨款项目支出'], source: t('t5', 'total', 'project') },
  { id: '年初财政拨款结转和结余', synonyms: ['年初财政拨款结转和结余'], source: t('t4', 'in.opening', 'total') },
  { id: '一般公共预算财政拨款年初结转和结余', synonyms: ['一般公共预算财政拨款年初结转和结余'], source: t('t4', 'in.opening', 'general') },
  { id: '一般公共预算财政拨款年末结转和结余', synonyms: ['一般公共预算财政拨款年末结转和结余', '年末一般公共预算财政拨款结转和结余'], source: t('t4', 'out.closing', 'general') },
  { id: '人员经费', synonyms: ['人员经费'], source: t('t6', 'personnel', 'amount') },
  { id: '公用经费', synonyms: ['公用经费'], source: t('t6', 'public', 'amount') },
  { id: '政府性基金预算财政拨款年初结转和结余', synonyms: ['政府性基金预算财政拨款年初结转结余', '政府性基金预算财政拨款年初结转和结余'], source: t('t8', 'total', 'opening') },
  { id: '政府性基金预算财政拨款年末结转和结余', synonyms: ['政府性基金预算财政拨款年末结转结余', '政府性基金预算财政拨款年末结转和结余'], source: t('t8', 'total', 'closing') },
  { id: '政府性基金预算财政拨款收入', synonyms: ['政府性基金预算财政拨款收入'], source: t('t8', 'total', 'income') },
  { id: '政府性基金预算财政拨款支出', synonyms: ['政府性基金预算财政拨款支出'], source: t('t8', 'total', 'total') },
  { id: '国有资本经营预算财政拨款支出', synonyms: ['国有资本经营预算财政拨款支出'], source: t('t9', 'total', 'total') },
  { id: '三公经费', synonyms: ['“三公”经费', '三公经费', '"三公"经费'], source: { path: (m) => m.sanGong.total.actual } },
  { id: '因公出国（境）费', synonyms: ['因公出国（境）费', '因公出国(境)费', '因公出国（境）费用', '因公出国费'], source: { path: (m) => m.sanGong.abroad.actual }, shareOf: '三公经费' },
  { id: '公务用车购置费', synonyms: ['公务用车购置费', '公务车购置费'], source: { path: (m) => m.sanGong.vehiclePurchase.actual }, shareOf: '三公经费' },
  { id: '公务用车运行维护费', synonyms: ['公务用车运行维护费', '公务车运行维护费'], source: { path: (m) => m.sanGong.vehicleOperation.actual }, shareOf: '三公经费' },
  {
    id: '公务用车购置及运行维护费',
    synonyms: ['公务用车购置及运行维护费', '公务用车购置及运行费', '公务车购置及运行维护费'],
    source: { path: (m) => sumOf(m.sanGong.vehiclePurchase.actual, m.sanGong.vehicleOperation.actual) },
    shareOf: '三公经费',
  },
  { id: '公务接待费', synonyms: ['公务接待费'], source: { path: (m) => m.sanGong.reception.actual }, shareOf: '三公经费' },
  { id: '机关运行经费', synonyms: ['机关运行经费'], source: { path: (m) => m.operatingCosts.current } },
  { id: '会议费', synonyms: ['会议费'], source: { path: (m) => m.meetings.current } },
  { id: '培训费', synonyms: ['培训费'], source: { path: (m) => m.training.current } },
  { id: '政府采购支出总额', synonyms: ['政府采购支出总额', '政府采购支出'], source: { path: (m) => m.procurement.total } },
  { id: '政府采购货物支出', synonyms: ['政府采购货物支出'], source: { path: (m) => m.procurement.goods }, shareOf: '政府采购支出总额' },
  { id: '政府采购工程支出', synonyms: ['政府采购工程支出'], source: { path: (m) => m.procurement.works }, shareOf: '政府采购支出总额' },
  { id: '政府采购服务支出', synonyms: ['政府采购服务支出'], source: { path: (m) => m.procurement.services }, shareOf: '政府采购支出总额' },
  { id: '授予中小企业合同金额', synonyms: ['授予中小企业合同金额'], source: { path: (m) => m.procurement.sme }, shareOf: '政府采购支出总额' },
  { id: '授予小微企业合同金额', synonyms: ['授予小微企业合同金额'], source: { path: (m) => m.procurement.micro }, shareOf: '政府采购支出总额' },
  { id: '绩效自评资金', synonyms: ['涉及资金'], source: { path: (m) => m.performance.funds } },
];

/** Sum of two stated amounts (null when either is not stated). */
function sumOf(a: Amount | null | undefined, b: Amount | null | undefined): string | null {
  const x = a === null || a === undefined ? null : parseAmount(a);
  const y = b === null || b === undefined ? null : parseAmount(b);
  return x && y ? x.add(y).toFixed() : null;
}

// Wordings kept as data (src/vocab/subjects.json): regional and era variants a domain expert extends.
for (const [id, words] of Object.entries(VOCAB.synonyms)) {
  const def = CONCEPTS.find((c) => c.id === id);
  if (!def) throw new Error(`src/vocab/subjects.json: unknown concept ${id}`);
  for (const w of words) if (!def.synonyms.includes(w.word)) def.synonyms.push(w.word);
}

/** Words that name a share's denominator ("占总支出的…") → concept id. */
export const SHARE_DENOMINATORS: Record<string, string> = Object.fromEntries(Object.entries(VOCAB.shareDenominators).filter(([k]) => !k.startsWith('$')));

export const CONCEPT_BY_ID: Map<string, ConceptDef> = new Map(CONCEPTS.map((c) => [c.id, c]));

/** Find a table of a kind in the model. */
export function findTable(m: Pick<Disclosure, 'tables'>, kind: TableKind): Table | undefined {
  return m.tables.find((t) => t.kind === kind);
}

/** Find a row by canonical key, or by code, or the 合计 row for key 'total'. */
export function findRow(table: Table, row: string): Row | undefined {
  if (/^\d+$/.test(row)) return table.rows.find((r) => r.code === row);
  return table.rows.find((r) => r.key === row) ?? (row === 'total' ? table.rows.find((r) => !r.code && /^合\s*计$/.test(r.name)) : undefined);
}

export function cellValue(m: Pick<Disclosure, 'tables'>, kind: TableKind, row: string, col: string): Dec | null {
  const table = findTable(m, kind);
  if (!table) return null;
  const r = findRow(table, row);
  if (!r) return null;
  const v = r.values[col];
  if (v === undefined || v === null) return null;
  return parseAmount(v);
}

/**
 * Current value of a concept in the model, or null when the model does not state it.
 * `X:code` reads the code row of the table behind X (一般公共预算财政拨款支出:201 → T5 row 201).
 */
export function conceptValue(m: Disclosure, id: string): Dec | null {
  const [base, code] = id.split(':');
  const def = CONCEPT_BY_ID.get(base);
  if (!def?.source) return null;
  if ('path' in def.source) {
    const v = def.source.path(m);
    return v === undefined || v === null ? null : parseAmount(v);
  }
  return cellValue(m, def.source.table, code ?? def.source.row, def.source.col);
}

/** Prior-year, budget and full-year-budget figures of a concept. */
export function comparative(m: Disclosure, id: string, basis: 'prior' | 'budget' | 'fullYearBudget'): Dec | null {
  // 公务用车购置及运行维护费 is its two parts, as its current value is (sumOf): stated when both are.
  if (id === '公务用车购置及运行维护费') {
    const a = comparative(m, '公务用车购置费', basis);
    const b = comparative(m, '公务用车运行维护费', basis);
    return a && b ? a.add(b) : null;
  }
  const item = sectionItem(m, id);
  const c = item ?? m.comparatives[id];
  const v = (c as Record<string, Amount | null | undefined> | undefined)?.[basis];
  return v === undefined || v === null ? null : parseAmount(v);
}

/** Concepts whose prior/budget figures live in their own model section rather than in comparatives. */
function sectionItem(m: Disclosure, id: string): Record<string, unknown> | undefined {
  switch (id) {
    case '三公经费': return m.sanGong.total;
    case '因公出国（境）费': return m.sanGong.abroad;
    case '公务用车购置费': return m.sanGong.vehiclePurchase;
    case '公务用车运行维护费': return m.sanGong.vehicleOperation;
    case '公务接待费': return m.sanGong.reception;
    case '机关运行经费': return m.operatingCosts;
    case '会议费': return m.meetings;
    case '培训费': return m.training;
    default: return undefined;
  }
}
