/**
 * The JSON API on SQLite and on PostgreSQL (a fresh database each): health, sign-in (cookie flags, wrong
 * password, rate limit), CSRF, uploads judged by content and size, immutable versions, background checking
 * with the same findings JSON as `juesuan check --format json`, accepting findings, the data editor,
 * reports blocked by open errors, charts, the audit log and error answers without stack traces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkToJson } from '../src/jobs/threads.js';
import { generate } from '../src/generate/index.js';
import { parseModel } from '../src/model/parse.js';
import { renderTo } from '../src/render/index.js';
import { insertDocument, sha256 } from '../src/db/repo.js';
import { openQueue } from '../src/jobs/queue.js';
import { Client, DIALECTS, example, exampleText, form, freshDb, seedOrg, startApp, waitFor, type TestApp, type TestDb } from './server-helpers.js';

describe.each(DIALECTS)('API on %s', (dialect) => {
  let t: TestDb;
  let s: TestApp;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  const admin = () => new Client(s.app);

  beforeAll(async () => {
    t = await freshDb(dialect);
    s = await startApp(t, { workers: 1, maxUploadBytes: 2 * 1024 * 1024 });
    org = await seedOrg(s.database);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  }, 60_000);

  it('should answer health with the database in use', async () => {
    const r = await new Client(s.app).json('GET', '/api/health');
    expect(r).toEqual({ status: 200, body: { ok: true, db: dialect } });
  });

  it('should sign in with an httpOnly SameSite cookie, refuse wrong passwords and rate-limit failures', async () => {
    const c = admin();
    const res = await c.login('admin');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const me = await c.json('GET', '/api/session');
    expect(me.body.user.username).toBe('admin');

    expect((await c.json('POST', '/api/users', { username: 'target', password: 'a long password', role: 'admin' })).status).toBe(201);
    const bad = new Client(s.app);
    for (let i = 0; i < 10; i++) expect((await bad.login('target', 'wrong password')).status).toBe(401);
    expect((await bad.login('target', 'wrong password')).status).toBe(429);
    // The right password is refused too while blocked; other users are not affected.
    expect((await bad.login('target', 'a long password')).status).toBe(429);
    expect((await new Client(s.app).login('filer')).status).toBe(200);
  });

  it('should refuse state changes without the CSRF token or from another origin', async () => {
    const c = admin();
    await c.login('admin');
    const token = c.csrf;
    c.csrf = '';
    const r = await c.json('POST', '/api/users', { username: 'x1', password: 'long enough pw', role: 'admin' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('csrf');
    c.csrf = token;
    const cross = await c.req('POST', '/api/users', { username: 'x1', password: 'long enough pw', role: 'admin' }, { origin: 'http://evil.example', host: 'localhost' });
    expect(cross.status).toBe(403);
    expect((await c.json('POST', '/api/users', { username: 'x1', password: 'long enough pw', role: 'admin' })).status).toBe(201);
  });

  it('should judge uploads by content and size, keep every byte, and version re-uploads', async () => {
    const c = new Client(s.app);
    await c.login('filer');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const r415 = await c.json('POST', '/api/documents', form([{ name: 'report.pdf', bytes: png }]));
    expect(r415.status).toBe(415);
    const big = new Uint8Array(2 * 1024 * 1024 + 10).fill(0x41);
    expect((await c.json('POST', '/api/documents', form([{ name: 'big.txt', bytes: big }]))).status).toBe(413);

    const bytes = exampleText();
    const up1 = await c.json('POST', '/api/documents', form([{ name: '决算.exe', bytes }], { year: '2020' }));
    expect(up1.status).toBe(201);
    expect(up1.body.sha256).toBe(sha256(bytes));
    const up2 = await c.json('POST', '/api/documents', form([{ name: '决算.txt', bytes }], { year: '2020' }));
    expect(up2.body.version).toBe(up1.body.version + 1);
    expect(up2.body.sha256).toBe(up1.body.sha256);
    const doc = await c.json('GET', `/api/documents/${up1.body.id}`);
    expect(doc.body.departmentId).toBe(org.deptA);
    expect(doc.body.filename).toBe('决算.txt'); // the extension comes from the content
    const file = await c.req('GET', `/api/documents/${up1.body.id}/file`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('should check in the background and give the findings JSON of `juesuan check --format json`', async () => {
    const c = new Client(s.app);
    await c.login('reviewer');
    const bytes = exampleText('\n本部门2020年度收入合计100.00万元，比上年增加10.00万元，增长20.0%。\n');
    const up = await c.json('POST', '/api/documents', form([{ name: 'mutated.md', bytes }], { department: String(org.deptA), year: '2019' }));
    expect(up.status).toBe(201);
    expect((await c.json('GET', `/api/documents/${up.body.id}/findings`)).status).toBe(409);
    const done = await waitFor('document checked', async () => {
      const d = await c.json('GET', `/api/documents/${up.body.id}`);
      return d.body.status === 'done' || d.body.status === 'failed' ? d.body : null;
    });
    expect(done.status).toBe('done');
    const got = await c.json('GET', `/api/documents/${up.body.id}/findings`);
    const expected = JSON.parse((await checkToJson('upload', bytes, 'mutated.md')).resultJson);
    expect(got.body.version).toBe(1);
    const stripped = got.body.results[0].findings.map(({ id: _id, state: _state, justification: _justification, ...f }: Record<string, unknown>) => f);
    expect(stripped).toEqual(expected.findings);
    expect(got.body.results[0].findings.every((f: { state: string; id: number }) => f.state === 'open' && f.id > 0)).toBe(true);
    const err = got.body.results[0].findings.find((f: { severity: string }) => f.severity === 'error');
    expect(err, 'the mutated sentence (10 on 90 is 11.1%, not 20.0%) is an error').toBeTruthy();
    expect(done.counts.error).toBeGreaterThan(0);

    // A filer may not accept; a reviewer must give a justification.
    const filer = new Client(s.app);
    await filer.login('filer');
    expect((await filer.json('PATCH', `/api/findings/${err.id}`, { state: 'accepted', justification: '四舍五入口径不同' })).status).toBe(403);
    expect((await c.json('PATCH', `/api/findings/${err.id}`, { state: 'accepted' })).status).toBe(400);
    const acc = await c.json('PATCH', `/api/findings/${err.id}`, { state: 'accepted', justification: '原文如此，已与部门核实' });
    expect(acc.body).toMatchObject({ state: 'accepted', justification: '原文如此，已与部门核实' });
    const again = await c.json('GET', `/api/documents/${up.body.id}/findings`);
    expect(again.body.results[0].findings.find((f: { id: number }) => f.id === err.id).state).toBe('accepted');
  }, 180_000);

  it('should give the text each finding\'s span points into: an HTML or DOCX upload\'s text as read, a model\'s JSON', async () => {
    const c = new Client(s.app);
    await c.login('admin');
    // The example as HTML, one paragraph a line, with a sentence whose rate is wrong (an error with a span).
    const md = new TextDecoder().decode(exampleText('\n本部门2020年度收入合计100.00万元，比上年增加10.00万元，增长20.0%。\n'));
    const html = `<!doctype html><html><body>${md.split('\n').filter(Boolean).map((l) => `<p>${l.replace(/[<&]/g, (ch) => (ch === '<' ? '&lt;' : '&amp;'))}</p>`).join('\n')}</body></html>`;
    const up = await c.json('POST', '/api/documents', form([{ name: 'x.html', bytes: new TextEncoder().encode(html) }], { department: String(org.deptA), year: '2018' }));
    expect(up.status).toBe(201);
    await waitFor('html checked', async () => (await c.json('GET', `/api/documents/${up.body.id}`)).body.status === 'done');
    const { body } = await c.json('GET', `/api/documents/${up.body.id}/text`);
    expect(body.source).toBe('document');
    expect(body.text).toContain('增长20.0%');
    expect(body.text).not.toContain('<p>');
    const fs = (await c.json('GET', `/api/documents/${up.body.id}/findings`)).body.results[0].findings as { severity: string; location: { line: number; column: number; offset?: number; length?: number } }[];
    const errs = fs.filter((f) => f.severity === 'error');
    expect(errs.map((e) => body.text.slice(e.location.offset!, e.location.offset! + e.location.length!))).toContain('20.0');
    // Offsets and line/column agree for every finding: either locates the span in this text.
    const starts = [0, ...[...body.text.matchAll(/\n/g)].map((m: RegExpMatchArray) => m.index! + 1)];
    for (const f of fs) if (f.location.offset !== undefined) expect(starts[f.location.line - 1] + f.location.column - 1).toBe(f.location.offset);

    // A DOCX (the example rendered): its text as the DOCX reader made it, every finding's offset at its line/column.
    const docx = await renderTo('docx', generate(parseModel(new TextEncoder().encode(JSON.stringify(example())), 'm.json')));
    const upd = await c.json('POST', '/api/documents', form([{ name: 'x.docx', bytes: docx }], { department: String(org.deptA), year: '2017' }));
    await waitFor('docx checked', async () => (await c.json('GET', `/api/documents/${upd.body.id}`)).body.status === 'done');
    const dt = (await c.json('GET', `/api/documents/${upd.body.id}/text`)).body.text as string;
    expect(dt).toContain('重庆市北碚区人民政府办公室');
    const dstarts = [0, ...[...dt.matchAll(/\n/g)].map((m: RegExpMatchArray) => m.index! + 1)];
    const dfs = (await c.json('GET', `/api/documents/${upd.body.id}/findings`)).body.results[0].findings as typeof fs;
    expect(dfs.some((f) => f.location.offset !== undefined)).toBe(true);
    for (const f of dfs) if (f.location.offset !== undefined) expect(dstarts[f.location.line - 1] + f.location.column - 1).toBe(f.location.offset);

    // A model's findings point into its JSON (line/column): the text is the stored JSON.
    const m = await c.json('PUT', `/api/departments/${org.deptA}/years/2018/model`, { model: { ...example(), year: 2018 } });
    const t = await c.json('GET', `/api/documents/${m.body.documentId}/text`);
    expect(t.body.source).toBe('model');
    expect(JSON.parse(t.body.text).year).toBe(2018);
  }, 180_000);

  it('should dry-run a draft model for the editor: findings with JSON paths, nothing stored', async () => {
    const c = new Client(s.app);
    await c.login('filer');
    const count = async () => (await s.database.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const draft: Record<string, any> = structuredClone(example());
    draft.sanGong.total.actual = '99.99'; // a stated 三公 total that its items (43.22) contradict
    const r = await c.json('POST', '/api/check/model', { model: draft });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    const fs = r.body.results[0].findings as { severity: string; location: { jsonPath?: string } }[];
    expect(fs.length).toBeGreaterThan(0);
    expect(fs.every((f) => typeof f.location.jsonPath === 'string' && f.location.jsonPath.length > 0)).toBe(true);
    const clean = (await c.json('POST', '/api/check/model', { model: example() })).body.results[0].findings as { severity: string; message: string }[];
    // The draft's change is what the dry run reports: findings about 三公 that the saved example does not have.
    const extra = fs.filter((f) => !clean.some((x) => JSON.stringify(x) === JSON.stringify(f)));
    expect(extra.some((f) => f.severity === 'error' && f.location.jsonPath === 'sanGong.total.actual')).toBe(true);
    expect(Number(await count())).toBe(before);
    const bad = await c.json('POST', '/api/check/model', { model: { schemaVersion: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-model');
    expect(bad.body.error.issues.length).toBeGreaterThan(0);
  }, 120_000);

  it('should save models, re-check them, block reports while errors are open, then generate and download', async () => {
    const filer = new Client(s.app);
    await filer.login('filer');
    const url = `/api/departments/${org.deptA}/years/2020`;
    expect((await filer.json('PUT', `${url}/model`, { model: { year: 2020 } })).body.error.code).toBe('invalid-model');
    const model = example();
    // A wrong 三公 total: the sum of its items no longer matches → an error-level finding.
    (model.sanGong as any).total.actual = '53.22';
    const saved = await filer.json('PUT', `${url}/model`, { model });
    expect(saved.status).toBe(200);
    const waitDone = (id: number) => waitFor('model checked', async () => ((await filer.json('GET', `/api/documents/${id}`)).body.status === 'done' ? true : null));
    await waitDone(saved.body.documentId);
    const doc = await filer.json('GET', `/api/documents/${saved.body.documentId}`);
    expect(doc.body.counts.error).toBeGreaterThan(0);
    const blocked = await filer.json('POST', `${url}/reports`, { format: 'html' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('open-errors');

    const fixed = await filer.json('PUT', `${url}/model`, { model: example() });
    expect(fixed.body.version).toBe(saved.body.version + 1);
    await waitDone(fixed.body.documentId);
    const got = await filer.json('GET', `${url}/model`);
    expect(got.body.version).toBe(fixed.body.version);
    // The errors of the earlier version that no longer occur are marked fixed.
    const old = await filer.json('GET', `/api/documents/${saved.body.documentId}/findings`);
    const oldErrors = old.body.results[0].findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(oldErrors.length).toBeGreaterThan(0);
    expect(oldErrors.every((f: { state: string }) => f.state === 'fixed')).toBe(true);

    const rep = await filer.json('POST', `${url}/reports`, { format: 'docx' });
    expect(rep.status).toBe(201);
    const dl = await filer.req('GET', `/api/reports/${rep.body.id}/download`);
    const bytes = new Uint8Array(await dl.arrayBuffer());
    expect(sha256(bytes)).toBe(rep.body.sha256);
    expect(bytes[0]).toBe(0x50); // PK: a .docx
    // Unpublished: the public cannot download it; published: it can.
    expect((await new Client(s.app).req('GET', `/api/reports/${rep.body.id}/download`)).status).toBe(404);
    const reviewer = new Client(s.app);
    await reviewer.login('reviewer');
    expect((await reviewer.json('POST', `/api/reports/${rep.body.id}/publish`)).body.published).toBe(true);
    expect((await new Client(s.app).req('GET', `/api/reports/${rep.body.id}/download`)).status).toBe(200);
    const pub = await new Client(s.app).json('GET', '/api/public/reports');
    expect(pub.body.map((r: { id: number }) => r.id)).toContain(rep.body.id);

    // Charts from the model: expenditure by 类 and 三公, the same figures as the model.
    const exp = await new Client(s.app).json('GET', `/api/charts/departments/${org.deptA}/expenditure`);
    expect(exp.body.years).toEqual([2020]);
    expect(exp.body.series.find((x: { code: string }) => x.code === '201').values).toEqual(['1462.95']);
    const sg = await new Client(s.app).json('GET', `/api/charts/departments/${org.deptA}/sangong`);
    expect(sg.body.series.total).toEqual(['43.22']);
    expect(sg.body.series.vehicle).toEqual(['32.76']);
    expect(sg.body.series.abroad).toEqual(['8.55']);
    expect(sg.body.series.reception).toEqual(['1.91']);
    const ex = await new Client(s.app).json('GET', `/api/charts/departments/${org.deptA}/execution`);
    expect(ex.body).toEqual({ years: [2020], budget: ['57.60'], actual: ['43.22'], rate: ['75.0'] });
    const rank = await reviewer.json('GET', `/api/charts/regions/${org.regionCq}/ranking?year=2020`);
    expect(rank.body.map((r: { departmentId: number }) => r.departmentId)).toEqual(expect.arrayContaining([org.deptA, org.unitA]));
    expect(rank.body.map((r: { departmentId: number }) => r.departmentId)).not.toContain(org.deptB);

    // Every change is in the audit log.
    const a = admin();
    await a.login('admin');
    const log = await a.json('GET', '/api/audit?limit=500');
    const actions = new Set(log.body.map((e: { action: string }) => e.action));
    for (const x of ['upload', 'save', 'generate', 'publish', 'finding-accepted', 'sign-in', 'create']) expect(actions).toContain(x);
  }, 240_000);

  it('should compare a model with last year\'s model of the same body (cross-year)', async () => {
    const filer = new Client(s.app);
    await filer.login('filer');
    const m2019: Record<string, any> = { ...example(), year: 2019 };
    (m2019.sanGong as any).total.actual = '59.66'; // 2020's stated 上年 figure, so that one agrees
    const a = await filer.json('PUT', `/api/departments/${org.unitA}/years/2019/model`, { model: m2019 });
    const b = await filer.json('PUT', `/api/departments/${org.unitA}/years/2020/model`, { model: example() });
    await waitFor('both checked', async () => ((await filer.json('GET', `/api/documents/${b.body.documentId}`)).body.status === 'done' && (await filer.json('GET', `/api/documents/${a.body.documentId}`)).body.status === 'done'));
    const f = await filer.json('GET', `/api/documents/${b.body.documentId}/findings`);
    const cross = f.body.results[0].findings.filter((x: { ruleId: string }) => x.ruleId === 'cross/prior-year');
    // 2019 is the 2020 figures otherwise: each 三公 item's 上年 (16.52, 24.92, 18.22 …) differs from 2019's 决算.
    expect(cross.map((x: { message: string }) => x.message).join('\n')).toContain('因公出国（境）费上年数应与2019年度公开的决算数一致：应为8.55万元，实为16.52万元');
    expect(cross.some((x: { message: string }) => x.message.startsWith('“三公”经费合计'))).toBe(false);

    // Uploaded disclosures, through their extracted figures: 2019's text is the 2020 text (本年收入合计 1,911.05),
    // so 2020's stated 上年 2,062.86 disagrees with it.
    const a2 = new Client(s.app);
    await a2.login('admin');
    const text = exampleText();
    const d19 = await a2.json('POST', '/api/documents', form([{ name: '2019.md', bytes: text }], { department: String(org.deptB), year: '2019' }));
    await waitFor('2019 checked', async () => (await a2.json('GET', `/api/documents/${d19.body.id}`)).body.status === 'done');
    const d20 = await a2.json('POST', '/api/documents', form([{ name: '2020.md', bytes: text }], { department: String(org.deptB), year: '2020' }));
    await waitFor('2020 checked', async () => (await a2.json('GET', `/api/documents/${d20.body.id}`)).body.status === 'done');
    const f20 = (await a2.json('GET', `/api/documents/${d20.body.id}/findings`)).body.results[0].findings;
    expect(f20.find((x: { ruleId: string; message: string }) => x.ruleId === 'cross/prior-year' && x.message.startsWith('本年收入合计'))).toMatchObject({ expected: '1911.05', actual: '2062.86' });
    const f19 = (await a2.json('GET', `/api/documents/${d19.body.id}/findings`)).body.results[0].findings;
    expect(f19.some((x: { ruleId: string }) => x.ruleId === 'cross/prior-year')).toBe(false);
  }, 180_000);

  it('should let the administrator add regions, departments and units, seen by the region\'s reviewer', async () => {
    const a = admin();
    await a.login('admin');
    const region = await a.json('POST', '/api/regions', { name: '合川区', parentId: org.regionCq });
    expect(region.status).toBe(201);
    const dept = await a.json('POST', '/api/departments', { name: '合川区财政局', regionId: region.body.id });
    const unit = await a.json('POST', '/api/departments', { name: '合川区国库支付中心', parentId: dept.body.id });
    expect(unit.body).toMatchObject({ kind: 'unit', regionId: region.body.id, parentId: dept.body.id });
    expect((await a.json('POST', '/api/departments', { name: '无地区' })).status).toBe(400);
    const r = new Client(s.app);
    await r.login('reviewer');
    const tree = JSON.stringify((await r.json('GET', '/api/tree')).body);
    expect(tree).toContain('合川区国库支付中心');
    expect(tree).not.toContain('上海市某局');
  });

  it('should check a document committed but never announced (killed in between), once even if announced twice', async () => {
    const doc = await s.database.db.transaction().execute((trx) =>
      insertDocument(trx, { kind: 'upload', filename: 'lost.md', bytes: exampleText('\n未通知的文档。\n'), departmentId: org.deptA, year: 2018, batchId: null, userId: null }),
    );
    // What a restarted process does on opening the queue (SQLite: the table is the queue; PostgreSQL: re-announce).
    const other = await openQueue(s.database);
    await other.close();
    const row = await waitFor('lost document checked', async () => {
      const r = await s.database.db.selectFrom('documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
      return r.status === 'done' ? r : null;
    });
    await s.queue.enqueue([doc.id]);
    await s.queue.enqueue([doc.id]);
    await new Promise((r) => setTimeout(r, 2000));
    const again = await s.database.db.selectFrom('documents').select('check_runs').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(again.check_runs).toBe(1);
  }, 120_000);

  it('should answer unknown failures without a stack trace', async () => {
    const c = admin();
    await c.login('admin');
    const r = await c.req('POST', '/api/users', '{not json', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    const text = await c.req('GET', '/api/documents/abc').then((x) => x.text());
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});
