/**
 * The per-file limits (--timeout, --max-memory) shared by the commands that read an untrusted file: `check`
 * (one worker per file of a batch), `extract` and `import` (their one file on a worker: src/cli/pool.ts). A
 * file over a limit ends its worker and fails by name (exit 2); the command itself keeps running to say so.
 */
import type { Command } from 'commander';
import { UserError } from './io.js';
import { DEFAULT_TIMEOUT_MS } from './pool.js';
import { DEFAULT_MEMORY_MB } from './prespawn.js';

export interface LimitFlags {
  timeout?: string;
  maxMemory?: string;
}

export function wholeNumber(name: string, value: string, min: number, what: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new UserError(`${name} 应为${min > 0 ? '正' : '非负'}整数（${what}），而不是“${value}”`);
  return n;
}

export function positive(name: string, value: string, unit: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`${name} 应为正数（${unit}），而不是“${value}”`);
  return n;
}

/** Adds --timeout and --max-memory (per file) to a command. */
export function limitOptions(cmd: Command, verb: string): Command {
  return cmd
    .option('--timeout <秒>', `每个文件的${verb}时限（秒，默认 ${DEFAULT_TIMEOUT_MS / 1000}）`)
    .option('--max-memory <MB>', `每个文件的内存上限（MB，默认 ${DEFAULT_MEMORY_MB}）`);
}

/** The pool limits the flags ask for (defaults: 20 s, 1024 MB). */
export function parseLimits(raw: LimitFlags): { timeoutMs: number; memoryMb: number } {
  return {
    timeoutMs: raw.timeout !== undefined ? Math.round(positive('--timeout', raw.timeout, '秒') * 1000) : DEFAULT_TIMEOUT_MS,
    memoryMb: raw.maxMemory !== undefined ? wholeNumber('--max-memory', raw.maxMemory, 64, 'MB') : DEFAULT_MEMORY_MB,
  };
}

/** Run one job on a pool of one worker with the limits, and end the worker afterwards. */
export async function isolated<T>(limits: { timeoutMs: number; memoryMb: number }, job: (pool: import('./pool.js').CheckPool) => Promise<T>): Promise<T> {
  const { CheckPool } = await import('./pool.js');
  const pool = new CheckPool(1, limits);
  try {
    return await job(pool);
  } finally {
    await pool.close();
  }
}
