/**
 * `juesuan serve`: the web app on localhost. Embedded SQLite in a data folder (default ./data) with demo data on
 * first run, or PostgreSQL when DATABASE_URL=postgres://… is set; checking runs in worker threads from the
 * database queue (on PostgreSQL also in any `juesuan worker` process).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { action, packageRoot, UserError } from '../io.js';

/** The package root (found from this file, built into dist/ or not). */
const ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  workers?: string;
  demo: boolean;
}

function positiveInt(v: string | undefined, name: string, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UserError(`${name} 应为不小于 ${min} 的整数，而不是“${v}”`);
  return Number(v);
}

async function runServe(opts: ServeOptions): Promise<void> {
  const port = positiveInt(opts.port, '--port', 8787);
  const { openDatabase } = await import('../../db/index.js');
  const { openQueue } = await import('../../jobs/queue.js');
  const { createApp } = await import('../../server/app.js');
  const { seed } = await import('../../server/demo.js');
  const { SignInLimiter } = await import('../../server/auth.js');
  const { serve } = await import('@hono/node-server');
  const { docxToPdf, findSoffice } = await import('../io.js');
  const { defaultPoolSize } = await import('../pool.js');

  const url = process.env.DATABASE_URL || undefined;
  let database;
  try {
    database = await openDatabase({ url, dataDir: opts.data });
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const example = opts.demo ? (JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/cq-beibei-zfb-2020.json'), 'utf8')) as Record<string, unknown>) : null;
  const seeded = await seed(database, { adminPassword: process.env.JUESUAN_ADMIN_PASSWORD, example });
  if (seeded.generatedPassword) {
    process.stdout.write(`首次运行：已创建管理员 admin，初始密码（只显示这一次，请登录后妥善保存）：${seeded.generatedPassword}\n`);
  }
  if (seeded.demoCreated) process.stdout.write(`已载入演示数据（${seeded.queued.length} 个年度的模型，正在后台审核）\n`);

  const queue = await openQueue(database);
  const workers = positiveInt(opts.workers, '--workers', defaultPoolSize(), 0);
  if (workers > 0) await queue.work(workers);
  if (seeded.queued.length > 0) await queue.enqueue(seeded.queued);

  // The data editor's dry runs get a thread of their own (started on first use), apart from the queue's.
  const { CheckThreads } = await import('../../jobs/threads.js');
  const dry: { threads: InstanceType<typeof CheckThreads> | null } = { threads: null };
  const mb = (name: string, d: number) => positiveInt(process.env[name], name, d) * 1024 * 1024;
  const webDir = path.join(ROOT, 'web', 'dist');
  const app = createApp({
    database,
    queue,
    limiter: new SignInLimiter(),
    maxUploadBytes: mb('JUESUAN_MAX_UPLOAD_MB', 50),
    maxBatchBytes: mb('JUESUAN_MAX_BATCH_MB', 1024),
    maxBatchFiles: 500,
    webDir: fs.existsSync(webDir) ? webDir : undefined,
    docxToPdf: findSoffice() ? (b) => docxToPdf(b) : undefined,
    checkModel: (json) => (dry.threads ??= new CheckThreads(1)).check('model', json, 'model.json'),
  });
  const server = serve({ fetch: app.fetch, port, hostname: opts.host });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', (e: NodeJS.ErrnoException) => reject(new UserError(e.code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 --port 换一个` : e.message)));
    });
  } catch (err) {
    // Stop the checking threads too, so that the process ends with the error.
    await queue.close();
    await dry.threads?.close();
    await database.close();
    throw err;
  }
  const where = database.dialect === 'sqlite' ? `SQLite ${database.file}` : 'PostgreSQL';
  process.stdout.write(`juesuan 已启动：http://${opts.host}:${port}/（数据库：${where}；审核线程 ${workers}）\n`);
  const stop = async () => {
    server.close();
    await queue.close();
    await dry.threads?.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export function registerServe(program: Command): Command {
  return program
    .command('serve')
    .description('启动网页工作台（默认内嵌 SQLite；设置 DATABASE_URL=postgres://… 使用 PostgreSQL）')
    .option('-p, --port <端口>', '端口', '8787')
    .option('--host <地址>', '监听地址', '127.0.0.1')
    .option('--data <目录>', 'SQLite 数据目录', 'data')
    .option('--workers <数量>', '本进程的审核线程数（0 = 只提供网页和接口，由 juesuan worker 审核）')
    .option('--no-demo', '首次运行时不载入演示数据')
    .action(action(async (opts: ServeOptions) => runServe(opts)));
}
