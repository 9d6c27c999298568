/**
 * Cross-year check: a model's 上年 figures against last year's model of the same body, when both are in the
 * database. Only figures both models state are compared, exactly (both are printed to 0.01 万元, the same
 * rounding, so any difference is a real disagreement: a warning, since either year may be the one corrected).
 */
import type { Kysely } from 'kysely';
import { parseAmount, plain } from '../calc/money.js';
import type { DB, DocumentRow } from '../db/schema.js';
import type { CheckOutput } from './threads.js';

type Obj = Record<string, unknown>;
const at = (o: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);

/** [label, path of this year's 上年 figure, path of last year's 本年 figure]. */
export const PAIRS: [string, string[], string[]][] = [
  ['“三公”经费合计', ['sanGong', 'total', 'prior'], ['sanGong', 'total', 'actual']],
  ['因公出国（境）费', ['sanGong', 'abroad', 'prior'], ['sanGong', 'abroad', 'actual']],
  ['公务用车购置费', ['sanGong', 'vehiclePurchase', 'prior'], ['sanGong', 'vehiclePurchase', 'actual']],
  ['公务用车运行维护费', ['sanGong', 'vehicleOperation', 'prior'], ['sanGong', 'vehicleOperation', 'actual']],
  ['公务接待费', ['sanGong', 'reception', 'prior'], ['sanGong', 'reception', 'actual']],
  ['机关运行经费', ['operatingCosts', 'prior'], ['operatingCosts', 'current']],
  ['会议费', ['meetings', 'prior'], ['meetings', 'current']],
  ['培训费', ['training', 'prior'], ['training', 'current']],
];

export interface CrossYearFinding {
  ruleId: 'cross/prior-year';
  severity: 'warning';
  message: string;
  location: { line: number; column: number };
  expected: string;
  actual: string;
  difference: string;
  messageId: 'mismatch';
}

/** Pure comparison of two models (this year, last year). */
export function compareYears(current: unknown, prior: unknown, priorYear: number): CrossYearFinding[] {
  const out: CrossYearFinding[] = [];
  for (const [label, mine, theirs] of PAIRS) {
    const a = parseAmount(at(current, mine) as string | undefined);
    const e = parseAmount(at(prior, theirs) as string | undefined);
    if (!a || !e || a.eq(e)) continue;
    out.push({
      ruleId: 'cross/prior-year',
      severity: 'warning',
      message: `${label}上年数应与${priorYear}年度公开的决算数一致：应为${plain(e)}万元，实为${plain(a)}万元（差额${plain(a.minus(e))}万元）。请核对两年数据，以更正后的为准并说明。`,
      location: { line: 1, column: 1 },
      expected: plain(e),
      actual: plain(a),
      difference: plain(a.minus(e)),
      messageId: 'mismatch',
    });
  }
  return out;
}

/** Add cross-year findings to a model document's check output when last year's model is stored. */
export async function crossYearFindings(db: Kysely<DB>, doc: DocumentRow, bytes: Uint8Array, out: CheckOutput): Promise<CheckOutput> {
  if (doc.department_id === null || doc.year === null) return out;
  const prev = await db
    .selectFrom('models')
    .select('json')
    .where('department_id', '=', doc.department_id)
    .where('year', '=', doc.year - 1)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!prev) return out;
  const found = compareYears(JSON.parse(new TextDecoder().decode(bytes)), JSON.parse(prev.json), doc.year - 1);
  if (found.length === 0) return out;
  const result = JSON.parse(out.resultJson) as { findings: unknown[] };
  result.findings.push(...found);
  return { ...out, resultJson: JSON.stringify(result), warnings: out.warnings + found.length };
}
