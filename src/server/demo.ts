/**
 * First run: the first administrator (password from JUESUAN_ADMIN_PASSWORD, or generated and returned so the
 * caller prints it once; there is no built-in default) and the demo data: the example department
 * (重庆市 → 北碚区 → 重庆市北碚区人民政府办公室) with a model for several years, queued for checking.
 * The 2020 model is the example's real figures; the other years are copies of it with only the year changed
 * (said in their dataNotes), so the cross-year check has something to show.
 */
import type { Database } from '../db/index.js';
import { audit, createUser } from '../db/repo.js';
import { generatePassword, hashPassword } from './auth.js';
import { saveModel } from './routes/models.js';

const DEMO_YEARS = [2018, 2019, 2020];

interface SeedResult {
  /** Set only when the administrator was created with a generated password. */
  generatedPassword: string | null;
  adminCreated: boolean;
  demoCreated: boolean;
  /** Model documents queued for checking. */
  queued: number[];
}

export async function seed(database: Database, opts: { adminPassword?: string; example?: Record<string, unknown> | null }): Promise<SeedResult> {
  const db = database.db;
  const out: SeedResult = { generatedPassword: null, adminCreated: false, demoCreated: false, queued: [] };
  const users = await db.selectFrom('users').select('id').limit(1).execute();
  if (users.length === 0) {
    const password = opts.adminPassword || generatePassword();
    if (!opts.adminPassword) out.generatedPassword = password;
    const id = await createUser(db, { username: 'admin', passwordHash: await hashPassword(password), role: 'admin' });
    await audit(db, null, 'create', 'user', id, { username: 'admin', role: 'admin', firstRun: true });
    out.adminCreated = true;
  }
  const regions = await db.selectFrom('regions').select('id').limit(1).execute();
  if (regions.length > 0 || !opts.example) return out;
  const example = opts.example;
  await db.transaction().execute(async (trx) => {
    const city = await trx.insertInto('regions').values({ name: '重庆市', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    const county = await trx.insertInto('regions').values({ name: '北碚区', parent_id: city.id }).returning('id').executeTakeFirstOrThrow();
    const body = (example.body as { name?: string } | undefined)?.name ?? '示例部门';
    const dept = await trx.insertInto('departments').values({ region_id: county.id, parent_id: null, name: body, kind: 'department' }).returning('id').executeTakeFirstOrThrow();
    const exampleYear = Number(example.year);
    for (const year of DEMO_YEARS) {
      await trx.insertInto('fiscal_years').values({ year }).onConflict((oc) => oc.column('year').doNothing()).execute();
      const model =
        year === exampleYear
          ? example
          : { ...example, year, dataNotes: [`演示数据：${exampleYear}年度示例的副本，只改了年度（数字并非该年真实数据）。`, ...((example.dataNotes as string[]) ?? [])] };
      const saved = await saveModel(trx, dept.id, year, model, null, `${body}-${year}.json`);
      out.queued.push(saved.documentId);
    }
    await audit(trx, null, 'seed', 'demo', null, { years: DEMO_YEARS, department: body });
  });
  out.demoCreated = true;
  return out;
}
