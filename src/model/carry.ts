/**
 * Start from last year (`juesuan new --from last.json --year 2021`): last year's 本年 figures become this
 * year's 上年 figures (comparatives, 三公 prior, 机关运行经费/会议费/培训费 prior); last year's leaves stay as
 * the draft to overwrite, and its texts (reasons, purposes, functions) stay as drafts to revise, listed in
 * dataNotes; 年初预算/全年预算 of last year are dropped (they belong to last year). Every year-bound phrase
 * (截至YYYY年12月31日, 本部门YYYY年度, 本单位YYYY年度) follows the new year. Pure.
 */
import type { Disclosure } from './schema.js';
import { CONCEPTS, conceptValue, findTable } from './concepts.js';
import { plain } from '../calc/money.js';
import { leavesOnly } from './derive.js';

/** Replace year-bound phrases of `from` by `to` in one text. */
export function followYear(text: string, from: number, to: number): string {
  return text
    .replace(new RegExp(`(截[至止]\\s*)${from}(\\s*年)`, 'g'), `$1${to}$2`)
    .replace(new RegExp(`^${from}(\\s*年\\s*12\\s*月\\s*31\\s*日)$`), `${to}$1`)
    .replace(new RegExp(`(本部门|本单位)(\\s*)${from}(\\s*年度)`, 'g'), `$1$2${to}$3`);
}

function mapStrings<T>(v: T, f: (s: string) => string): T {
  if (typeof v === 'string') return f(v) as T;
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)])) as T;
  return v;
}

interface CarryResult {
  model: Disclosure;
  /** JSON paths of texts carried as drafts (to revise). */
  revise: string[];
}

/**
 * `last` is the derived model (its concept values give the 上年数); `stated` is the same model as stated, whose
 * leaves become the draft tables (totals are left to derivation, so that revising a leaf moves them).
 */
export function carryForward(last: Disclosure, year: number, stated: Disclosure = last): CarryResult {
  const from = last.year;
  const m = mapStrings(structuredClone(last), (s) => followYear(s, from, year));
  m.tables = mapStrings(leavesOnly(stated).tables, (s) => followYear(s, from, year));
  m.year = year;
  const revise: string[] = [];

  // 上年数 of every concept the model states a value for.
  const comparatives: Disclosure['comparatives'] = {};
  const ids = CONCEPTS.filter((c) => c.source && !('path' in c.source)).map((c) => c.id);
  const t5 = findTable(last, 't5');
  for (const r of t5?.rows ?? []) if (r.code?.length === 3) ids.push(`一般公共预算财政拨款支出:${r.code}`);
  for (const id of ids) {
    const v = conceptValue(last, id);
    if (v === null) continue;
    const old = m.comparatives[id];
    comparatives[id] = { prior: plain(v) };
    for (const k of ['priorReason', 'purpose'] as const) {
      if (old?.[k]) {
        comparatives[id][k] = old[k];
        revise.push(`comparatives["${id}"].${k}`);
      }
    }
  }
  m.comparatives = comparatives;

  // 三公: last year's 决算数 is this year's 上年数; its 预算数 is last year's.
  for (const k of ['total', 'abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) {
    const it = m.sanGong[k];
    const actual = last.sanGong[k].actual;
    m.sanGong[k] = { ...(actual !== undefined && actual !== null ? { prior: actual, actual } : {}) };
    if (k === 'total') delete m.sanGong.total.actual;
    for (const f of ['priorReason', 'purpose'] as const) {
      if (it[f]) {
        m.sanGong[k][f] = it[f];
        revise.push(`sanGong.${k}.${f}`);
      }
    }
  }
  delete m.sanGong.total.prior;
  for (const k of ['operatingCosts', 'meetings', 'training'] as const) {
    m[k] = { ...m[k], prior: last[k].current };
    for (const f of ['reason', 'purpose'] as const) if (m[k][f]) revise.push(`${k}.${f}`);
  }
  if (m.procurement.purpose) revise.push('procurement.purpose');
  for (const [i, e] of m.performance.selfEvaluations.entries()) revise.push(`performance.selfEvaluations[${i}]`, ...e.indicators.filter((x) => x.reason && x.reason !== '无').map((_, j) => `performance.selfEvaluations[${i}].indicators[${j}].reason`));
  m.dataNotes = [
    `由 ${from} 年度模型生成（juesuan new --from）：${from} 年度的本年数已转为本年的上年数；各表数字、“三公”决算数与实物量、资产、采购、绩效自评仍是 ${from} 年度的，请逐项改为 ${year} 年度的数字。`,
    `以下文字沿用 ${from} 年度，请修订：${revise.join('、') || '（无）'}。`,
  ];
  return { model: m, revise };
}
