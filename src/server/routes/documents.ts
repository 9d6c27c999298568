/** Uploads (one or a batch), documents, their bytes, their findings and the findings' states. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { audit, getBlob, insertDocument } from '../../db/repo.js';
import type { DB, DocumentRow, FindingState } from '../../db/schema.js';
import { safeFilename, sniff } from '../upload.js';
import { HttpError, intParam, jsonBody, mustSeeDepartment, notFound, optionalInt, requireRole, scopeOf, userOf, type AppEnv, type Ctx, type SessionUser } from '../context.js';

function documentJson(d: DocumentRow) {
  return {
    id: d.id,
    kind: d.kind,
    filename: d.filename,
    sha256: d.sha256,
    size: d.size,
    version: d.version,
    departmentId: d.department_id,
    year: d.year,
    batchId: d.batch_id,
    status: d.status,
    error: d.error,
    uploadedAt: d.uploaded_at,
    uploadedBy: d.uploaded_by,
    checkedAt: d.checked_at,
    counts: { error: d.errors, warning: d.warnings, info: d.infos },
  };
}

function parseYear(v: unknown): number | null {
  const y = optionalInt(v, 'year');
  if (y !== null && (y < 2000 || y > 2100)) throw new HttpError(400, 'bad-request', 'year 应为 2000–2100 的年度');
  return y;
}

export async function ensureYear(db: Kysely<DB>, year: number | null): Promise<void> {
  if (year !== null) await db.insertInto('fiscal_years').values({ year }).onConflict((oc) => oc.column('year').doNothing()).execute();
}

/** The department an upload is filed under: a filer's own by default; it must be in the user's scope. */
async function uploadDepartment(c: Ctx, u: SessionUser, v: unknown): Promise<number | null> {
  const given = optionalInt(v, 'department');
  const id = given ?? (u.role === 'filer' ? u.departmentId : null);
  await mustSeeDepartment(c, id);
  if (id !== null && !(await c.get('deps').database.db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('找不到该部门');
  return id;
}

type Part = string | File | (string | File)[] | undefined;
const files = (p: Part): File[] => (Array.isArray(p) ? p : p === undefined ? [] : [p]).filter((x): x is File => typeof x !== 'string');
const field = (p: Part): string | undefined => (Array.isArray(p) ? p.find((x) => typeof x === 'string') : typeof p === 'string' ? p : undefined) as string | undefined;

/** Validate every file (size, content), then store them all in one transaction and announce them. */
async function acceptUploads(c: Ctx, u: SessionUser, list: File[], departmentId: number | null, year: number | null, batch: boolean): Promise<{ batchId: number | null; docs: DocumentRow[] }> {
  const { database, queue, maxUploadBytes } = c.get('deps');
  const items: { name: string; kind: 'upload' | 'model'; bytes: Uint8Array }[] = [];
  for (const f of list) {
    if (f.size > maxUploadBytes) throw new HttpError(413, 'too-large', `文件“${f.name}”超过上传上限 ${Math.round(maxUploadBytes / 1048576)} MB`);
    const bytes = new Uint8Array(await f.arrayBuffer());
    const s = sniff(bytes, f.name);
    if (!s) throw new HttpError(415, 'unsupported-type', `文件“${f.name}”不是可审核的文档（按内容判断：应为 PDF、Word .docx、网页、文本或模型 JSON）`);
    items.push({ name: safeFilename(f.name, s.ext), kind: s.kind, bytes });
  }
  await ensureYear(database.db, year);
  const out = await database.db.transaction().execute(async (trx) => {
    let batchId: number | null = null;
    if (batch) {
      const b = await trx.insertInto('batches').values({ created_by: u.id, created_at: new Date().toISOString(), total: items.length }).returning('id').executeTakeFirstOrThrow();
      batchId = b.id;
      await audit(trx, u.id, 'create', 'batch', batchId, { total: items.length });
    }
    const docs: DocumentRow[] = [];
    for (const it of items) docs.push(await insertDocument(trx, { kind: it.kind, filename: it.name, bytes: it.bytes, departmentId, year, batchId, userId: u.id }));
    return { batchId, docs };
  });
  // Committed before the answer: a server killed now still has every byte, and the queue finds them.
  await queue.enqueue(out.docs.map((d) => d.id));
  return out;
}

async function loadDocument(c: Ctx, idText: string | undefined): Promise<DocumentRow> {
  userOf(c);
  const id = intParam(idText, 'id');
  const d = await c.get('deps').database.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound();
  await mustSeeDepartment(c, d.department_id);
  // A document filed under no department (an ad-hoc check) is its uploader's (and the administrators').
  if (d.department_id === null && c.get('user')?.role !== 'admin' && d.uploaded_by !== c.get('user')?.id) throw notFound();
  return d;
}

async function batchJson(db: Kysely<DB>, id: number) {
  const b = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) return null;
  const rows = await db.selectFrom('documents').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).where('batch_id', '=', id).groupBy('status').execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { id: b.id, total: b.total, queued: n('queued'), checking: n('checking'), done: n('done'), failed: n('failed'), createdAt: b.created_at };
}

export function documentRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  // The whole request body is capped while it streams in (a per-file cap alone would read it all first).
  const limit = (size: (c: Ctx) => number) => async (c: Ctx, next: () => Promise<void>) =>
    bodyLimit({ maxSize: size(c), onError: () => { throw new HttpError(413, 'too-large', '上传内容超过上限'); } })(c, next);

  r.post('/documents', limit((c) => c.get('deps').maxUploadBytes + 1024 * 1024), async (c) => {
    const u = requireRole(c, 'admin', 'reviewer', 'filer');
    const body = await c.req.parseBody({ all: true });
    const list = files(body.file);
    if (list.length !== 1) throw new HttpError(400, 'bad-request', '请用 multipart 字段 file 上传一个文件');
    const departmentId = await uploadDepartment(c, u, field(body.department));
    const year = parseYear(field(body.year));
    const { docs } = await acceptUploads(c, u, list, departmentId, year, false);
    const d = docs[0]!;
    return c.json({ id: d.id, sha256: d.sha256, version: d.version, status: d.status }, 201);
  });

  r.get('/documents', async (c) => {
    const u = userOf(c);
    const db = c.get('deps').database.db;
    const department = optionalInt(c.req.query('department'), 'department');
    const year = parseYear(c.req.query('year'));
    const batch = optionalInt(c.req.query('batch'), 'batch');
    const scope = await scopeOf(c);
    let q = db.selectFrom('documents').selectAll().orderBy('id', 'desc').limit(1000);
    if (department !== null) q = q.where('department_id', '=', department);
    if (year !== null) q = q.where('year', '=', year);
    if (batch !== null) q = q.where('batch_id', '=', batch);
    if (scope) {
      const ids = [...scope];
      q = u.role === 'reviewer' ? q.where((eb) => eb.or([eb('department_id', 'in', ids.length ? ids : [-1]), eb.and([eb('department_id', 'is', null), eb('uploaded_by', '=', u.id)])])) : q.where('department_id', 'in', ids.length ? ids : [-1]);
    }
    return c.json((await q.execute()).map(documentJson));
  });

  r.get('/documents/:id', async (c) => c.json(documentJson(await loadDocument(c, c.req.param('id')))));

  r.get('/documents/:id/file', async (c) => {
    const d = await loadDocument(c, c.req.param('id'));
    const bytes = await getBlob(c.get('deps').database.db, d.sha256);
    if (!bytes) throw notFound();
    const type = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', html: 'text/html; charset=utf-8', json: 'application/json' }[d.filename.split('.').pop() ?? ''] ?? 'text/plain; charset=utf-8';
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.filename)}` });
  });

  r.get('/documents/:id/findings', async (c) => {
    const d = await loadDocument(c, c.req.param('id'));
    if ((d.status !== 'done' && d.status !== 'failed') || !d.result_json) throw new HttpError(409, 'not-ready', `尚未审核完成（状态：${d.status}）`);
    const result = JSON.parse(d.result_json) as { findings: Record<string, unknown>[] };
    const rows = await c.get('deps').database.db.selectFrom('findings').select(['id', 'idx', 'state', 'justification']).where('document_id', '=', d.id).execute();
    const byIdx = new Map(rows.map((f) => [f.idx, f]));
    result.findings = result.findings.map((f, i) => {
      const s = byIdx.get(i);
      return { ...f, id: s?.id ?? null, state: s?.state ?? 'open', justification: s?.justification ?? null };
    });
    return c.json({ version: 1, results: [result] });
  });

  // The text the findings point into, to draw the document with each finding's span marked: a DOCX/HTML/TXT
  // upload's text as read (offsets, line and column refer to it), or a model's own JSON (line and column).
  r.get('/documents/:id/text', async (c) => {
    const d = await loadDocument(c, c.req.param('id'));
    if (d.kind === 'model') {
      const bytes = await getBlob(c.get('deps').database.db, d.sha256);
      if (!bytes) throw notFound();
      return c.json({ text: new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''), source: 'model' });
    }
    if (d.text_content !== null) return c.json({ text: d.text_content, source: 'document' });
    if (d.status !== 'done' && d.status !== 'failed') throw new HttpError(409, 'not-ready', `尚未审核完成（状态：${d.status}）`);
    throw notFound(d.filename.endsWith('.pdf') ? 'PDF 文档没有单独的文本：请在页面上查看' : '该文档没有保存文本（无法读取，或在保存文本之前审核）');
  });

  r.patch('/findings/:id', async (c) => {
    const u = requireRole(c, 'admin', 'reviewer', 'filer');
    const db = c.get('deps').database.db;
    const id = intParam(c.req.param('id'), 'id');
    const f = await db.selectFrom('findings').innerJoin('documents', 'documents.id', 'findings.document_id').select(['findings.id', 'findings.state', 'documents.department_id']).where('findings.id', '=', id).executeTakeFirst();
    if (!f) throw notFound();
    await mustSeeDepartment(c, f.department_id);
    const b = await jsonBody(c);
    const state = b.state as FindingState;
    if (!['open', 'accepted', 'fixed'].includes(state)) throw new HttpError(400, 'bad-request', 'state 应为 open、accepted 或 fixed');
    let justification: string | null = null;
    if (state === 'accepted') {
      if (u.role === 'filer') throw new HttpError(403, 'forbidden', '只有审核人或管理员可以接受问题');
      justification = typeof b.justification === 'string' ? b.justification.trim() : '';
      if (justification.length < 4) throw new HttpError(400, 'bad-request', '接受问题须写明理由（至少 4 个字）');
      if (justification.length > 4000) throw new HttpError(400, 'bad-request', '理由过长（至多 4000 字）');
    }
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('findings').set({ state, justification, updated_by: u.id, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
      await audit(trx, u.id, `finding-${state}`, 'finding', id, { from: f.state, justification });
    });
    const row = await db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return c.json({ id: row.id, documentId: row.document_id, ruleId: row.rule_id, severity: row.severity, message: row.message, state: row.state, justification: row.justification, updatedAt: row.updated_at, updatedBy: row.updated_by });
  });

  r.post('/batches', limit((c) => c.get('deps').maxBatchBytes), async (c) => {
    const u = requireRole(c, 'admin', 'reviewer');
    const { maxBatchFiles } = c.get('deps');
    const body = await c.req.parseBody({ all: true });
    const list = files(body.file);
    if (list.length === 0) throw new HttpError(400, 'bad-request', '请用 multipart 字段 file 上传文件（可多个）');
    if (list.length > maxBatchFiles) throw new HttpError(413, 'too-large', `一批至多 ${maxBatchFiles} 个文件`);
    const departmentId = await uploadDepartment(c, u, field(body.department));
    const year = parseYear(field(body.year));
    const { batchId, docs } = await acceptUploads(c, u, list, departmentId, year, true);
    return c.json({ id: batchId, documents: docs.map((d) => d.id) }, 201);
  });

  r.get('/batches', async (c) => {
    const u = requireRole(c, 'admin', 'reviewer');
    const db = c.get('deps').database.db;
    let q = db.selectFrom('batches').select('id').orderBy('id', 'desc').limit(200);
    if (u.role === 'reviewer') q = q.where('created_by', '=', u.id);
    const out = [];
    for (const b of await q.execute()) out.push(await batchJson(db, b.id));
    return c.json(out);
  });

  r.get('/batches/:id', async (c) => {
    const u = requireRole(c, 'admin', 'reviewer');
    const db = c.get('deps').database.db;
    const id = intParam(c.req.param('id'), 'id');
    const b = await db.selectFrom('batches').select('created_by').where('id', '=', id).executeTakeFirst();
    if (!b || (u.role === 'reviewer' && b.created_by !== u.id)) throw notFound();
    return c.json(await batchJson(db, id));
  });

  return r;
}
