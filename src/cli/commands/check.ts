/**
 * `juesuan check <path…>`: audit documents (and model files) and print a report.
 *
 * The report is written file by file in input order as files finish (stylish/json/sarif/html are all
 * streams), so a batch of hundreds of files keeps going past a bad file and never holds every document in
 * memory. With more than one file and `--jobs` above 1, files are checked on a pool of worker threads
 * (src/cli/pool.ts) with a few files in flight at a time; the report order is still the input order. Exit codes: 0 no error-level findings; 1 error-level findings; 2 something could not
 * be checked (unreadable or unsupported file, missing path, rule crash, bad option) — 2 wins over 1.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { CheckResult } from '../../engine/types.js';
import { FORMATTERS, isFormatterName, type FormatResult } from '../../formatters/index.js';
import { ReadError } from '../../readers/types.js';
import { MODEL_EXTENSIONS } from '../../model/parse.js';
import type { RuleMeta } from '../../rules/types.js';
import { action, readInputFile, UserError, writeNew } from '../io.js';
import { coreCount, inflateInThread } from '../pool.js';

/** Extensions a directory is expanded to. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.docx', '.html', '.htm', '.pdf', '.json'];

export interface CheckEngine {
  checkBytes(bytes: Uint8Array, file: string): Promise<CheckResult>;
  /** Model files (.json) are checked as data. */
  checkModelFile(bytes: Uint8Array, file: string): Promise<CheckResult>;
  /** Release what the engine holds (the worker pool's threads); called once the report is done. */
  close?(): Promise<void>;
}

export interface CheckOptions {
  format: string;
  output?: string;
  color?: boolean;
  cwd: string;
  rulesMeta: Record<string, RuleMeta>;
  toolVersion?: string;
  /** Files checked at the same time (default 1); the engine decides where they run. */
  jobs?: number;
}

export interface CheckIO {
  /** Write a piece of the report to standard output (resolves when it may continue). */
  stdout(s: string): Promise<void>;
  stderr(s: string): void;
  /** Write the whole report to a new file; returns the path actually written. */
  writeFile(target: string, data: string): Promise<string>;
  /** True once standard output is gone (e.g. `| head` closed the pipe): checking stops early. */
  stdoutClosed?(): boolean;
}

interface Failure {
  file: string;
  code: string;
  message: string;
}

const FAILURE_TEXT: Record<string, string> = {
  'not-found': '找不到这个文件或目录',
  'no-files': `目录中没有可审核的文件（${SUPPORTED_EXTENSIONS.join(' ')}）`,
  'not-a-file': '不是普通文件',
  'no-access': '没有读取权限',
};

function fsFailure(file: string, err: unknown): Failure {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { file, code: 'not-found', message: FAILURE_TEXT['not-found'] };
  if (code === 'EACCES' || code === 'EPERM') return { file, code: 'no-access', message: FAILURE_TEXT['no-access'] };
  return { file, code: 'io', message: `无法读取（${(err as Error).message}）` };
}

/** Files under a directory with a supported extension, sorted; hidden entries and node_modules skipped. */
async function walk(dir: string, seen: Set<string>): Promise<string[]> {
  const real = await fsp.realpath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await fsp.stat(p).catch(() => null);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) out.push(...(await walk(p, seen)));
    else if (isFile && SUPPORTED_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

/** The paths as given, with directories expanded; paths that cannot be used become failures, in order. */
export async function expandPaths(paths: string[]): Promise<({ file: string } | { failure: Failure })[]> {
  const out: ({ file: string } | { failure: Failure })[] = [];
  const taken = new Set<string>();
  const seen = new Set<string>();
  for (const p of paths) {
    try {
      const st = await fsp.stat(p);
      const files = st.isDirectory() ? await walk(p, seen) : [p];
      if (st.isDirectory() && files.length === 0) out.push({ failure: { file: p, code: 'no-files', message: FAILURE_TEXT['no-files'] } });
      for (const f of files) {
        const key = path.resolve(f);
        if (taken.has(key)) continue;
        taken.add(key);
        out.push({ file: f });
      }
    } catch (err) {
      out.push({ failure: fsFailure(p, err) });
    }
  }
  return out;
}

/** Read and check one file; never throws. */
async function checkOne(file: string, engine: CheckEngine): Promise<CheckResult | Failure> {
  const ext = path.extname(file).toLowerCase();
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(file);
  } catch (err) {
    if (err instanceof UserError) {
      // The report names the file itself: keep the reason only.
      const message = err.code === 'not-found' ? FAILURE_TEXT['not-found'] : err.message.replace(`${file}：`, '');
      return { file, code: err.code, message };
    }
    return fsFailure(file, err);
  }
  try {
    return MODEL_EXTENSIONS.includes(ext) ? await engine.checkModelFile(bytes, file) : await engine.checkBytes(bytes, file);
  } catch (err) {
    if (err instanceof ReadError) return { file, code: err.code, message: err.message };
    const msg = err instanceof Error ? err.message : String(err);
    const stack = process.env.JUESUAN_DEBUG && err instanceof Error && err.stack ? `\n${err.stack}` : '';
    return { file, code: 'internal', message: `审核时发生内部错误：${msg}${stack}` };
  }
}

/** One line naming the file and the problem, without repeating the name when the message already has it. */
function failureLine(f: Failure): string {
  return f.message.includes(f.file) ? f.message : `${f.file}：${f.message}`;
}

/**
 * Runs the check over the paths and returns the exit code. The engine is loaded only once the options are
 * known to be good, and is told how many files there are to check (it may start a worker pool for them).
 */
export async function runCheck(
  paths: string[],
  opts: CheckOptions,
  loadEngine: (files: number) => Promise<CheckEngine>,
  io: CheckIO,
): Promise<number> {
  if (!isFormatterName(opts.format)) {
    io.stderr(`juesuan: 未知的报告格式“${opts.format}”，可选：${Object.keys(FORMATTERS).join('、')}\n`);
    return 2;
  }
  if (paths.length === 0) {
    io.stderr('juesuan: 请给出要审核的文件或目录，例如 juesuan check 决算.pdf\n');
    return 2;
  }
  const fmt = FORMATTERS[opts.format].stream({
    rulesMeta: opts.rulesMeta,
    cwd: opts.cwd,
    color: opts.color === true && opts.format === 'stylish',
    toolVersion: opts.toolVersion,
  });
  const items = await expandPaths(paths);
  const engine = await loadEngine(items.filter((i) => 'file' in i).length);
  const pieces: string[] = [];
  const emit = async (s: string): Promise<void> => {
    if (!s) return;
    if (opts.output !== undefined) pieces.push(s);
    else await io.stdout(s);
  };

  // While the next result in input order is awaited and written, up to 2×jobs files are started, so a
  // worker that finishes a fast file takes the next one instead of waiting for a slow file before it.
  const jobs = Math.max(1, Math.floor(opts.jobs ?? 1));
  const window = jobs === 1 ? 1 : 2 * jobs;
  const inFlight: (Promise<CheckResult | Failure> | undefined)[] = [];
  let started = 0;
  const startUpTo = (limit: number): void => {
    for (; started < Math.min(limit, items.length); started++) {
      const item = items[started];
      inFlight[started] = 'failure' in item ? Promise.resolve(item.failure) : checkOne(item.file, engine);
    }
  };

  const failures: Failure[] = [];
  let errors = 0;
  let crashes = 0;
  try {
    await emit(fmt.head());
    for (let i = 0; i < items.length; i++) {
      if (opts.output === undefined && io.stdoutClosed?.()) break;
      startUpTo(i + window);
      const r = await inFlight[i]!;
      inFlight[i] = undefined;
      let result: FormatResult;
      if ('code' in r) {
        failures.push(r);
        io.stderr(`juesuan: ${failureLine(r)}\n`);
        result = { file: r.file, findings: [], doc: null, internalErrors: [], readError: { code: r.code, message: r.message } };
      } else {
        result = r;
        errors += r.findings.filter((f) => f.severity === 'error').length;
        crashes += r.internalErrors.length;
        for (const e of r.internalErrors) io.stderr(`juesuan: ${r.file}：规则 ${e.ruleId} 运行失败（${e.message}），其余规则照常审核\n`);
      }
      await emit(fmt.file(result));
    }
  } finally {
    await engine.close?.();
  }
  await emit(fmt.tail());

  if (opts.output !== undefined) {
    const written = await io.writeFile(opts.output, pieces.join(''));
    io.stderr(`juesuan: 报告已写入 ${written}\n`);
  }
  if (failures.length > 1) {
    io.stderr(`juesuan: ${failures.length} 个文件或目录无法审核：${failures.map((f) => f.file).join('、')}\n`);
  }
  if (failures.length > 0 || crashes > 0) return 2;
  return errors > 0 ? 1 : 0;
}

/** The rule catalogue's metadata, for rule descriptions and the basis in reports. */
async function loadRulesMeta(): Promise<Record<string, RuleMeta>> {
  const { RULES_META } = await import('../../rules/index.js');
  return RULES_META;
}

function processIO(): CheckIO {
  // A reader that goes away (`juesuan check dir | head`) is not an error: stop writing and stop checking.
  let closed = false;
  process.stdout.on('error', () => (closed = true));
  return {
    stdout: (s) =>
      new Promise<void>((resolve) => {
        if (closed || process.stdout.write(s)) return resolve();
        const done = (): void => {
          process.stdout.off('drain', done);
          process.stdout.off('error', done);
          resolve();
        };
        process.stdout.once('drain', done);
        process.stdout.once('error', done);
      }),
    stderr: (s) => void process.stderr.write(s),
    writeFile: (target, data) => writeNew(target, data),
    stdoutClosed: () => closed,
  };
}

/** A message for option-like arguments (commander passes unknown options through), or null. */
export function unknownOptions(args: string[]): string | null {
  const bad = args.filter((a) => a.length > 1 && a.startsWith('-'));
  return bad.length > 0 ? `未知的选项：${bad.join(' ')}（运行 juesuan check --help 查看用法）` : null;
}

/**
 * Without --jobs, batches smaller than this are checked in this thread: `npx tsx bench/pdf.ts` measured the
 * CLI on PDFs at 3.8 s (--jobs 1) vs 4.7 s (--jobs 2) for 12 files and 8.8 s vs 8.2 s for 48.
 */
export const POOL_MIN_FILES = 40;

/** --jobs: a whole number ≥ 1; absent means one per core (the pool only for POOL_MIN_FILES files or more). */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return coreCount();
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1) {
    throw new UserError(`--jobs 应为正整数（同时审核的文件数），而不是“${value}”`);
  }
  return n;
}

const HELP_AFTER = `
支持的文件：.txt .md .docx .html .htm .pdf（文档），.json（模型文件，按数据审核）。
目录会展开为其中（含子目录）所有受支持的文件，隐藏文件和 node_modules 除外。

报告格式（--format）：
  stylish  终端阅读：位置、原文摘录（^^^ 标出位置）、预期/实际/差额、规则编号（默认）
  json     机器读取：{"version":1,"results":[{"file","findings":[…]}]}
  sarif    SARIF 2.1.0，供代码扫描平台使用
  html     单个自包含网页：汇总、问题清单、原文高亮

退出码：
  0  没有“错误”级别的问题（可能有警告或提示）
  1  发现“错误”级别的问题
  2  有文件未能审核（无法读取、格式不支持、文件损坏或过大、路径不存在、规则内部错误）或参数有误；
     批量审核时其余文件照常审核并写入报告，无法审核的文件逐一列在标准错误输出中。2 优先于 1。
`;

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('审核决算公开文档或模型文件，输出问题报告')
    .argument('[paths...]', '要审核的文件或目录')
    .option('-f, --format <name>', '报告格式：stylish、json、sarif、html', 'stylish')
    .option('-o, --output <file>', '把报告写入文件（同名文件已存在时另存为 名称.v2.扩展名，从不覆盖）')
    .option('-j, --jobs <n>', `同时审核的文件数（多个文件时用工作线程，默认为处理器核数 ${coreCount()}，不指定时 ${POOL_MIN_FILES} 个文件以上才用工作线程；1 为逐个审核）`)
    .addHelpText('after', HELP_AFTER)
    // Unknown options arrive among the paths and are refused here, so that they exit with 2 (commander's
    // own usage errors exit with 1, which means "errors found" for check).
    .allowUnknownOption()
    .action(
      action(async (paths: string[], opts: { format: string; output?: string; jobs?: string }) => {
        const unknown = unknownOptions(paths);
        if (unknown) throw new UserError(unknown);
        const jobs = parseJobs(opts.jobs);
        process.exitCode = await runCheck(
          paths,
          {
            format: opts.format,
            output: opts.output,
            color: opts.output === undefined && pc.isColorSupported && process.stdout.isTTY === true,
            cwd: process.cwd(),
            rulesMeta: await loadRulesMeta(),
            toolVersion: program.version(),
            jobs,
          },
          async (files) => {
            // Starting the workers costs about 2.7 s (tsx + engine per worker, measured by bench/pdf.ts);
            // unasked, the pool is used only for batches large enough to win it back.
            const usePool = jobs > 1 && files > 1 && (opts.jobs !== undefined || files >= POOL_MIN_FILES);
            if (usePool) return new (await import('../pool.js')).CheckPool(Math.min(jobs, files));
            inflateInThread();
            return (await import('../../engine/check.js')) as CheckEngine;
          },
          processIO(),
        );
      }),
    );
}
