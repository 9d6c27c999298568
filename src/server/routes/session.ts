/** Sign-in, sign-out, the current user, user administration and the audit log. */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { now } from '../../db/index.js';
import { audit, createUser } from '../../db/repo.js';
import type { Role } from '../../db/schema.js';
import { hashPassword, newToken, tokenId, verifyPassword } from '../auth.js';
import { HttpError, jsonBody, optionalInt, requireRole, userOf, type AppEnv, type Ctx, type SessionUser } from '../context.js';

export const SESSION_COOKIE = 'juesuan_session';
const SESSION_HOURS = 12;
const MIN_PASSWORD = 10;

function clientIp(c: Ctx): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

const publicUser = (u: { id: number; username: string; role: Role; region_id: number | null; department_id: number | null }): SessionUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  regionId: u.region_id,
  departmentId: u.department_id,
});

export function sessionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/session', async (c) => {
    const { database, limiter } = c.get('deps');
    const body = await jsonBody(c);
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!username || !password || username.length > 100 || password.length > 1000) throw new HttpError(400, 'bad-request', '请填写用户名和密码');
    const key = `${clientIp(c)}|${username.toLowerCase()}`;
    const wait = limiter.blockedFor(key);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new HttpError(429, 'rate-limited', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
    }
    const u = await database.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    // The hash is computed even for an unknown user, so timing does not tell which usernames exist.
    const ok = await verifyPassword(password, u?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!u || !ok) {
      limiter.fail(key);
      await audit(database.db, null, 'sign-in-failed', 'user', null, { username });
      throw new HttpError(401, 'unauthenticated', '用户名或密码错误');
    }
    limiter.succeed(key);
    const token = newToken();
    const csrf = newToken();
    const expires = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
    await database.db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
    await database.db.insertInto('sessions').values({ id: tokenId(token), user_id: u.id, csrf, created_at: now(), expires_at: expires }).execute();
    await audit(database.db, u.id, 'sign-in', 'user', u.id);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: SESSION_HOURS * 3600 });
    return c.json({ user: publicUser(u), csrfToken: csrf });
  });

  r.get('/session', (c) => c.json({ user: c.get('user'), csrfToken: c.get('csrf') }));

  r.delete('/session', async (c) => {
    const u = userOf(c);
    const token = getCookie(c, SESSION_COOKIE);
    const db = c.get('deps').database.db;
    if (token) await db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
    await audit(db, u.id, 'sign-out', 'user', u.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  r.get('/users', async (c) => {
    requireRole(c, 'admin');
    const rows = await c.get('deps').database.db.selectFrom('users').selectAll().orderBy('id').execute();
    return c.json(rows.map(publicUser));
  });

  r.post('/users', async (c) => {
    const admin = requireRole(c, 'admin');
    const db = c.get('deps').database.db;
    const b = await jsonBody(c);
    const username = typeof b.username === 'string' ? b.username.trim() : '';
    const password = typeof b.password === 'string' ? b.password : '';
    const role = b.role as Role;
    if (!/^[\p{L}\p{N}_.-]{2,64}$/u.test(username)) throw new HttpError(400, 'bad-request', '用户名应为 2–64 个字母、数字、下划线、点或连字符');
    if (password.length < MIN_PASSWORD) throw new HttpError(400, 'bad-request', `密码至少 ${MIN_PASSWORD} 个字符`);
    if (!['admin', 'reviewer', 'filer'].includes(role)) throw new HttpError(400, 'bad-request', 'role 应为 admin、reviewer 或 filer');
    const regionId = optionalInt(b.regionId, 'regionId');
    const departmentId = optionalInt(b.departmentId, 'departmentId');
    if (role === 'reviewer' && (regionId === null || !(await db.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst()))) {
      throw new HttpError(400, 'bad-request', '审核人（reviewer）需要有效的 regionId');
    }
    if (role === 'filer' && (departmentId === null || !(await db.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst()))) {
      throw new HttpError(400, 'bad-request', '填报人（filer）需要有效的 departmentId');
    }
    if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) throw new HttpError(409, 'conflict', '用户名已存在');
    const passwordHash = await hashPassword(password);
    const id = await db.transaction().execute(async (trx) => {
      const id = await createUser(trx, { username, passwordHash, role, regionId: role === 'reviewer' ? regionId : null, departmentId: role === 'filer' ? departmentId : null });
      await audit(trx, admin.id, 'create', 'user', id, { username, role, regionId, departmentId });
      return id;
    });
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return c.json(publicUser(row), 201);
  });

  r.get('/audit', async (c) => {
    requireRole(c, 'admin');
    const limit = Math.min(1000, optionalInt(c.req.query('limit'), 'limit') ?? 100);
    const rows = await c
      .get('deps')
      .database.db.selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .select(['audit_log.id', 'audit_log.at', 'audit_log.user_id', 'users.username', 'audit_log.action', 'audit_log.entity', 'audit_log.entity_id', 'audit_log.detail'])
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute();
    return c.json(rows.map((a) => ({ id: a.id, at: a.at, userId: a.user_id, username: a.username, action: a.action, entity: a.entity, entityId: a.entity_id, detail: a.detail ? JSON.parse(a.detail) : null })));
  });

  return r;
}
