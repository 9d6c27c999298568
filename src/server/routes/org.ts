/** Fiscal years, the region → department → unit tree with per-year badges, one department. */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../db/repo.js';
import { HttpError, intParam, jsonBody, mustSeeDepartment, notFound, optionalInt, requireRole, scopeOf, userOf, type AppEnv } from '../context.js';

function nameOf(v: unknown): string {
  const name = typeof v === 'string' ? v.trim() : '';
  if (name.length < 2 || name.length > 100) throw new HttpError(400, 'bad-request', 'name 应为 2–100 个字符');
  return name;
}

export interface Badge {
  documentId: number | null;
  status: string | null;
  errors: number;
  warnings: number;
  infos: number;
  open: number;
  hasModel: boolean;
  reports: number;
  published: boolean;
}

/** Badges for departments (id → year → badge), from the latest document, the models and the reports. */
export async function badges(db: Kysely<DB>, deptIds: number[]): Promise<Map<number, Record<string, Badge>>> {
  const out = new Map<number, Record<string, Badge>>();
  if (deptIds.length === 0) return out;
  const get = (d: number, y: number): Badge => {
    const m = out.get(d) ?? {};
    out.set(d, m);
    return (m[y] ??= { documentId: null, status: null, errors: 0, warnings: 0, infos: 0, open: 0, hasModel: false, reports: 0, published: false });
  };
  const latest = db
    .selectFrom('documents')
    .select((eb) => ['department_id', 'year', eb.fn.max('id').as('id')])
    .where('department_id', 'in', deptIds)
    .where('year', 'is not', null)
    .groupBy(['department_id', 'year']);
  const docs = await db
    .selectFrom('documents')
    .innerJoin(latest.as('l'), 'l.id', 'documents.id')
    .select(['documents.id', 'documents.department_id', 'documents.year', 'documents.status', 'documents.errors', 'documents.warnings', 'documents.infos'])
    .execute();
  const open = await db
    .selectFrom('findings')
    .innerJoin(latest.as('l'), 'l.id', 'findings.document_id')
    .select((eb) => ['findings.document_id', eb.fn.countAll<number>().as('n')])
    .where('findings.state', '=', 'open')
    .where('findings.severity', 'in', ['error', 'warning'])
    .groupBy('findings.document_id')
    .execute();
  const openBy = new Map(open.map((o) => [o.document_id, Number(o.n)]));
  for (const d of docs) {
    const b = get(d.department_id!, d.year!);
    Object.assign(b, { documentId: d.id, status: d.status, errors: d.errors, warnings: d.warnings, infos: d.infos, open: openBy.get(d.id) ?? 0 });
  }
  const models = await db.selectFrom('models').select(['department_id', 'year']).distinct().where('department_id', 'in', deptIds).execute();
  for (const m of models) get(m.department_id, m.year).hasModel = true;
  const reports = await db.selectFrom('reports').select(['department_id', 'year', 'published']).where('department_id', 'in', deptIds).execute();
  for (const r of reports) {
    const b = get(r.department_id, r.year);
    b.reports++;
    if (r.published) b.published = true;
  }
  return out;
}

interface DeptNode {
  id: number;
  name: string;
  kind: 'department' | 'unit';
  regionId: number;
  parentId: number | null;
  units: DeptNode[];
  years: Record<string, Badge>;
}

export function orgRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/years', async (c) => {
    const rows = await c.get('deps').database.db.selectFrom('fiscal_years').select('year').orderBy('year').execute();
    return c.json(rows.map((y) => y.year));
  });

  r.get('/tree', async (c) => {
    userOf(c);
    const db = c.get('deps').database.db;
    const scope = await scopeOf(c);
    const regions = await db.selectFrom('regions').selectAll().orderBy('id').execute();
    let depts = await db.selectFrom('departments').selectAll().orderBy('id').execute();
    if (scope) depts = depts.filter((d) => scope.has(d.id));
    const b = await badges(db, depts.map((d) => d.id));
    const nodes = new Map<number, DeptNode>(depts.map((d) => [d.id, { id: d.id, name: d.name, kind: d.kind, regionId: d.region_id, parentId: d.parent_id, units: [], years: b.get(d.id) ?? {} }]));
    type RegionNode = { id: number; name: string; parentId: number | null; regions: RegionNode[]; departments: DeptNode[] };
    const rnodes = new Map<number, RegionNode>(regions.map((x) => [x.id, { id: x.id, name: x.name, parentId: x.parent_id, regions: [], departments: [] }]));
    for (const n of nodes.values()) {
      const parent = n.parentId !== null ? nodes.get(n.parentId) : undefined;
      if (parent) parent.units.push(n);
      else rnodes.get(n.regionId)?.departments.push(n);
    }
    for (const x of rnodes.values()) if (x.parentId !== null) rnodes.get(x.parentId)?.regions.push(x);
    // Keep only branches holding something the user may see.
    const keep = (x: RegionNode): boolean => {
      x.regions = x.regions.filter(keep);
      return x.departments.length > 0 || x.regions.length > 0;
    };
    return c.json([...rnodes.values()].filter((x) => x.parentId === null && keep(x)));
  });

  r.post('/regions', async (c) => {
    const u = requireRole(c, 'admin');
    const db = c.get('deps').database.db;
    const b = await jsonBody(c);
    const name = nameOf(b.name);
    const parentId = optionalInt(b.parentId, 'parentId');
    if (parentId !== null && !(await db.selectFrom('regions').select('id').where('id', '=', parentId).executeTakeFirst())) throw new HttpError(400, 'bad-request', '上级地区不存在');
    const row = await db.transaction().execute(async (trx) => {
      const r = await trx.insertInto('regions').values({ name, parent_id: parentId }).returningAll().executeTakeFirstOrThrow();
      await audit(trx, u.id, 'create', 'region', r.id, { name, parentId });
      return r;
    });
    return c.json({ id: row.id, name: row.name, parentId: row.parent_id }, 201);
  });

  r.post('/departments', async (c) => {
    const u = requireRole(c, 'admin');
    const db = c.get('deps').database.db;
    const b = await jsonBody(c);
    const name = nameOf(b.name);
    const parentId = optionalInt(b.parentId, 'parentId');
    let regionId = optionalInt(b.regionId, 'regionId');
    if (parentId !== null) {
      // A unit belongs to a department (and to its region).
      const parent = await db.selectFrom('departments').select(['id', 'region_id', 'kind']).where('id', '=', parentId).executeTakeFirst();
      if (!parent || parent.kind !== 'department') throw new HttpError(400, 'bad-request', 'parentId 应为一个部门');
      regionId = parent.region_id;
    }
    if (regionId === null || !(await db.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst())) throw new HttpError(400, 'bad-request', '需要有效的 regionId');
    const kind = parentId === null ? 'department' : 'unit';
    const row = await db.transaction().execute(async (trx) => {
      const d = await trx.insertInto('departments').values({ name, region_id: regionId!, parent_id: parentId, kind }).returningAll().executeTakeFirstOrThrow();
      await audit(trx, u.id, 'create', 'department', d.id, { name, regionId, parentId, kind });
      return d;
    });
    return c.json({ id: row.id, name: row.name, kind: row.kind, regionId: row.region_id, parentId: row.parent_id, units: [], years: {} }, 201);
  });

  r.get('/departments/:id', async (c) => {
    userOf(c);
    const id = intParam(c.req.param('id'), 'id');
    await mustSeeDepartment(c, id);
    const db = c.get('deps').database.db;
    const d = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) throw notFound();
    const units = await db.selectFrom('departments').selectAll().where('parent_id', '=', id).orderBy('id').execute();
    const b = await badges(db, [id, ...units.map((u) => u.id)]);
    const node = (x: typeof d): DeptNode => ({ id: x.id, name: x.name, kind: x.kind, regionId: x.region_id, parentId: x.parent_id, units: [], years: b.get(x.id) ?? {} });
    return c.json({ ...node(d), units: units.map(node) });
  });

  return r;
}
