/**
 * File helpers shared by the CLI commands: reading a model, user-facing errors (exit code 2, no
 * stack trace), writing outputs without ever overwriting a file, and the LibreOffice PDF edge.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fsp, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Disclosure } from '../model/schema.js';
import { ReadError } from '../readers/types.js';

/** An error the user can fix: printed as a message (no stack), exit code 2. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    /** Why, for batch reports: not-found, too-large, corrupt, … */
    readonly code = 'user',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Print a command's error and set the exit code. Unexpected errors are reported briefly too. */
function reportError(err: unknown): void {
  if (err instanceof UserError) {
    process.stderr.write(`juesuan: ${err.message}\n`);
    process.exitCode = err.exitCode;
    return;
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`juesuan: 内部错误：${msg}\n`);
  if (process.env.JUESUAN_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  process.exitCode = 2;
}

/** Wrap a command action so that errors become messages and exit codes. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      reportError(err);
    }
  };
}

/** The nearest directory at or above `from` holding package.json: the package root (src/ or dist/ alike). */
export function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/** Paths as shown to the user: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** Size limits for what the CLI reads: text-like files are decoded whole, so they get the lower one. */
const MAX_TEXT_BYTES = 20 * 1024 * 1024;
const MAX_FILE_BYTES = 200 * 1024 * 1024;
const TEXT_LIKE = new Set(['.txt', '.md', '.html', '.htm', '.json', '.yaml', '.yml']);

import { mib } from '../core/size.js';

/**
 * Read one input file for a command, refusing directories and files over the size limit before reading.
 * Failures are UserErrors (exit 2) with a `code` the batch report can show.
 */
export async function readInputFile(file: string, what = '文档文件'): Promise<Uint8Array> {
  let st;
  try {
    st = await fsp.stat(file);
  } catch (err) {
    throw fsError(file, err);
  }
  if (st.isDirectory()) throw new UserError(`${file}：是目录，应为${what}`, 2, 'not-a-file');
  if (!st.isFile()) throw new UserError(`${file}：不是普通文件`, 2, 'not-a-file');
  const max = TEXT_LIKE.has(path.extname(file).toLowerCase()) ? MAX_TEXT_BYTES : MAX_FILE_BYTES;
  if (st.size > max) throw new UserError(`${file}：文件有 ${mib(st.size)} MB，超过了 ${mib(max)} MB 的上限，未读取`, 2, 'too-large');
  try {
    return new Uint8Array(await fsp.readFile(file));
  } catch (err) {
    throw fsError(file, err);
  }
}

function fsError(file: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError(`${file}：文件不存在`, 2, 'not-found');
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`${file}：没有读取权限`, 2, 'no-access');
  return new UserError(`${file}：无法读取（${(err as Error).message}）`, 2, 'unreadable');
}

/** Read and validate a disclosure model (.json, .yaml, .yml). */
export async function loadModel(file: string): Promise<Disclosure> {
  const bytes = await readInputFile(file, '模型文件（.json 或 .yaml）');
  const { parseModel } = await import('../model/parse.js');
  try {
    return parseModel(bytes, file);
  } catch (err) {
    if (err instanceof ReadError) throw new UserError(err.message, 2, err.code);
    throw err;
  }
}

/** `report.docx` → `report.v2.docx`, `report.v2.docx` → `report.v3.docx`. */
function versionedPath(target: string, version: number): string {
  const dir = path.dirname(target);
  const ext = path.extname(target);
  const stem = path.basename(target, ext).replace(/\.v\d+$/, '');
  return path.join(dir, `${stem}.v${version}${ext}`);
}

/** The target itself when free, else the first free `name.vN.ext`. */
export function nextFreePath(target: string): string {
  if (!existsSync(target)) return target;
  const m = /\.v(\d+)$/.exec(path.basename(target, path.extname(target)));
  for (let v = m ? Number(m[1]) + 1 : 2; ; v++) {
    const p = versionedPath(target, v);
    if (!existsSync(p)) return p;
  }
}

/**
 * The data in a complete temporary file beside `target` (its directory made if needed), removed if the
 * process is interrupted before `forget()`. The caller links or renames it into place.
 */
async function writeTemp(target: string, data: Uint8Array | string, what: string): Promise<{ abs: string; tmp: string; forget: () => void }> {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  try {
    await fsp.mkdir(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`${displayPath(dir)}：无法创建目录（${(err as Error).message}）`);
  }
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new UserError(`${displayPath(abs)}：是目录，应为${what}`);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const forget = onExit(() => rmSync(tmp, { force: true }));
  try {
    await fsp.writeFile(tmp, data, { flag: 'wx' });
  } catch (err) {
    forget();
    await fsp.rm(tmp, { force: true });
    throw new UserError(`${displayPath(dir)}：无法写入（${(err as Error).message}）`);
  }
  return { abs, tmp, forget };
}

/**
 * Write bytes to `target` without ever overwriting an existing file: the data goes to a temporary
 * file in the same directory first, which is then hard-linked to the first free name (link fails
 * if the name was taken meanwhile) and removed. Returns the path written.
 */
export async function writeNew(target: string, data: Uint8Array | string): Promise<string> {
  const { abs, tmp, forget } = await writeTemp(target, data, '输出文件名');
  try {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const dest = nextFreePath(abs);
      try {
        await fsp.link(tmp, dest);
        return dest;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
          // Filesystem without hard links: rename after checking (small race, never a partial file).
          if (existsSync(dest)) continue;
          await fsp.rename(tmp, dest);
          return dest;
        }
        throw err;
      }
    }
    throw new UserError(`${displayPath(abs)}：找不到可用的文件名`);
  } finally {
    await fsp.rm(tmp, { force: true });
    forget();
  }
}

/**
 * Write a report to exactly `target`, replacing a previous one (a report is not a document people make, so
 * it is not versioned): the data goes to a temporary file beside it, renamed over the target once complete,
 * so a reader never sees half a report and an interrupted run leaves the old one.
 */
export async function writeReplacing(target: string, data: Uint8Array | string): Promise<string> {
  const { abs, tmp, forget } = await writeTemp(target, data, '报告文件名');
  try {
    await fsp.rename(tmp, abs);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw new UserError(`${displayPath(abs)}：无法写入报告（${(err as Error).message}）`);
  } finally {
    forget();
  }
  return target;
}

// ---------------------------------------------------------------------------------------------------------
// Signals: Ctrl-C / SIGTERM end everything the command started.

const exitHooks = new Set<() => void>();

/** Run `fn` (synchronously) if the process is interrupted; returns a function that cancels it. */
function onExit(fn: () => void): () => void {
  exitHooks.add(fn);
  return () => void exitHooks.delete(fn);
}

/**
 * On SIGINT / SIGTERM / SIGHUP: kill the child processes and remove the temporary files the command
 * registered, then exit with 128 + the signal number. Worker threads end with the process.
 */
export function installSignalHandlers(): void {
  const numbers: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
  for (const sig of Object.keys(numbers) as NodeJS.Signals[]) {
    process.once(sig, () => {
      for (const fn of exitHooks) {
        try {
          fn();
        } catch {
          // keep cleaning up
        }
      }
      process.exit(128 + numbers[sig]);
    });
  }
}

/** Absolute path of LibreOffice's `soffice` on PATH (or $JUESUAN_SOFFICE), or null. */
export function findSoffice(): string | null {
  const env = process.env.JUESUAN_SOFFICE;
  if (env) return existsSync(env) ? env : null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const p = path.join(dir, n);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

export const SOFFICE_MISSING =
  '未找到 LibreOffice（soffice），无法生成 PDF。请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk），' +
  '或设置 JUESUAN_SOFFICE 为 soffice 的路径；也可以先输出 --format docx。';

/**
 * Convert DOCX bytes to PDF with LibreOffice headless. Uses a private, throw-away LibreOffice
 * profile so that concurrent conversions do not block each other.
 */
export async function docxToPdf(docx: Uint8Array, opts: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice) throw new UserError(SOFFICE_MISSING);
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'juesuan-pdf-'));
  let child: ReturnType<typeof spawn> | null = null;
  const forget = onExit(() => {
    child?.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });
  try {
    const input = path.join(work, 'document.docx');
    await fsp.writeFile(input, docx);
    const profile = 'file://' + path.join(work, 'profile').split(path.sep).map(encodeURIComponent).join('/');
    const args = ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, input];
    // Official font names → the project's Simplified Chinese faces (never the JP forms of a CJK fallback).
    const { writeLibreOfficeFontconfig } = await import('./fonts.js');
    const fontconfig = await writeLibreOfficeFontconfig(work);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const proc = spawn(soffice, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, FONTCONFIG_FILE: fontconfig } });
      child = proc;
      let err = '';
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
      proc.on('error', (e) => {
        clearTimeout(timer);
        reject(new UserError(`无法启动 LibreOffice（${soffice}）：${e.message}`));
      });
      proc.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stderr: err });
      });
    });
    const out = path.join(work, 'document.pdf');
    if (!existsSync(out)) {
      throw new UserError(`LibreOffice 未能把 DOCX 转换为 PDF（退出码 ${code}）${stderr.trim() ? '：' + stderr.trim().split('\n').pop() : ''}`);
    }
    return new Uint8Array(await fsp.readFile(out));
  } finally {
    forget();
    await fsp.rm(work, { recursive: true, force: true });
  }
}
