/**
 * `juesuan check <path…>`: audit documents (and model files) and print a report.
 *
 * Every file is checked on a worker thread with a memory cap and a wall-clock limit (src/cli/pool.ts), so a
 * hostile file fails alone, by name, in every mode. The report is written file by file in input order as
 * files finish (stylish/json/sarif/html are all streams). Pipeline conventions follow ESLint's where they
 * fit: --quiet, --max-warnings, --color/--no-color and FORCE_COLOR, `-` with --stdin-filename, quoted globs,
 * an ignore file, a config file and a baseline of accepted findings. Exit codes: 0 no error-level findings;
 * 1 error-level findings or more warnings than --max-warnings; 2 something could not be checked
 * (unreadable or unsupported file, missing path, time or memory limit, rule crash, bad option) — 2 wins.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { ReportResult } from '../../engine/types.js';
import type { RunOptions } from '../../engine/run.js';
import { FORMATTERS, isFormatterName, type FormatResult, type FormatterName, type RunSummary } from '../../formatters/index.js';
import { ReadError } from '../../readers/types.js';
import type { RuleMeta } from '../../rules/types.js';
import { action, readInputFile, UserError, writeNew, writeReplacing } from '../io.js';
import { expandPaths, fsFailure, FAILURE_TEXT, IgnoreList, type PathFailure } from '../paths.js';
import { autoJobs, coreCount, DEFAULT_TIMEOUT_MS } from '../pool.js';
import { DEFAULT_MEMORY_MB } from '../prespawn.js';
import { positive, wholeNumber } from '../limits.js';
import { applyBaseline, baselineOf, configPath, loadBaseline, loadConfig, loadIgnoreFile, type Baseline } from '../settings.js';
import { colorWanted, progressLine } from '../tty.js';

/** Model files, checked as data (as src/model/parse.ts reads them; not imported here to keep start-up light). */
const MODEL_EXTS = ['.json', '.yaml', '.yml'];

export interface CheckEngine {
  checkBytes(bytes: Uint8Array, file: string): Promise<ReportResult>;
  /** Model files (.json) are checked as data. */
  checkModelFile(bytes: Uint8Array, file: string): Promise<ReportResult>;
  /** Release what the engine holds (the worker threads); called once the report is done. */
  close?(): Promise<void>;
}

export interface CheckOptions {
  /** Report format; absent: from the -o extension, else stylish. */
  format?: string;
  output?: string;
  color?: boolean;
  cwd: string;
  rulesMeta: Record<string, RuleMeta>;
  toolVersion?: string;
  /** Files checked at the same time (default 1). */
  jobs?: number;
  /** Report error-level findings only. */
  quiet?: boolean;
  /** More warnings than this make the run fail (exit 1). */
  maxWarnings?: number;
  /** The name standard input (`-`) is checked under: its extension picks the reader. */
  stdinFilename?: string;
  ignore?: IgnoreList;
  baseline?: Baseline;
  /** Write every finding of this run to a new baseline file (justifications to be filled in). */
  writeBaseline?: string;
}

export interface CheckIO {
  /** Write a piece of the report to standard output (resolves when it may continue). */
  stdout(s: string): Promise<void>;
  stderr(s: string): void;
  /** Write the whole report to this file (replacing a previous report); returns the path written. */
  writeFile(target: string, data: string): Promise<string>;
  /** Write a file people edit (a baseline draft) without overwriting one; returns the path written. */
  writeNew?(target: string, data: string): Promise<string>;
  /** True once standard output is gone (e.g. `| head` closed the pipe): checking stops early. */
  stdoutClosed?(): boolean;
  readStdin?(): Promise<Uint8Array>;
  /** Show a transient progress line (a terminal's stderr); called with '' to clear it. */
  progress?(line: string): void;
}

/** -o extensions and the report format each means. */
const FORMAT_OF_EXTENSION: Record<string, FormatterName> = {
  '.json': 'json',
  '.sarif': 'sarif',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'stylish',
  '.log': 'stylish',
};

/** The format to write: the one asked for, else the one the -o name implies; a mismatch is refused. */
function chooseFormat(format: string | undefined, output: string | undefined): FormatterName {
  const implied = output ? FORMAT_OF_EXTENSION[path.extname(output).toLowerCase()] : undefined;
  if (format === undefined) return implied ?? 'stylish';
  if (!isFormatterName(format)) throw new UserError(`未知的报告格式“${format}”，可选：${Object.keys(FORMATTERS).join('、')}`);
  if (implied && implied !== format) {
    throw new UserError(`报告格式 ${format} 与输出文件 ${output} 的扩展名不符（该扩展名对应 ${implied}）；请改用 --format ${implied} 或换一个文件名`);
  }
  return format;
}

/** Read and check one file; never throws. */
async function checkOne(file: string, engine: CheckEngine, bytesOf?: () => Promise<Uint8Array>): Promise<ReportResult | PathFailure> {
  const ext = path.extname(file).toLowerCase();
  let bytes: Uint8Array;
  try {
    bytes = bytesOf ? await bytesOf() : await readInputFile(file);
  } catch (err) {
    if (err instanceof UserError) {
      // The report names the file itself: keep the reason only.
      const message = err.code === 'not-found' ? FAILURE_TEXT['not-found'] : err.message.replace(`${file}：`, '');
      return { file, code: err.code, message };
    }
    return fsFailure(file, err);
  }
  try {
    return MODEL_EXTS.includes(ext) ? await engine.checkModelFile(bytes, file) : await engine.checkBytes(bytes, file);
  } catch (err) {
    if (err instanceof ReadError) return { file, code: err.code, message: err.message };
    const msg = err instanceof Error ? err.message : String(err);
    const stack = process.env.JUESUAN_DEBUG && err instanceof Error && err.stack ? `\n${err.stack}` : '';
    return { file, code: 'internal', message: `审核时发生内部错误：${msg}${stack}` };
  }
}

/** One line naming the file and the problem, without repeating the name when the message already has it. */
function failureLine(f: PathFailure): string {
  return f.message.includes(f.file) ? f.message : `${f.file}：${f.message}`;
}

/**
 * Runs the check over the paths and returns the exit code. The engine is loaded only once the options are
 * known to be good, and is told how many files there are to check and how many of them are PDFs (it sizes and
 * arranges its worker pool by them).
 */
export async function runCheck(
  paths: string[],
  opts: CheckOptions,
  loadEngine: (files: number, pdfs: number) => Promise<CheckEngine>,
  io: CheckIO,
): Promise<number> {
  let format: FormatterName;
  try {
    format = chooseFormat(opts.format, opts.output);
  } catch (err) {
    io.stderr(`juesuan: ${(err as Error).message}\n`);
    return 2;
  }
  if (paths.length === 0) {
    io.stderr('juesuan: 请给出要审核的文件或目录，例如 juesuan check 决算.pdf（- 表示标准输入）\n');
    return 2;
  }
  const fmt = FORMATTERS[format].stream({
    rulesMeta: opts.rulesMeta,
    cwd: opts.cwd,
    color: opts.color === true && format === 'stylish',
    toolVersion: opts.toolVersion,
  });
  const { items, skipped } = await expandPaths(paths, opts.ignore ?? null);
  const toCheck = items.filter((i) => !('failure' in i)).length;
  const pdfs = items.filter((i) => 'file' in i && /\.pdf$/i.test(i.file)).length;
  const engine = await loadEngine(toCheck, pdfs);
  const pieces: string[] = [];
  const emit = async (s: string): Promise<void> => {
    if (!s) return;
    if (opts.output !== undefined) pieces.push(s);
    else await io.stdout(s);
  };
  const stdinName = opts.stdinFilename ?? '<stdin>';
  let stdinRead: Promise<Uint8Array> | null = null;
  const readStdin = (): Promise<Uint8Array> => {
    if (!io.readStdin) return Promise.reject(new UserError('无法读取标准输入'));
    return (stdinRead ??= io.readStdin());
  };

  // While the next result in input order is awaited and written, up to 2×jobs files are started, so a
  // worker that finishes a fast file takes the next one instead of waiting for a slow file before it.
  const jobs = Math.max(1, Math.floor(opts.jobs ?? autoJobs(toCheck, pdfs)));
  const window = jobs === 1 ? 1 : 2 * jobs;
  const inFlight: (Promise<ReportResult | PathFailure> | undefined)[] = [];
  let started = 0;
  const startUpTo = (limit: number): void => {
    for (; started < Math.min(limit, items.length); started++) {
      const item = items[started];
      inFlight[started] =
        'failure' in item ? Promise.resolve(item.failure) : 'stdin' in item ? checkOne(stdinName, engine, readStdin) : checkOne(item.file, engine);
    }
  };

  const failures: PathFailure[] = [];
  const kept: FormatResult[] = [];
  const usedBaseline = new Set<number>();
  const summary: RunSummary = { skipped, suppressed: 0 };
  let errors = 0;
  let warnings = 0;
  let crashes = 0;
  const t0 = Date.now();
  const showProgress = io.progress !== undefined && items.length > 1;
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
        io.progress?.('');
        io.stderr(`juesuan: ${failureLine(r)}\n`);
        result = { file: r.file, findings: [], doc: null, internalErrors: [], readError: { code: r.code, message: r.message } };
      } else {
        result = r;
        if (opts.baseline) summary.suppressed += applyBaseline(opts.baseline, result, usedBaseline);
        errors += r.findings.filter((f) => f.severity === 'error').length;
        warnings += r.findings.filter((f) => f.severity === 'warning').length;
        crashes += r.internalErrors.length;
        if (r.internalErrors.length > 0) io.progress?.('');
        for (const e of r.internalErrors) io.stderr(`juesuan: ${r.file}：规则 ${e.ruleId} 运行失败（${e.message}），其余规则照常审核\n`);
        if (opts.writeBaseline) kept.push({ ...result, doc: null, findings: [...result.findings] });
        if (opts.quiet) result.findings = result.findings.filter((f) => f.severity === 'error');
      }
      await emit(fmt.file(result));
      if (showProgress) io.progress!(progressLine(i + 1, items.length, Date.now() - t0));
    }
  } finally {
    if (showProgress) io.progress!('');
    await engine.close?.();
  }
  await emit(fmt.tail(summary));

  if (opts.output !== undefined) {
    const written = await io.writeFile(opts.output, pieces.join(''));
    io.stderr(`juesuan: 报告已写入 ${written}\n`);
  }
  if (opts.writeBaseline !== undefined) {
    // A baseline holds people's written justifications: a draft never replaces one (name.v2.json instead).
    const written = await (io.writeNew ?? io.writeFile)(opts.writeBaseline, baselineOf(opts.writeBaseline, kept));
    io.stderr(`juesuan: 基线已写入 ${written}：请为每条问题填写 justification（接受的理由）后再用 --baseline 使用\n`);
  }
  if (opts.baseline && usedBaseline.size < opts.baseline.entries.length && failures.length === 0) {
    io.stderr(`juesuan: 基线 ${opts.baseline.file} 中有 ${opts.baseline.entries.length - usedBaseline.size} 条已接受的问题本次未出现，可从基线中删除\n`);
  }
  if (failures.length > 1) {
    io.stderr(`juesuan: ${failures.length} 个文件或目录无法审核：${failures.map((f) => f.file).join('、')}\n`);
  }
  if (failures.length > 0 || crashes > 0) return 2;
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.stderr(`juesuan: 共 ${warnings} 个警告，超过了 --max-warnings ${opts.maxWarnings} 的上限\n`);
    return 1;
  }
  return 0;
}

function processIO(): CheckIO {
  // A reader that goes away (`juesuan check dir | head`) is not an error: stop writing and stop checking.
  let closed = false;
  process.stdout.on('error', () => (closed = true));
  const tty = process.stderr.isTTY === true;
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
    writeFile: (target, data) => writeReplacing(target, data),
    writeNew: (target, data) => writeNew(target, data),
    stdoutClosed: () => closed,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    progress: tty ? (line) => void process.stderr.write(line ? `\r\x1b[K${line}` : '\r\x1b[K') : undefined,
  };
}

/** A message for option-like arguments (commander passes unknown options through), or null. */
function unknownOptions(args: string[]): string | null {
  const bad = args.filter((a) => a.length > 1 && a.startsWith('-'));
  return bad.length > 0 ? `未知的选项：${bad.join(' ')}（运行 juesuan check --help 查看用法）` : null;
}

/** A whole number option ≥ min, or a UserError naming the option. */

/** --jobs: a whole number ≥ 1; absent (undefined) means by the batch's size (autoJobs in src/cli/pool.ts). */
function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return wholeNumber('--jobs', value, 1, '同时审核的文件数');
}

const HELP_AFTER = `
支持的文件：.txt .md .docx .html .htm .pdf（文档），.json（模型文件，按数据审核；目录中的 .json 只取含 "schemaVersion" 的模型文件，报告、基线等计入跳过数）。
目录会展开为其中（含子目录）所有受支持的文件，隐藏文件和 node_modules 除外；加引号的通配符（如 "公开/**/*.pdf"）
由本程序展开；- 表示标准输入（用 --stdin-filename 指定名称，其扩展名决定读取方式）。

每个文件在独立的工作线程中审核，有时限（--timeout，默认 ${DEFAULT_TIMEOUT_MS / 1000} 秒）和内存上限（--max-memory，默认 ${DEFAULT_MEMORY_MB} MB）；
超出的文件单独报错，其余文件照常审核。

报告格式（--format，省略时按 -o 的扩展名：.json .sarif .html .txt）：
  stylish  终端阅读：位置（PDF 先写页码）、原文摘录、预期/实际/差额、规则编号（默认）
  json     机器读取：{"version":1,"results":[{"file","counts","findings":[…]}],"summary":{…}}
  sarif    SARIF 2.1.0，供代码扫描平台使用
  html     单个自包含网页：汇总、可按严重程度筛选的问题清单、原文高亮
-o 把报告写到该路径（替换上一次的报告）。问题按严重程度、再按位置排列。

项目设置（均可省略）：
  juesuan.config.json  {"rules": {"规则编号": "off"|"info"|"warning"|"error"},
                        "policy": {"performance": "central-2020"|"sichuan"|"chongqing"},（绩效自评打分口径）
                        "ignorePatterns": [...], "baseline": "juesuan-baseline.json", "timeout": 20, "maxMemory": 1024}
  .juesuanignore       忽略规则，写法同 .gitignore
  基线文件             {"accepted": [{"file","ruleId","fingerprint","justification"}]}：已接受并写明理由的问题，
                       不再计入结果；用 --write-baseline 生成草稿，逐条填写 justification 后使用。

退出码：
  0  没有“错误”级别的问题（可能有警告或提示）
  1  发现“错误”级别的问题，或警告数超过 --max-warnings
  2  有文件未能审核（无法读取、格式不支持、文件损坏、超时或超出内存、路径不存在、规则内部错误）或参数有误；
     批量审核时其余文件照常审核并写入报告，无法审核的文件逐一列在标准错误输出中。2 优先于 1。
`;

interface RawCheckOptions {
  format?: string;
  output?: string;
  jobs?: string;
  quiet?: boolean;
  maxWarnings?: string;
  color?: boolean;
  stdinFilename?: string;
  config?: string;
  ignorePath?: string;
  ignorePattern?: string[];
  baseline?: string;
  writeBaseline?: string;
  timeout?: string;
  maxMemory?: string;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerCheck(program: Command): Command {
  return program
    .command('check')
    .description('审核决算公开文档或模型文件，输出问题报告')
    .argument('[路径...]', '要审核的文件、目录或通配符；- 表示标准输入')
    .option('-f, --format <格式>', '报告格式：stylish、json、sarif、html（默认按 -o 的扩展名，否则 stylish）')
    .option('-o, --output <文件>', '把报告写入该文件（替换上一次的报告）')
    .option('-q, --quiet', '只报告“错误”级别的问题')
    .option('--max-warnings <数量>', '警告数超过 n 时退出码为 1')
    .option('--color', '报告使用颜色（默认：终端中使用；环境变量 FORCE_COLOR、NO_COLOR 同样有效）')
    .option('--no-color', '报告不用颜色')
    .option('--stdin-filename <文件名>', '标准输入（-）的文件名，用于选择读取方式和报告中的位置')
    .option('-c, --config <文件>', `配置文件（默认：当前目录的 juesuan.config.json）`)
    .option('--ignore-path <文件>', '忽略文件（默认：当前目录的 .juesuanignore）')
    .option('--ignore-pattern <模式>', '再忽略这些文件（可重复）', collect)
    .option('--baseline <文件>', '基线文件：已接受的问题（附理由）不再计入')
    .option('--write-baseline <文件>', '把本次的全部问题写成基线草稿（理由待填写）')
    .option('--timeout <秒>', `每个文件的审核时限（秒，默认 ${DEFAULT_TIMEOUT_MS / 1000}）`)
    .option('--max-memory <MB>', `每个文件的内存上限（MB，默认 ${DEFAULT_MEMORY_MB}）`)
    .option('-j, --jobs <数量>', `同时审核的文件数（默认每 16 个文件一个，两个及以上 PDF 时至少 2 个，最多为处理器核数 ${coreCount()}）`)
    .addHelpText('after', HELP_AFTER)
    // Unknown options arrive among the paths and are refused here, so that they exit with 2 (commander's
    // own usage errors exit with 1, which means "errors found" for check).
    .allowUnknownOption()
    .action(
      action(async (paths: string[], raw: RawCheckOptions, cmd: Command) => {
        const unknown = unknownOptions(paths);
        if (unknown) throw new UserError(unknown);
        const jobs = parseJobs(raw.jobs);
        const cwd = process.cwd();
        const cfgFile = configPath(raw.config, cwd);
        // The rule catalogue is loaded in this thread only when something here needs it (validating a
        // config file, rule descriptions in SARIF and HTML): the workers load it anyway, and a plain check
        // starts faster without it.
        const format = chooseFormat(raw.format, raw.output);
        const needsMeta = cfgFile !== null || format === 'sarif' || format === 'html';
        const RULES_META = needsMeta ? (await import('../../rules/index.js')).RULES_META : {};
        const config = cfgFile ? await loadConfig(cfgFile, Object.keys(RULES_META)) : { rules: {}, ignorePatterns: [] as string[] };
        const ignore = new IgnoreList(cwd).add(await loadIgnoreFile(raw.ignorePath, cwd)).add(config.ignorePatterns).add(raw.ignorePattern ?? []);
        const baselineFile = raw.baseline ?? config.baseline;
        const timeoutS = raw.timeout !== undefined ? positive('--timeout', raw.timeout, '秒') : config.timeout;
        const memoryMb = raw.maxMemory !== undefined ? wholeNumber('--max-memory', raw.maxMemory, 64, 'MB') : config.maxMemory;
        const run: RunOptions = { rules: config.rules, policy: config.policy };
        const colorSource = cmd.getOptionValueSource('color');
        process.exitCode = await runCheck(
          paths,
          {
            format: raw.format,
            output: raw.output,
            color: raw.output === undefined && colorWanted(colorSource === 'cli' ? raw.color : undefined, process.stdout.isTTY === true),
            cwd,
            rulesMeta: RULES_META,
            toolVersion: program.version(),
            jobs,
            quiet: raw.quiet === true,
            maxWarnings: raw.maxWarnings !== undefined ? wholeNumber('--max-warnings', raw.maxWarnings, 0, '允许的警告数') : undefined,
            stdinFilename: raw.stdinFilename,
            ignore: ignore.size > 0 ? ignore : undefined,
            baseline: baselineFile !== undefined ? await loadBaseline(baselineFile) : undefined,
            writeBaseline: raw.writeBaseline,
          },
          async (files, pdfs) => {
            const { CheckPool } = await import('../pool.js');
            return new CheckPool(Math.max(1, Math.min(jobs ?? autoJobs(files, pdfs), files)), {
              timeoutMs: timeoutS !== undefined ? Math.round(timeoutS * 1000) : DEFAULT_TIMEOUT_MS,
              memoryMb,
              run,
              // two or more PDFs: each checked in two halves on two threads (src/cli/pool.ts, PoolOptions.split)
              split: pdfs >= 2,
            });
          },
          processIO(),
        );
      }),
    );
}

