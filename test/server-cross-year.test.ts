/**
 * Cross-year check when last year's disclosure arrives late: year Y is checked first (nothing to compare with),
 * then Y−1 arrives and Y is compared again — its 上年 figures against the newly arrived Y−1 — keeping the
 * other findings and the states reviewers gave them. A corrected Y−1 takes the findings away again.
 * On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDocument, storeResult } from '../src/db/repo.js';
import { compareAgain } from '../src/jobs/cross-year.js';
import { checkToJson } from '../src/jobs/threads.js';
import { Client, DIALECTS, example, exampleText, form, freshDb, seedOrg, startApp, waitFor, type TestApp, type TestDb } from './server-helpers.js';

type F = { id: number; ruleId: string; severity: string; message: string; state: string; justification: string | null; expected?: string; actual?: string };

describe.each(DIALECTS)('late prior year on %s', (dialect) => {
  let t: TestDb;
  let s: TestApp;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let admin: Client;

  beforeAll(async () => {
    t = await freshDb(dialect);
    s = await startApp(t, { workers: 1 });
    org = await seedOrg(s.database);
    admin = new Client(s.app);
    expect((await admin.login('admin')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await t?.drop();
  }, 60_000);

  const done = (id: number) => waitFor(`document ${id} checked`, async () => (await admin.json('GET', `/api/documents/${id}`)).body.status === 'done');
  const findings = async (id: number): Promise<F[]> => (await admin.json('GET', `/api/documents/${id}/findings`)).body.results[0].findings;
  const cross = (fs: F[]) => fs.filter((f) => f.ruleId === 'cross/prior-year');

  it('should re-check a model of year Y when the model of Y−1 is saved after it', async () => {
    const y20 = (await admin.json('PUT', `/api/departments/${org.deptA}/years/2020/model`, { model: example() })).body.documentId as number;
    await done(y20);
    const before = await findings(y20);
    expect(cross(before)).toEqual([]);
    const counts0 = (await admin.json('GET', `/api/documents/${y20}`)).body.counts;
    // A reviewer's decision on another finding must survive the re-check.
    const kept = before.find((f) => f.ruleId !== 'cross/prior-year')!;
    expect((await admin.json('PATCH', `/api/findings/${kept.id}`, { state: 'accepted', justification: '口径调整，已说明' })).status).toBe(200);

    // 2019 arrives: the 2020 figures otherwise, so each 三公 item's 2020 上年 (16.52, 24.92, 18.22) differs.
    const m19: Record<string, any> = { ...example(), year: 2019 };
    const y19 = (await admin.json('PUT', `/api/departments/${org.deptA}/years/2019/model`, { model: m19 })).body.documentId as number;
    await done(y19);
    const after = await waitFor('2020 compared with 2019', async () => {
      const fs = await findings(y20);
      return cross(fs).length > 0 ? fs : null;
    });
    const c = cross(after);
    expect(c.find((f) => f.message.startsWith('因公出国（境）费'))).toMatchObject({ severity: 'warning', expected: '8.55', actual: '16.52', state: 'open' });
    expect(c.map((f) => f.message.split('上年数')[0]).sort()).toEqual(['“三公”经费合计', '会议费', '公务接待费', '公务用车运行维护费', '因公出国（境）费', '培训费', '机关运行经费'].sort());
    // Nothing else changed, and the counts follow the findings.
    expect(after.filter((f) => f.ruleId !== 'cross/prior-year').map((f) => f.message)).toEqual(before.map((f) => f.message));
    expect(after.find((f) => f.message === kept.message)).toMatchObject({ state: 'accepted', justification: '口径调整，已说明' });
    const doc = (await admin.json('GET', `/api/documents/${y20}`)).body;
    expect(doc.counts).toEqual({ ...counts0, warning: counts0.warning + c.length });
    const log = (await admin.json('GET', '/api/audit?limit=50')).body as { action: string; entityId: string; detail: { priorYearDocument: number } }[];
    expect(log.find((e) => e.action === 'recheck-cross-year')).toMatchObject({ entityId: String(y20), detail: { priorYearDocument: y19 } });

    // A corrected 2019 whose 决算数 are 2020's 上年数: the cross-year findings go away again.
    const fixed: Record<string, any> = structuredClone(m19);
    Object.assign(fixed.sanGong.abroad, { actual: '16.52' });
    Object.assign(fixed.sanGong.vehicleOperation, { actual: '24.92' });
    Object.assign(fixed.sanGong.reception, { actual: '18.22' });
    Object.assign(fixed.operatingCosts, { current: '367.61' });
    Object.assign(fixed.meetings, { current: '11.16' });
    Object.assign(fixed.training, { current: '19.64' });
    const y19b = (await admin.json('PUT', `/api/departments/${org.deptA}/years/2019/model`, { model: fixed })).body.documentId as number;
    await done(y19b);
    const again = await waitFor('2020 compared with the corrected 2019', async () => {
      const fs = await findings(y20);
      return cross(fs).length === 0 ? fs : null;
    });
    expect(again.map((f) => f.message)).toEqual(before.map((f) => f.message));
    expect((await admin.json('GET', `/api/documents/${y20}`)).body.counts).toEqual(counts0);
  }, 240_000);

  it('should re-check an uploaded disclosure of year Y when the upload of Y−1 arrives after it', async () => {
    // Both years' texts are the 2020 disclosure: 2020 states 上年 本年收入合计 2,062.86, 2019 states 1,911.05.
    const text = exampleText();
    const d20 = (await admin.json('POST', '/api/documents', form([{ name: '2020.md', bytes: text }], { department: String(org.deptB), year: '2020' }))).body.id as number;
    await done(d20);
    expect(cross(await findings(d20))).toEqual([]);
    const d19 = (await admin.json('POST', '/api/documents', form([{ name: '2019.md', bytes: text }], { department: String(org.deptB), year: '2019' }))).body.id as number;
    await done(d19);
    const after = await waitFor('2020 compared with 2019', async () => {
      const fs = await findings(d20);
      return cross(fs).length > 0 ? fs : null;
    });
    expect(cross(after).find((f) => f.message.startsWith('本年收入合计'))).toMatchObject({ expected: '1911.05', actual: '2062.86' });
    // 2019 itself has no 2018 to compare with.
    expect(cross(await findings(d19))).toEqual([]);
  }, 240_000);

  it('should compare Y again after its own check when Y−1 was stored while Y was being checked', async () => {
    // Two workers: Y's comparison ran before Y−1 was stored, and Y−1's re-check of Y found Y unfinished.
    const db = s.database.db;
    const bytes = exampleText();
    const [out20, out19] = [await checkToJson('upload', bytes, '2020.md', true), await checkToJson('upload', bytes, '2019.md', true)];
    const [d20, d19] = await db.transaction().execute(async (trx) => {
      const rows = [];
      for (const year of [2020, 2019]) {
        const d = await insertDocument(trx, { kind: 'upload', filename: `${year}.md`, bytes, departmentId: org.unitA, year, batchId: null, userId: null });
        // Taken by "another worker" (the test's own steps), so the running queue leaves it alone.
        await trx.updateTable('documents').set({ status: 'checking' }).where('id', '=', d.id).execute();
        rows.push(d);
      }
      return rows;
    });
    await storeResult(db, d20!, out20);
    await storeResult(db, d19!, out19);
    expect(cross(await findings(d20!.id))).toEqual([]);
    // What checkDocument runs after storing a check: this document compared again with the database as it is now.
    expect(await compareAgain(db, d20!.id, { afterOwnCheck: true })).toBe(true);
    expect(cross(await findings(d20!.id)).find((f) => f.message.startsWith('本年收入合计'))).toMatchObject({ expected: '1911.05', actual: '2062.86' });
    // Nothing changed since: nothing stored, nothing logged.
    expect(await compareAgain(db, d20!.id, { afterOwnCheck: true })).toBe(false);
  }, 120_000);
});
