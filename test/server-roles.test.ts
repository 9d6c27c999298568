/**
 * Every route as every role, on SQLite and on PostgreSQL. Each case names the roles allowed; an allowed call
 * must not be answered 401/403/404, a refused one must be. Department A is in the reviewer's region and is the
 * filer's; department B is in another region. The test also fails if the app has an /api route no case covers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DIALECTS, example, exampleText, form, freshDb, seedOrg, startApp, waitFor, type TestApp, type TestDb } from './server-helpers.js';

type Who = 'admin' | 'reviewer' | 'filer' | 'public';
const ROLES: Who[] = ['admin', 'reviewer', 'filer', 'public'];

interface Case {
  method: string;
  /** The route pattern as registered (for the coverage check). */
  pattern: string;
  path: string;
  body?: () => unknown;
  allow: Who[];
}

describe.each(DIALECTS)('roles on %s', (dialect) => {
  let t: TestDb;
  let s: TestApp;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  const ids = { docA: 0, docB: 0, findingA: 0, findingB: 0, repA: 0, repB: 0, batch: 0 };
  const clients = {} as Record<Who, Client>;

  beforeAll(async () => {
    t = await freshDb(dialect);
    s = await startApp(t, { workers: 1 });
    org = await seedOrg(s.database);
    for (const who of ROLES) {
      clients[who] = new Client(s.app);
      if (who !== 'public') expect((await clients[who].login(who)).status).toBe(200);
    }
    const admin = clients.admin;
    const text = exampleText('\n本部门2020年度收入合计100.00万元，比上年增加10.00万元，增长20.0%。\n');
    ids.docA = (await admin.json('POST', '/api/documents', form([{ name: 'a.md', bytes: text }], { department: String(org.deptA), year: '2020' }))).body.id;
    ids.docB = (await admin.json('POST', '/api/documents', form([{ name: 'b.md', bytes: text }], { department: String(org.deptB), year: '2020' }))).body.id;
    const ma = await admin.json('PUT', `/api/departments/${org.deptA}/years/2020/model`, { model: example() });
    const mb = await admin.json('PUT', `/api/departments/${org.deptB}/years/2020/model`, { model: example() });
    ids.batch = (await admin.json('POST', '/api/batches', form([{ name: 'c.md', bytes: text }], { department: String(org.deptA) }))).body.id;
    for (const id of [ids.docA, ids.docB, ma.body.documentId, mb.body.documentId]) {
      await waitFor(`document ${id}`, async () => (await admin.json('GET', `/api/documents/${id}`)).body.status === 'done');
    }
    ids.findingA = (await admin.json('GET', `/api/documents/${ids.docA}/findings`)).body.results[0].findings[0].id;
    ids.findingB = (await admin.json('GET', `/api/documents/${ids.docB}/findings`)).body.results[0].findings[0].id;
    ids.repA = (await admin.json('POST', `/api/departments/${org.deptA}/years/2020/reports`, { format: 'html' })).body.id;
    ids.repB = (await admin.json('POST', `/api/departments/${org.deptB}/years/2020/reports`, { format: 'html' })).body.id;
    expect(Object.values(ids).every((x) => x > 0)).toBe(true);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  }, 60_000);

  const cases = (): Case[] => {
    const A = org.deptA;
    const B = org.deptB;
    const upload = (dept: number) => () => form([{ name: 'x.md', bytes: exampleText() }], { department: String(dept), year: '2021' });
    const all: Who[] = ['admin', 'reviewer', 'filer', 'public'];
    const staff: Who[] = ['admin', 'reviewer', 'filer'];
    return [
      { method: 'GET', pattern: '/api/health', path: '/api/health', allow: all },
      { method: 'POST', pattern: '/api/session', path: '/api/session', body: () => ({}), allow: all },
      { method: 'GET', pattern: '/api/session', path: '/api/session', allow: all },
      { method: 'GET', pattern: '/api/users', path: '/api/users', allow: ['admin'] },
      { method: 'POST', pattern: '/api/users', path: '/api/users', body: () => ({}), allow: ['admin'] },
      { method: 'GET', pattern: '/api/audit', path: '/api/audit', allow: ['admin'] },
      { method: 'GET', pattern: '/api/years', path: '/api/years', allow: all },
      { method: 'GET', pattern: '/api/tree', path: '/api/tree', allow: staff },
      { method: 'POST', pattern: '/api/regions', path: '/api/regions', body: () => ({}), allow: ['admin'] },
      { method: 'POST', pattern: '/api/departments', path: '/api/departments', body: () => ({}), allow: ['admin'] },
      { method: 'GET', pattern: '/api/departments/:id', path: `/api/departments/${A}`, allow: staff },
      { method: 'GET', pattern: '/api/departments/:id', path: `/api/departments/${B}`, allow: ['admin'] },
      { method: 'POST', pattern: '/api/documents', path: '/api/documents', body: upload(A), allow: staff },
      { method: 'POST', pattern: '/api/documents', path: '/api/documents', body: upload(B), allow: ['admin'] },
      { method: 'GET', pattern: '/api/documents', path: '/api/documents', allow: staff },
      { method: 'GET', pattern: '/api/documents/:id', path: `/api/documents/${ids.docA}`, allow: staff },
      { method: 'GET', pattern: '/api/documents/:id', path: `/api/documents/${ids.docB}`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/documents/:id/file', path: `/api/documents/${ids.docA}/file`, allow: staff },
      { method: 'GET', pattern: '/api/documents/:id/file', path: `/api/documents/${ids.docB}/file`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/documents/:id/findings', path: `/api/documents/${ids.docA}/findings`, allow: staff },
      { method: 'GET', pattern: '/api/documents/:id/findings', path: `/api/documents/${ids.docB}/findings`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/documents/:id/text', path: `/api/documents/${ids.docA}/text`, allow: staff },
      { method: 'GET', pattern: '/api/documents/:id/text', path: `/api/documents/${ids.docB}/text`, allow: ['admin'] },
      { method: 'POST', pattern: '/api/check/model', path: '/api/check/model', body: () => ({ model: example() }), allow: staff },
      { method: 'PATCH', pattern: '/api/findings/:id', path: `/api/findings/${ids.findingA}`, body: () => ({ state: 'open' }), allow: staff },
      { method: 'PATCH', pattern: '/api/findings/:id', path: `/api/findings/${ids.findingB}`, body: () => ({ state: 'open' }), allow: ['admin'] },
      { method: 'POST', pattern: '/api/batches', path: '/api/batches', body: upload(A), allow: ['admin', 'reviewer'] },
      { method: 'GET', pattern: '/api/batches', path: '/api/batches', allow: ['admin', 'reviewer'] },
      { method: 'GET', pattern: '/api/batches/:id', path: `/api/batches/${ids.batch}`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/departments/:id/years/:year/model', path: `/api/departments/${A}/years/2020/model`, allow: staff },
      { method: 'GET', pattern: '/api/departments/:id/years/:year/model', path: `/api/departments/${B}/years/2020/model`, allow: ['admin'] },
      { method: 'PUT', pattern: '/api/departments/:id/years/:year/model', path: `/api/departments/${A}/years/2020/model`, body: () => ({ model: {} }), allow: ['admin', 'filer'] },
      { method: 'PUT', pattern: '/api/departments/:id/years/:year/model', path: `/api/departments/${B}/years/2020/model`, body: () => ({ model: {} }), allow: ['admin'] },
      { method: 'POST', pattern: '/api/departments/:id/years/:year/reports', path: `/api/departments/${A}/years/2020/reports`, body: () => ({ format: 'none' }), allow: ['admin', 'filer'] },
      { method: 'POST', pattern: '/api/departments/:id/years/:year/reports', path: `/api/departments/${B}/years/2020/reports`, body: () => ({ format: 'none' }), allow: ['admin'] },
      { method: 'GET', pattern: '/api/departments/:id/years/:year/reports', path: `/api/departments/${A}/years/2020/reports`, allow: staff },
      { method: 'GET', pattern: '/api/departments/:id/years/:year/reports', path: `/api/departments/${B}/years/2020/reports`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/reports/:id/download', path: `/api/reports/${ids.repA}/download`, allow: staff },
      { method: 'GET', pattern: '/api/reports/:id/download', path: `/api/reports/${ids.repB}/download`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/charts/departments/:id/expenditure', path: `/api/charts/departments/${A}/expenditure`, allow: staff },
      { method: 'GET', pattern: '/api/charts/departments/:id/sangong', path: `/api/charts/departments/${A}/sangong`, allow: staff },
      { method: 'GET', pattern: '/api/charts/departments/:id/execution', path: `/api/charts/departments/${A}/execution`, allow: staff },
      { method: 'GET', pattern: '/api/charts/departments/:id/execution', path: `/api/charts/departments/${B}/execution`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/charts/regions/:id/ranking', path: `/api/charts/regions/${org.regionCq}/ranking?year=2020`, allow: ['admin', 'reviewer'] },
      { method: 'GET', pattern: '/api/charts/regions/:id/ranking', path: `/api/charts/regions/${org.regionSh}/ranking?year=2020`, allow: ['admin'] },
      { method: 'GET', pattern: '/api/public/reports', path: '/api/public/reports', allow: all },
      // Publishing makes a report and its department's charts public: after it, the public may read them.
      { method: 'POST', pattern: '/api/reports/:id/publish', path: `/api/reports/${ids.repB}/publish`, allow: ['admin'] },
      { method: 'POST', pattern: '/api/reports/:id/publish', path: `/api/reports/${ids.repA}/publish`, allow: ['admin', 'reviewer'] },
      { method: 'GET', pattern: '/api/reports/:id/download', path: `/api/reports/${ids.repA}/download`, allow: all },
      { method: 'GET', pattern: '/api/charts/departments/:id/sangong', path: `/api/charts/departments/${A}/sangong`, allow: all },
      { method: 'DELETE', pattern: '/api/session', path: '/api/session', allow: staff },
    ];
  };


  it('should cover every /api route of the app', () => {
    const covered = new Set(cases().map((c) => `${c.method} ${c.pattern}`));
    const routes = s.app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('should let each role do exactly what it may, on every route', async () => {
    const wrong: string[] = [];
    for (const c of cases()) {
      for (const who of ROLES) {
        const res = await clients[who].req(c.method, c.path, c.body?.());
        const refused = [401, 403, 404].includes(res.status);
        const allowed = c.allow.includes(who);
        if (refused === allowed || res.status >= 500) wrong.push(`${who} ${c.method} ${c.path} → ${res.status}${allowed ? '（应允许）' : '（应拒绝）'}`);
        await res.arrayBuffer();
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('should show the public published years only: their reports, downloads and charts, nothing else', async () => {
    // (runs after the route test, which published A's and B's 2020 reports and signed everyone out)
    const admin = new Client(s.app);
    expect((await admin.login('admin')).status).toBe(200);
    const pub = new Client(s.app);
    // A's 2019 is saved but not published: the public's charts of A leave it out; staff see it.
    const m19 = { ...example(), year: 2019 };
    expect((await admin.json('PUT', `/api/departments/${org.deptA}/years/2019/model`, { model: m19 })).status).toBe(200);
    for (const chart of ['expenditure', 'sangong', 'execution']) {
      expect((await pub.json('GET', `/api/charts/departments/${org.deptA}/${chart}`)).body.years).toEqual([2020]);
      expect((await admin.json('GET', `/api/charts/departments/${org.deptA}/${chart}`)).body.years).toEqual([2019, 2020]);
    }
    const list = (await pub.json('GET', '/api/public/reports')).body as { id: number; departmentId: number; year: number; departmentName: string; regionName: string; published: boolean }[];
    expect(list.map((r) => r.id).sort()).toEqual([ids.repA, ids.repB].sort());
    expect(list.find((r) => r.id === ids.repA)).toMatchObject({ departmentId: org.deptA, year: 2020, departmentName: '重庆市北碚区人民政府办公室', regionName: '北碚区', published: true });
    // A report generated but not published is neither listed nor downloadable, nor are its department's charts.
    const unit = await admin.json('PUT', `/api/departments/${org.unitA}/years/2020/model`, { model: example() });
    await waitFor('unit model checked', async () => (await admin.json('GET', `/api/documents/${unit.body.documentId}`)).body.status === 'done');
    const rep = await admin.json('POST', `/api/departments/${org.unitA}/years/2020/reports`, { format: 'html' });
    expect(rep.status).toBe(201);
    expect((await pub.json('GET', '/api/public/reports')).body.map((r: { id: number }) => r.id)).not.toContain(rep.body.id);
    expect((await pub.req('GET', `/api/reports/${rep.body.id}/download`)).status).toBe(404);
    expect((await pub.req('GET', `/api/charts/departments/${org.unitA}/sangong`)).status).toBe(404);
    // The public's downloads are the published bytes.
    const dl = await pub.req('GET', `/api/reports/${ids.repA}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain('attachment');
    expect(await dl.text()).toContain('重庆市北碚区人民政府办公室');
  }, 120_000);
});
