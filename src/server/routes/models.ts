/**
 * The data editor (a department-year's model, versioned; each saved version is checked again in the queue)
 * and generated reports (immutable versions, blocked while error-level findings are open), publication and
 * the public list of published reports.
 */
import { Hono } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import { generate } from '../../generate/index.js';
import { validateDisclosure } from '../../model/schema.js';
import { renderTo } from '../../render/index.js';
import { audit, getBlob, insertDocument, putBlob } from '../../db/repo.js';
import type { DB, ReportsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { HttpError, intParam, jsonBody, mustSeeDepartment, notFound, requireRole, userOf, type AppEnv, type Ctx } from '../context.js';
import { ensureYear } from './documents.js';

type Report = Selectable<ReportsTable>;
const reportJson = (r: Report) => ({
  id: r.id,
  departmentId: r.department_id,
  year: r.year,
  format: r.format,
  sha256: r.sha256,
  size: r.size,
  version: r.version,
  modelVersion: r.model_version,
  createdAt: r.created_at,
  published: r.published === 1,
});

const MIME = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf', html: 'text/html; charset=utf-8' };

async function latestModel(db: Kysely<DB>, departmentId: number, year: number) {
  return db.selectFrom('models').selectAll().where('department_id', '=', departmentId).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Save a model version as a document (kind model) and a models row; returns both ids. */
export async function saveModel(trx: Transaction<DB>, departmentId: number, year: number, model: unknown, userId: number | null, filename: string) {
  const json = JSON.stringify(model, null, 2);
  const prev = await trx.selectFrom('models').select((eb) => eb.fn.max('version').as('v')).where('department_id', '=', departmentId).where('year', '=', year).executeTakeFirst();
  const version = Number(prev?.v ?? 0) + 1;
  const doc = await insertDocument(trx, { kind: 'model', filename, bytes: new TextEncoder().encode(json), departmentId, year, batchId: null, userId });
  await trx.insertInto('models').values({ department_id: departmentId, year, version, document_id: doc.id, json, created_by: userId, created_at: new Date().toISOString() }).execute();
  await audit(trx, userId, 'save', 'model', `${departmentId}/${year}`, { version, documentId: doc.id });
  return { version, documentId: doc.id };
}

async function deptYear(c: Ctx) {
  userOf(c);
  const id = intParam(c.req.param('id'), 'id');
  const year = intParam(c.req.param('year'), 'year');
  await mustSeeDepartment(c, id);
  const d = await c.get('deps').database.db.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound();
  return { id, year, name: d.name };
}

export function modelRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/departments/:id/years/:year/model', async (c) => {
    const { id, year } = await deptYear(c);
    const m = await latestModel(c.get('deps').database.db, id, year);
    if (!m) throw notFound('该部门该年度还没有数据');
    return c.json({ version: m.version, model: JSON.parse(m.json), documentId: m.document_id, updatedAt: m.created_at });
  });

  r.put('/departments/:id/years/:year/model', async (c) => {
    const u = requireRole(c, 'admin', 'filer');
    const { id, year } = await deptYear(c);
    const { database, queue } = c.get('deps');
    const body = await jsonBody(c);
    // A draft may contradict itself: it is saved, checked, and generation stays blocked while errors are open.
    const v = validateDisclosure(body.model, { derive: 'lenient' });
    if (!v.ok) throw new HttpError(400, 'invalid-model', `模型不符合要求（${v.issues.length} 处）`, { issues: v.issues.slice(0, 100) });
    if (v.model.year !== year) throw new HttpError(400, 'invalid-model', `模型的 year（${v.model.year}）与地址中的年度（${year}）不一致`, { issues: [{ path: 'year', message: `应为 ${year}` }] });
    await ensureYear(database.db, year);
    const saved = await database.db.transaction().execute((trx) => saveModel(trx, id, year, body.model, u.id, `model-${id}-${year}.json`));
    await queue.enqueue([saved.documentId]);
    return c.json(saved);
  });

  // A dry run for the data editor: the draft is checked as `juesuan check model.json` would, nothing is stored.
  // At most two dry runs in flight per user (the editor sends one per pause in typing).
  const inFlight = new Map<number, number>();
  r.post('/check/model', async (c) => {
    const u = requireRole(c, 'admin', 'reviewer', 'filer');
    const body = await jsonBody(c);
    const v = validateDisclosure(body.model, { derive: 'lenient' });
    if (!v.ok) throw new HttpError(400, 'invalid-model', `模型不符合要求（${v.issues.length} 处）`, { issues: v.issues.slice(0, 100) });
    const busy = inFlight.get(u.id) ?? 0;
    if (busy >= 2) throw new HttpError(429, 'rate-limited', '上一次即时审核尚未完成，请稍候');
    inFlight.set(u.id, busy + 1);
    try {
      const bytes = new TextEncoder().encode(JSON.stringify(body.model, null, 2));
      const { checkModel } = c.get('deps');
      const out = checkModel ? await checkModel(bytes) : await (await import('../../jobs/threads.js')).checkToJson('model', bytes, 'model.json');
      return c.json({ version: 1, results: [JSON.parse(out.resultJson)] });
    } finally {
      const n = (inFlight.get(u.id) ?? 1) - 1;
      if (n > 0) inFlight.set(u.id, n);
      else inFlight.delete(u.id);
    }
  });

  r.post('/departments/:id/years/:year/reports', async (c) => {
    const u = requireRole(c, 'admin', 'filer');
    const { id, year } = await deptYear(c);
    const { database, docxToPdf } = c.get('deps');
    const db = database.db;
    const b = await jsonBody(c);
    const format = b.format;
    if (format !== 'docx' && format !== 'pdf' && format !== 'html') throw new HttpError(400, 'bad-request', 'format 应为 docx、pdf 或 html');
    const m = await latestModel(db, id, year);
    if (!m) throw notFound('该部门该年度还没有数据');
    const doc = await db.selectFrom('documents').select(['status']).where('id', '=', m.document_id).executeTakeFirstOrThrow();
    if (doc.status !== 'done') throw new HttpError(409, 'open-errors', `数据尚未审核完成（状态：${doc.status}），审核完成且无未处理的错误后才能生成`);
    const open = await db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', m.document_id).where('severity', '=', 'error').where('state', '=', 'open').executeTakeFirstOrThrow();
    if (Number(open.n) > 0) throw new HttpError(409, 'open-errors', `还有 ${open.n} 个未处理的错误，修正或由审核人接受（写明理由）后才能生成`, { openErrors: Number(open.n) });
    if (format === 'pdf' && !docxToPdf) throw new HttpError(503, 'no-pdf', '服务器未安装 LibreOffice，无法生成 PDF；可生成 DOCX 或 HTML');
    const model = validateDisclosure(JSON.parse(m.json));
    if (!model.ok) throw new HttpError(409, 'invalid-model', '已保存的模型不符合要求');
    const tree = generate(model.model);
    const bytes = format === 'pdf' ? await docxToPdf!(await renderTo('docx', tree)) : await renderTo(format, tree);
    const row = await db.transaction().execute(async (trx) => {
      const hash = await putBlob(trx, bytes);
      const prev = await trx.selectFrom('reports').select((eb) => eb.fn.max('version').as('v')).where('department_id', '=', id).where('year', '=', year).where('format', '=', format).executeTakeFirst();
      const rep = await trx
        .insertInto('reports')
        .values({ department_id: id, year, format, sha256: hash, size: bytes.length, version: Number(prev?.v ?? 0) + 1, model_version: m.version, created_by: u.id, created_at: new Date().toISOString(), published: 0 })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, u.id, 'generate', 'report', rep.id, { format, modelVersion: m.version, sha256: hash });
      return rep;
    });
    return c.json(reportJson(row), 201);
  });

  r.get('/departments/:id/years/:year/reports', async (c) => {
    const { id, year } = await deptYear(c);
    const rows = await c.get('deps').database.db.selectFrom('reports').selectAll().where('department_id', '=', id).where('year', '=', year).orderBy('id', 'desc').execute();
    return c.json(rows.map(reportJson));
  });

  r.get('/reports/:id/download', async (c) => {
    const db = c.get('deps').database.db;
    const id = intParam(c.req.param('id'), 'id');
    const rep = await db.selectFrom('reports').innerJoin('departments', 'departments.id', 'reports.department_id').selectAll('reports').select('departments.name').where('reports.id', '=', id).executeTakeFirst();
    if (!rep) throw notFound();
    if (rep.published !== 1) {
      if (!c.get('user')) throw notFound();
      await mustSeeDepartment(c, rep.department_id);
    }
    const bytes = await getBlob(db, rep.sha256);
    if (!bytes) throw notFound();
    const name = `${rep.name}${rep.year}年度部门决算.v${rep.version}.${rep.format}`;
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': MIME[rep.format], 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
  });

  r.post('/reports/:id/publish', async (c) => {
    const u = requireRole(c, 'admin', 'reviewer');
    const db = c.get('deps').database.db;
    const id = intParam(c.req.param('id'), 'id');
    const rep = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!rep) throw notFound();
    await mustSeeDepartment(c, rep.department_id);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('reports').set({ published: 1 }).where('id', '=', id).execute();
      await audit(trx, u.id, 'publish', 'report', id);
    });
    return c.json(reportJson({ ...rep, published: 1 }));
  });

  r.get('/public/reports', async (c) => {
    const db = c.get('deps').database.db;
    const yq = c.req.query('year');
    let q = db
      .selectFrom('reports')
      .innerJoin('departments', 'departments.id', 'reports.department_id')
      .innerJoin('regions', 'regions.id', 'departments.region_id')
      .selectAll('reports')
      .select(['departments.name', 'regions.name as regionName'])
      .where('reports.published', '=', 1)
      .orderBy('reports.id', 'desc');
    if (yq) q = q.where('reports.year', '=', intParam(yq, 'year'));
    const rows = await q.execute();
    return c.json(rows.map((r) => ({ ...reportJson(r), departmentName: r.name, regionName: r.regionName })));
  });

  return r;
}
