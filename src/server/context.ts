/**
 * What every route sees: the database, the queue, the signed-in user (or null: the public), and the helpers
 * that decide what a user may see. Scope rules live here and nowhere else:
 * admin → everything; reviewer → departments of its region and the regions below; filer → its department and
 * that department's units; public → nothing but published reports and charts.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Database } from '../db/index.js';
import { regionAndBelow } from '../db/repo.js';
import type { Role } from '../db/schema.js';
import type { WorkQueue } from '../jobs/queue.js';
import type { CheckOutput } from '../jobs/threads.js';
import type { SignInLimiter } from './auth.js';

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  regionId: number | null;
  departmentId: number | null;
}

export interface AppDeps {
  database: Database;
  /** Announces new documents to the workers. */
  queue: Pick<WorkQueue, 'enqueue'>;
  limiter: SignInLimiter;
  maxUploadBytes: number;
  maxBatchFiles: number;
  /** Cap on a whole batch request body. */
  maxBatchBytes: number;
  /** Built screens (web/dist) served at /, if present. */
  webDir?: string;
  /** Checks a draft model for the data editor's dry run (a worker thread); absent → checked in this thread. */
  checkModel?: (json: Uint8Array) => Promise<CheckOutput>;
  /** Converts DOCX bytes to PDF (LibreOffice); absent → PDF reports are refused with 503. */
  docxToPdf?: (docx: Uint8Array) => Promise<Uint8Array>;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
    csrf: string | null;
    /** Department ids the user may see, or null for all (cached per request). */
    scope?: Set<number> | null;
  };
};

export type Ctx = Context<AppEnv>;

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what = '找不到该资源'): HttpError => new HttpError(404, 'not-found', what);
const forbidden = (): HttpError => new HttpError(403, 'forbidden', '没有权限进行此操作');

export function userOf(c: Ctx): SessionUser {
  const u = c.get('user');
  if (!u) throw new HttpError(401, 'unauthenticated', '请先登录');
  return u;
}

/** Department ids the user may see (null = all). */
export async function scopeOf(c: Ctx): Promise<Set<number> | null> {
  const cached = c.get('scope');
  if (cached !== undefined) return cached;
  const u = c.get('user');
  const db = c.get('deps').database.db;
  let scope: Set<number> | null;
  if (u?.role === 'admin') scope = null;
  else if (u?.role === 'reviewer' && u.regionId !== null) {
    const regions = await regionAndBelow(db, u.regionId);
    const rows = await db.selectFrom('departments').select('id').where('region_id', 'in', regions).execute();
    scope = new Set(rows.map((r) => r.id));
  } else if (u?.role === 'filer' && u.departmentId !== null) {
    const rows = await db.selectFrom('departments').select('id').where((eb) => eb.or([eb('id', '=', u.departmentId!), eb('parent_id', '=', u.departmentId!)])).execute();
    scope = new Set(rows.map((r) => r.id));
  } else scope = new Set();
  c.set('scope', scope);
  return scope;
}

/** Throws 404 unless the user may see the department (existence outside one's scope is not revealed). */
export async function mustSeeDepartment(c: Ctx, id: number | null): Promise<void> {
  const scope = await scopeOf(c);
  if (scope === null) return;
  if (id === null) {
    // Documents not filed under a department are visible to administrators and reviewers (ad-hoc checks).
    if (c.get('user')?.role === 'reviewer') return;
    throw notFound();
  }
  if (!scope.has(id)) throw notFound();
}

export function requireRole(c: Ctx, ...roles: Role[]): SessionUser {
  const u = userOf(c);
  if (!roles.includes(u.role)) throw forbidden();
  return u;
}

export function intParam(v: string | undefined, name: string): number {
  if (v === undefined || !/^\d{1,9}$/.test(v)) throw new HttpError(400, 'bad-request', `${name} 应为正整数`);
  return Number(v);
}

export function optionalInt(v: unknown, name: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v.trim())) return Number(v.trim());
  throw new HttpError(400, 'bad-request', `${name} 应为正整数`);
}

export async function jsonBody(c: Ctx): Promise<Record<string, unknown>> {
  try {
    const v = (await c.req.json()) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new HttpError(400, 'bad-request', '请求体应为 JSON 对象');
}
