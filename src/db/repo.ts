/**
 * The query layer: every read and write the server and the workers make, as parameterised kysely queries that
 * run unchanged on SQLite and PostgreSQL. Writes that belong together run in one transaction.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DocumentRow, FindingState, Role } from './schema.js';
import { now } from './index.js';

type Q = Kysely<DB> | Transaction<DB>;

/** This process, as recorded on the documents it checked. */
const WORKER_ID = `${os.hostname()}:${process.pid}`;

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export async function audit(db: Q, userId: number | null, action: string, entity: string, entityId: string | number | null, detail?: unknown): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: now(), user_id: userId, action, entity, entity_id: entityId === null ? null : String(entityId), detail: detail === undefined ? null : JSON.stringify(detail) })
    .execute();
}

/** Store bytes by content hash (a second copy of the same bytes is the same row). */
export async function putBlob(db: Q, bytes: Uint8Array): Promise<string> {
  const hash = sha256(bytes);
  await db
    .insertInto('blobs')
    .values({ sha256: hash, size: bytes.length, bytes: Buffer.from(bytes), created_at: now() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return hash;
}

export async function getBlob(db: Q, hash: string): Promise<Buffer | null> {
  const r = await db.selectFrom('blobs').select('bytes').where('sha256', '=', hash).executeTakeFirst();
  return r ? Buffer.from(r.bytes) : null;
}

interface NewDoc {
  kind: 'upload' | 'model';
  filename: string;
  bytes: Uint8Array;
  departmentId: number | null;
  year: number | null;
  batchId: number | null;
  userId: number | null;
}

/** Insert a document version (status queued) with its blob, in the caller's transaction. */
export async function insertDocument(trx: Q, d: NewDoc): Promise<DocumentRow> {
  const hash = await putBlob(trx, d.bytes);
  let prev = trx.selectFrom('documents').select((eb) => eb.fn.max('version').as('v'));
  prev = d.departmentId !== null ? prev.where('department_id', '=', d.departmentId).where('year', d.year === null ? 'is' : '=', d.year) : prev.where('department_id', 'is', null).where('filename', '=', d.filename);
  const v = Number((await prev.executeTakeFirst())?.v ?? 0) + 1;
  const row = await trx
    .insertInto('documents')
    .values({
      kind: d.kind,
      filename: d.filename,
      sha256: hash,
      size: d.bytes.length,
      version: v,
      department_id: d.departmentId,
      year: d.year,
      batch_id: d.batchId,
      status: 'queued',
      error: null,
      uploaded_by: d.userId,
      uploaded_at: now(),
      checked_at: null,
      check_runs: 0,
      checked_by: null,
      result_json: null,
      extracted_json: null,
      text_content: null,
      errors: 0,
      warnings: 0,
      infos: 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, d.userId, 'upload', 'document', row.id, { filename: d.filename, sha256: hash, size: d.bytes.length, kind: d.kind, departmentId: d.departmentId, year: d.year, batchId: d.batchId });
  return row;
}

/**
 * Mark a document as being checked (counting the run) unless it is already done; returns it, or null when
 * there is nothing to do. On SQLite `status` must be `queued`; a queue library's redelivery after a crash
 * finds it `checking` and takes it again.
 */
export async function startChecking(db: Q, id: number, allowChecking: boolean): Promise<DocumentRow | null> {
  const r = await db
    .updateTable('documents')
    .set({ status: 'checking', check_runs: sql<number>`check_runs + 1` })
    .where('id', '=', id)
    .where('status', 'in', allowChecking ? ['queued', 'checking'] : ['queued'])
    .returningAll()
    .executeTakeFirst();
  return r ?? null;
}

/** The SQLite queue: take the oldest queued document. */
export async function claimNextQueued(db: Kysely<DB>): Promise<DocumentRow | null> {
  return db.transaction().execute(async (trx) => {
    const next = await trx.selectFrom('documents').select('id').where('status', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
    return next ? startChecking(trx, next.id, false) : null;
  });
}

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/**
 * Store a check's result: the findings (states carried over from the previous version of the same
 * department-year, matched by rule and message; findings that no longer occur become `fixed` there). With
 * `keepOwnStates` (the same document checked again) its own accepted/fixed states are kept too.
 */
export async function storeResult(
  db: Kysely<DB>,
  doc: DocumentRow,
  out: { resultJson: string; extractedJson?: string | null; text?: string | null; errors: number; warnings: number; infos: number; failed: string | null },
  opts: { keepOwnStates?: boolean } = {},
): Promise<void> {
  const result = JSON.parse(out.resultJson) as { findings: JsonFinding[] };
  await db.transaction().execute(async (trx) => {
    // Checked again (the cross-year part, when last year's disclosure arrived later): its own states stay.
    const own = opts.keepOwnStates ? await trx.selectFrom('findings').selectAll().where('document_id', '=', doc.id).where('state', '!=', 'open').execute() : [];
    await trx.deleteFrom('findings').where('document_id', '=', doc.id).execute();
    const carried = new Map<string, { state: FindingState; justification: string | null; updatedBy?: number | null; updatedAt?: string | null }>();
    let prevId: number | null = null;
    if (doc.department_id !== null) {
      const prev = await trx
        .selectFrom('documents')
        .select('id')
        .where('department_id', '=', doc.department_id)
        .where('year', doc.year === null ? 'is' : '=', doc.year)
        .where('id', '<', doc.id)
        .where('status', '=', 'done')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      prevId = prev?.id ?? null;
    }
    const key = (f: { rule_id: string; message: string }) => `${f.rule_id}\u0000${f.message}`;
    const newKeys = new Set(result.findings.map((f) => key({ rule_id: f.ruleId, message: f.message })));
    if (prevId !== null) {
      const old = await trx.selectFrom('findings').selectAll().where('document_id', '=', prevId).execute();
      for (const f of old) if (f.state === 'accepted') carried.set(key(f), { state: f.state, justification: f.justification });
      const gone = old.filter((f) => f.state === 'open' && !newKeys.has(key(f))).map((f) => f.id);
      if (gone.length > 0) await trx.updateTable('findings').set({ state: 'fixed', updated_at: now() }).where('id', 'in', gone).execute();
    }
    for (const f of own) carried.set(key(f), { state: f.state, justification: f.justification, updatedBy: f.updated_by, updatedAt: f.updated_at });
    const rows = result.findings.map((f, idx) => {
      const c = carried.get(key({ rule_id: f.ruleId, message: f.message }));
      return { document_id: doc.id, idx, rule_id: f.ruleId, severity: f.severity, message: f.message, state: c?.state ?? ('open' as const), justification: c?.justification ?? null, updated_by: c?.updatedBy ?? null, updated_at: c?.updatedAt ?? null };
    });
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('findings').values(rows.slice(i, i + 200)).execute();
    await trx
      .updateTable('documents')
      .set({ status: out.failed ? 'failed' : 'done', error: out.failed, result_json: out.resultJson, extracted_json: out.extractedJson ?? null, ...(out.text !== undefined ? { text_content: out.text } : {}), errors: out.errors, warnings: out.warnings, infos: out.infos, checked_at: now(), checked_by: WORKER_ID })
      .where('id', '=', doc.id)
      .execute();
  });
}

export async function createUser(db: Q, u: { username: string; passwordHash: string; role: Role; regionId?: number | null; departmentId?: number | null }): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({ username: u.username, password_hash: u.passwordHash, role: u.role, region_id: u.regionId ?? null, department_id: u.departmentId ?? null, created_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A region and every region below it. */
export async function regionAndBelow(db: Q, regionId: number): Promise<number[]> {
  const all = await db.selectFrom('regions').select(['id', 'parent_id']).execute();
  const out = [regionId];
  for (let i = 0; i < out.length; i++) for (const r of all) if (r.parent_id === out[i]) out.push(r.id);
  return out;
}
