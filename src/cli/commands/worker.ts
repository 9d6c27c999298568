/**
 * `juesuan worker`: a checking process for PostgreSQL deployments. It takes documents from the pg-boss queue in
 * the database named by DATABASE_URL (from any machine that reaches it) and checks them in worker threads.
 */
import type { Command } from 'commander';
import { action, UserError } from '../io.js';

async function runWorker(opts: { threads?: string }): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new UserError('juesuan worker 需要 PostgreSQL：设置 DATABASE_URL=postgres://…（SQLite 下由 juesuan serve 自己的审核线程审核）');
  }
  const { defaultPoolSize } = await import('../pool.js');
  const threads = opts.threads === undefined ? defaultPoolSize() : Number(opts.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new UserError(`--threads 应为正整数，而不是“${opts.threads}”`);
  const { openDatabase } = await import('../../db/index.js');
  const { openQueue } = await import('../../jobs/queue.js');
  let database;
  try {
    database = await openDatabase({ url });
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const queue = await openQueue(database);
  await queue.work(threads);
  process.stdout.write(`juesuan worker 已启动（PostgreSQL 队列，审核线程 ${threads}，进程 ${process.pid}）\n`);
  const stop = async () => {
    await queue.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise<never>(() => {});
}

export function registerWorker(program: Command): Command {
  return program
    .command('worker')
    .description('审核进程：从 PostgreSQL 队列（DATABASE_URL）取文档审核，可在多台机器上运行')
    .option('--threads <数量>', '审核线程数')
    .action(action(async (opts: { threads?: string }) => runWorker(opts)));
}
