/**
 * Cross-year check: this year's 上年 figures against last year's disclosure of the same body, when both are in
 * the database: models against models exactly (both are printed to 0.01 万元, the same rounding, so any
 * difference is a real disagreement), uploaded documents through their extracted figures (implied bases may be
 * off by rounding). A warning, since either year may be the one corrected.
 */
import type { Kysely } from 'kysely';
import { halfUnit, parseAmount, plain, type Dec } from '../calc/money.js';
import { checkEqual, printedOf } from '../calc/compare.js';
import type { DB, DocumentRow } from '../db/schema.js';
import { audit, getBlob, storeResult } from '../db/repo.js';
import type { CheckOutput } from './threads.js';
import { validateDisclosure } from '../model/schema.js';

type Obj = Record<string, unknown>;

/** A stated amount, or null when the figure is absent (parseAmount reads an absent value as zero). */
export function stated(v: unknown): Dec | null {
  return typeof v === 'string' || typeof v === 'number' ? parseAmount(v) : null;
}
const at = (o: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);

/** [label, path of this year's 上年 figure, path of last year's 本年 figure]. */
const PAIRS: [string, string[], string[]][] = [
  ['“三公”经费合计', ['sanGong', 'total', 'prior'], ['sanGong', 'total', 'actual']],
  ['因公出国（境）费', ['sanGong', 'abroad', 'prior'], ['sanGong', 'abroad', 'actual']],
  ['公务用车购置费', ['sanGong', 'vehiclePurchase', 'prior'], ['sanGong', 'vehiclePurchase', 'actual']],
  ['公务用车运行维护费', ['sanGong', 'vehicleOperation', 'prior'], ['sanGong', 'vehicleOperation', 'actual']],
  ['公务接待费', ['sanGong', 'reception', 'prior'], ['sanGong', 'reception', 'actual']],
  ['机关运行经费', ['operatingCosts', 'prior'], ['operatingCosts', 'current']],
  ['会议费', ['meetings', 'prior'], ['meetings', 'current']],
  ['培训费', ['training', 'prior'], ['training', 'current']],
];

interface CrossYearFinding {
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
    const a = stated(at(current, mine));
    const e = stated(at(prior, theirs));
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


interface Extracted {
  figures?: Record<string, { current?: string; prior?: string; line?: number }>;
}

/**
 * An uploaded disclosure's 上年 figures (as its text states or implies them, engine/extract.ts) against the
 * 本年 figures of last year's disclosure of the same body. Differences rounding can explain are left out.
 */
export function compareExtracted(current: Extracted, prior: Extracted, priorYear: number): CrossYearFinding[] {
  const out: CrossYearFinding[] = [];
  for (const [concept, f] of Object.entries(current.figures ?? {})) {
    const a = stated(f.prior);
    const e = stated(prior.figures?.[concept]?.current);
    const pa = printedOf(f.prior);
    const pe = printedOf(prior.figures?.[concept]?.current);
    if (!a || !e || !pa || !pe) continue;
    // The 上年 figure is usually implied (本年 ∓ the printed change): it carries two printed values' rounding.
    // One calculus decides what rounding explains (calc/compare.ts), as for every other comparison.
    if (checkEqual({ ...pa, half: halfUnit(pa.dp).mul(2) }, pe).verdict !== 'wrong') continue;
    out.push({
      ruleId: 'cross/prior-year',
      severity: 'warning',
      message: `${concept.replace(/:(\d+)$/, '（科目$1）')}上年数应与${priorYear}年度公开的决算数一致：应为${plain(e)}万元，实为${plain(a)}万元（差额${plain(a.minus(e))}万元）。请核对两年数据，以更正后的为准并说明。`,
      location: { line: f.line ?? 1, column: 1 },
      expected: plain(e),
      actual: plain(a),
      difference: plain(a.minus(e)),
      messageId: 'mismatch',
    });
  }
  return out;
}

/** A body's latest checked upload of a year that has an extracted model: the counterpart a cross-year check uses. */
function latestCheckedUpload(db: Kysely<DB>, departmentId: number, year: number): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('year', '=', year)
    .where('kind', '=', 'upload')
    .where('status', '=', 'done')
    .where('extracted_json', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** This year's cross-year findings against last year's counterpart in the database (none when there is none). */
async function againstPriorYear(db: Kysely<DB>, doc: DocumentRow, bytes: Uint8Array | null, extractedJson: string | null | undefined): Promise<CrossYearFinding[]> {
  if (doc.department_id === null || doc.year === null) return [];
  if (doc.kind === 'model') {
    if (!bytes) return [];
    const prev = await db.selectFrom('models').select('json').where('department_id', '=', doc.department_id).where('year', '=', doc.year - 1).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return prev ? compareYears(derived(JSON.parse(new TextDecoder().decode(bytes))), derived(JSON.parse(prev.json)), doc.year - 1) : [];
  }
  if (!extractedJson) return [];
  const prev = await latestCheckedUpload(db, doc.department_id, doc.year - 1);
  const mine = JSON.parse(extractedJson) as Extracted | null;
  return prev?.extracted_json && mine ? compareExtracted(mine, JSON.parse(prev.extracted_json) as Extracted, doc.year - 1) : [];
}

/**
 * Add cross-year findings to a check's output when last year's counterpart is stored: for a model, last
 * year's latest model; for a filed upload, last year's latest checked upload with an extracted model.
 */
export async function crossYearFindings(db: Kysely<DB>, doc: DocumentRow, bytes: Uint8Array, out: CheckOutput): Promise<CheckOutput> {
  const found = await againstPriorYear(db, doc, bytes, out.extractedJson);
  if (found.length === 0) return out;
  return withCrossYear(out, JSON.parse(out.resultJson) as CheckResultJson, found);
}

type CheckResultJson = { findings: { ruleId: string; severity: 'error' | 'warning' | 'info'; message: string }[]; counts?: Record<string, number> };

/** The output with `found` as its cross-year findings (any earlier ones replaced) and its counts recomputed. */
function withCrossYear(out: CheckOutput, result: CheckResultJson, found: CrossYearFinding[]): CheckOutput {
  result.findings = [...result.findings.filter((f) => f.ruleId !== 'cross/prior-year'), ...found];
  const n = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const counts = { error: n('error'), warning: n('warning'), info: n('info') };
  if (result.counts) result.counts = counts;
  return { ...out, resultJson: JSON.stringify(result), errors: counts.error, warnings: counts.warning, infos: counts.info };
}

/**
 * Year Y−1 of a body has just been checked: its counterpart of year Y, if already checked, is compared again
 * (its 上年 figures against the newly arrived Y−1) — for a model the latest model of Y, for an upload the latest
 * checked upload of Y. Only the cross-year findings change; the other findings, and the states reviewers gave
 * them, stay. Returns the document re-checked, or null.
 */
export async function recheckFollowingYear(db: Kysely<DB>, arrived: DocumentRow): Promise<number | null> {
  if (arrived.department_id === null || arrived.year === null) return null;
  const year = arrived.year + 1;
  let target: DocumentRow | undefined;
  if (arrived.kind === 'model') {
    const m = await db.selectFrom('models').select('document_id').where('department_id', '=', arrived.department_id).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (m) target = await db.selectFrom('documents').selectAll().where('id', '=', m.document_id).executeTakeFirst();
  } else {
    target = await latestCheckedUpload(db, arrived.department_id, year);
  }
  // Not checked yet: its own check will find the arrived year in the database.
  if (!target) return null;
  return (await compareAgain(db, target.id, { priorYearDocument: arrived.id })) ? target.id : null;
}

/**
 * Compare a checked document's 上年 figures with what the database holds now, and store the cross-year findings
 * when they changed (the rest of its result, and every finding's state, stay). Also run on a document just
 * checked: a Y−1 stored while Y was being checked saw Y unfinished and could not re-check it.
 */
export async function compareAgain(db: Kysely<DB>, id: number, why: Record<string, unknown>): Promise<boolean> {
  const target = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!target || target.status !== 'done' || !target.result_json) return false;
  const bytes = target.kind === 'model' ? await getBlob(db, target.sha256) : null;
  const found = await againstPriorYear(db, target, bytes ? new Uint8Array(bytes) : null, target.extracted_json);
  const result = JSON.parse(target.result_json) as CheckResultJson;
  const key = (f: { message: string }) => f.message;
  const before = result.findings.filter((f) => f.ruleId === 'cross/prior-year').map(key).sort();
  if (JSON.stringify(before) === JSON.stringify(found.map(key).sort())) return false;
  const out = withCrossYear({ resultJson: '', errors: 0, warnings: 0, infos: 0, failed: null, extractedJson: target.extracted_json }, result, found);
  await storeResult(db, target, out, { keepOwnStates: true });
  await audit(db, null, 'recheck-cross-year', 'document', target.id, { ...why, before: before.length, after: found.length });
  return true;
}

/** A stored model with its totals derived (models state leaves; the comparison needs the totals too). */
function derived(m: unknown): Parameters<typeof compareYears>[0] {
  const v = validateDisclosure(m, { derive: 'lenient' });
  return (v.ok ? v.model : m) as Parameters<typeof compareYears>[0];
}
