/**
 * The HTTP app (hono): security headers and CSP on every answer, errors as JSON without stack traces, the
 * session from its cookie, CSRF on every state change, then the routes of ./routes/*. Built from its
 * dependencies so tests run it in-process with `app.request()`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { now } from '../db/index.js';
import { sameToken, tokenId } from './auth.js';
import { HttpError, type AppDeps, type AppEnv } from './context.js';
import { sessionRoutes, SESSION_COOKIE } from './routes/session.js';
import { orgRoutes } from './routes/org.js';
import { documentRoutes } from './routes/documents.js';
import { modelRoutes } from './routes/models.js';
import { chartRoutes } from './routes/charts.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('user', null);
    c.set('csrf', null);
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ error: { code: err.code, message: err.message, ...err.extra } }, err.status);
    process.stderr.write(`juesuan serve: ${c.req.method} ${c.req.path}: ${(err as Error)?.stack ?? err}\n`);
    return c.json({ error: { code: 'internal', message: '服务器内部错误，已记录。' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: '找不到该资源' } }, 404));

  // Session and CSRF.
  app.use('/api/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const db = deps.database.db;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.username', 'users.role', 'users.region_id', 'users.department_id', 'sessions.csrf', 'sessions.expires_at'])
        .where('sessions.id', '=', tokenId(token))
        .executeTakeFirst();
      if (row && row.expires_at > now()) {
        c.set('user', { id: row.id, username: row.username, role: row.role, regionId: row.region_id, departmentId: row.department_id });
        c.set('csrf', row.csrf);
      }
    }
    if (STATE_CHANGING.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      if (origin && host && origin !== 'null' && new URL(origin).host !== host) throw new HttpError(403, 'csrf', '跨站请求被拒绝');
      if (origin === 'null') throw new HttpError(403, 'csrf', '跨站请求被拒绝');
      const signIn = c.req.method === 'POST' && c.req.path === '/api/session';
      if (!signIn) {
        const expected = c.get('csrf');
        const sent = c.req.header('x-csrf-token') ?? '';
        if (!expected) throw new HttpError(401, 'unauthenticated', '请先登录');
        if (!sameToken(sent, expected)) throw new HttpError(403, 'csrf', '缺少或错误的 CSRF 令牌（请求头 X-CSRF-Token）');
      }
    }
    await next();
  });

  app.get('/api/health', (c) => c.json({ ok: true, db: deps.database.dialect }));
  app.route('/api', sessionRoutes());
  app.route('/api', orgRoutes());
  app.route('/api', documentRoutes());
  app.route('/api', modelRoutes());
  app.route('/api', chartRoutes());

  if (deps.webDir) serveWeb(app, deps.webDir);
  return app;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The built screens: files under webDir, and index.html for any other GET outside /api. */
function serveWeb(app: Hono<AppEnv>, webDir: string): void {
  const root = path.resolve(webDir);
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/')) throw new HttpError(404, 'not-found', '找不到该资源');
    const rel = decodeURIComponent(c.req.path).replace(/^\/+/, '');
    let file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) throw new HttpError(404, 'not-found', '网页尚未构建（web/dist 不存在）');
    const body = await fs.promises.readFile(file);
    return c.body(body, 200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
  });
}
