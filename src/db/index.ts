/**
 * Opening the database: embedded SQLite in a data folder (default) or PostgreSQL from DATABASE_URL, behind one
 * kysely query layer; versioned migrations run on open. The only place that knows which database it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import type { DB } from './schema.js';
import { migration001 } from './migrations/001-initial.js';
import { migration002 } from './migrations/002-extracted.js';
import { migration003 } from './migrations/003-text.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The PostgreSQL connection string (for pg-boss), or null on SQLite. */
  url: string | null;
  /** The SQLite file, or null on PostgreSQL. */
  file: string | null;
  close(): Promise<void>;
}

interface OpenOptions {
  /** postgres://… ; absent → SQLite in dataDir. */
  url?: string;
  /** Folder of the SQLite file (created if missing). */
  dataDir?: string;
}

/** Versioned migrations, in order. Never edit a released one: add the next. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return { '001-initial': migration001(dialect), '002-extracted': migration002, '003-text': migration003 };
}

const PG_DOWN_HINT =
  'PostgreSQL 未运行或无法连接。启动：pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  let db: Kysely<DB>;
  let dialect: Dialect;
  let file: string | null = null;
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pg = (await import('pg')).default;
    // COUNT(*) and BIGINT come back as strings from pg; our counts are small, so read them as numbers.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    if (opts.url) throw new Error(`DATABASE_URL 应以 postgres:// 开头（不设置时使用内嵌 SQLite）：${opts.url}`);
    const Sqlite = (await import('better-sqlite3')).default;
    const dir = path.resolve(opts.dataDir ?? 'data');
    fs.mkdirSync(dir, { recursive: true });
    file = path.join(dir, 'juesuan.sqlite');
    const conn = new Sqlite(file);
    conn.pragma('journal_mode = WAL');
    conn.pragma('busy_timeout = 10000');
    conn.pragma('foreign_keys = ON');
    conn.pragma('synchronous = NORMAL');
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) });
    dialect = 'sqlite';
  }
  try {
    await migrate(db, dialect);
  } catch (err) {
    await db.destroy();
    if (dialect === 'postgres' && /ECONNREFUSED|connect/i.test(String((err as Error)?.message ?? err))) {
      throw new Error(`${PG_DOWN_HINT}（${(err as Error).message}）`);
    }
    throw err;
  }
  return { db, dialect, url: dialect === 'postgres' ? opts.url! : null, file, close: () => db.destroy() };
}

async function migrate(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const all = migrations(dialect);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${(error as Error).message ?? error}`);
  }
}

export const now = (): string => new Date().toISOString();
