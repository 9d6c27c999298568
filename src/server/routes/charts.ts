/**
 * Chart data, from the latest model of each year: a department's expenditure by 功能分类 类, its 三公 over
 * years, 三公 budget execution, and a ranking of a region's departments by findings for a year.
 * Money stays decimal strings; subtotals and the execution rate come from the one calculus the generator and the
 * checker use (model/concepts.ts, calc/compare.ts completion: half-up to 0.1%).
 */
import { Hono } from 'hono';
import { plain, type Dec } from '../../calc/money.js';
import { completion } from '../../calc/compare.js';
import { conceptValue } from '../../model/concepts.js';
import { stated } from '../../jobs/cross-year.js';
import { regionAndBelow } from '../../db/repo.js';
import { validateDisclosure, type Disclosure } from '../../model/schema.js';

/** A stored model with its totals derived (a model states leaves; charts show totals too); null when it no longer validates. */
function derived(m: unknown): { model: Obj; disclosure: Disclosure | null } {
  const v = validateDisclosure(m, { derive: 'lenient' });
  return v.ok ? { model: v.model as unknown as Obj, disclosure: v.model } : { model: m as Obj, disclosure: null };
}
import { HttpError, intParam, mustSeeDepartment, notFound, requireRole, scopeOf, type AppEnv, type Ctx } from '../context.js';
import { badges } from './org.js';

type Obj = Record<string, unknown>;

/**
 * Latest model per year of a department, oldest year first. The public sees only the years with a published
 * report (a year not yet published stays private even when another year of the department is public).
 */
async function modelsByYear(c: Ctx, id: number): Promise<{ year: number; model: Obj; disclosure: Disclosure | null }[]> {
  const db = c.get('deps').database.db;
  let q = db.selectFrom('models').select(['year', 'version', 'json']).where('department_id', '=', id);
  if (!c.get('user')) {
    const published = await db.selectFrom('reports').select('year').distinct().where('department_id', '=', id).where('published', '=', 1).execute();
    q = q.where('year', 'in', published.length ? published.map((p) => p.year) : [-1]);
  }
  const rows = await q.orderBy('year').orderBy('version', 'desc').execute();
  const out: { year: number; model: Obj; disclosure: Disclosure | null }[] = [];
  for (const r of rows) if (out[out.length - 1]?.year !== r.year) out.push({ year: r.year, ...derived(JSON.parse(r.json)) });
  return out;
}

/** Public callers see charts only of departments with a published report; others by their scope. */
async function chartDepartment(c: Ctx): Promise<number> {
  const id = intParam(c.req.param('id'), 'id');
  const db = c.get('deps').database.db;
  if (!(await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst())) throw notFound();
  if (!c.get('user')) {
    const pub = await db.selectFrom('reports').select('id').where('department_id', '=', id).where('published', '=', 1).limit(1).executeTakeFirst();
    if (!pub) throw notFound();
  } else await mustSeeDepartment(c, id);
  return id;
}

const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
const str = (v: Dec | null): string | null => (v === null ? null : plain(v));

export function chartRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/charts/departments/:id/expenditure', async (c) => {
    const years = await modelsByYear(c, await chartDepartment(c));
    const names = new Map<string, string>();
    const values = new Map<string, (string | null)[]>();
    years.forEach(({ model }, i) => {
      const t5 = (model.tables as Obj[] | undefined)?.find((t) => t.kind === 't5');
      for (const row of (t5?.rows as Obj[] | undefined) ?? []) {
        const code = row.code;
        if (typeof code !== 'string' || !/^\d{3}$/.test(code)) continue;
        names.set(code, String(row.name ?? code));
        const list = values.get(code) ?? years.map(() => null);
        list[i] = str(stated(get(row, 'values', 'total')));
        values.set(code, list);
      }
    });
    const series = [...values.keys()].sort().map((code) => ({ code, name: names.get(code)!, values: values.get(code)! }));
    return c.json({ years: years.map((y) => y.year), series });
  });

  r.get('/charts/departments/:id/sangong', async (c) => {
    const years = await modelsByYear(c, await chartDepartment(c));
    // All four from model/concepts, as the checker reads them (公务用车购置及运行维护费 = 购置费 + 运行维护费, stated
    // when both are); a stored model that no longer validates is not drawn for its year.
    const series = (id: string) => years.map((y) => str(y.disclosure ? conceptValue(y.disclosure, id) : null));
    return c.json({
      years: years.map((y) => y.year),
      series: { total: series('三公经费'), abroad: series('因公出国（境）费'), vehicle: series('公务用车购置及运行维护费'), reception: series('公务接待费') },
    });
  });

  r.get('/charts/departments/:id/execution', async (c) => {
    const years = await modelsByYear(c, await chartDepartment(c));
    const budget = years.map((y) => stated(get(y.model, 'sanGong', 'total', 'budget')));
    const actual = years.map((y) => stated(get(y.model, 'sanGong', 'total', 'actual')));
    const rate = budget.map((b, i) => (b && actual[i] ? (completion(actual[i]!, b, 1)?.toFixed(1) ?? null) : null));
    return c.json({ years: years.map((y) => y.year), budget: budget.map(str), actual: actual.map(str), rate });
  });

  r.get('/charts/regions/:id/ranking', async (c) => {
    const u = requireRole(c, 'admin', 'reviewer');
    const db = c.get('deps').database.db;
    const id = intParam(c.req.param('id'), 'id');
    const yq = c.req.query('year');
    if (!yq) throw new HttpError(400, 'bad-request', '请给出 year');
    const year = intParam(yq, 'year');
    if (!(await db.selectFrom('regions').select('id').where('id', '=', id).executeTakeFirst())) throw notFound();
    const regions = await regionAndBelow(db, id);
    if (u.role === 'reviewer' && u.regionId !== null && !(await regionAndBelow(db, u.regionId)).includes(id)) throw notFound();
    const scope = await scopeOf(c);
    const depts = (await db.selectFrom('departments').select(['id', 'name']).where('region_id', 'in', regions).execute()).filter((d) => !scope || scope.has(d.id));
    const b = await badges(db, depts.map((d) => d.id));
    const rows = depts.map((d) => {
      const x = b.get(d.id)?.[year];
      return { departmentId: d.id, name: d.name, errors: x?.errors ?? 0, warnings: x?.warnings ?? 0, infos: x?.infos ?? 0, open: x?.open ?? 0, checked: x?.status === 'done' };
    });
    rows.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.departmentId - b.departmentId);
    return c.json(rows);
  });

  return r;
}
