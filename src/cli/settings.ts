/**
 * The files that tune `juesuan check` for a project, read at the CLI edge and validated by hand (no schema
 * library, so that start-up stays light), each error naming the file and the JSON path:
 *
 * - **config** `juesuan.config.json` (or `--config FILE`): rules on/off and severities, the region's 绩效
 *   scoring policy, ignore patterns, the baseline file, the per-file limits;
 * - **ignore file** `.juesuanignore` (or `--ignore-path FILE`): .gitignore-style patterns;
 * - **baseline** (`--baseline FILE` or `baseline` in the config): findings a person has accepted, each with
 *   a written justification (what the workbench's "accept" stores); an accepted finding no longer counts.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../rules/types.js';
import type { FormatResult } from '../formatters/types.js';
import { fingerprint } from '../formatters/fingerprint.js';
import { UserError } from './io.js';

const CONFIG_FILE = 'juesuan.config.json';
const IGNORE_FILE = '.juesuanignore';

/** Ids of the 绩效 scoring policies (src/calc/performance.ts POLICIES), kept here to keep start-up light. */
const POLICY_IDS = ['central-2020', 'sichuan', 'chongqing'];

interface Config {
  rules: Record<string, Severity | 'off'>;
  policy?: string;
  ignorePatterns: string[];
  baseline?: string;
  /** Seconds per file. */
  timeout?: number;
  /** MB of heap per file. */
  maxMemory?: number;
}

const SETTINGS: Record<string, Severity | 'off'> = { off: 'off', error: 'error', warning: 'warning', warn: 'warning', info: 'info', 错误: 'error', 警告: 'warning', 提示: 'info', 关闭: 'off' };

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${file}：${code === 'ENOENT' ? `找不到${what}` : `无法读取${what}（${(err as Error).message}）`}`);
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    throw new UserError(`${file}：${what}不是有效的 JSON（${(err as Error).message}）`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Read and validate a config file; `knownRules` are the rule ids of the catalogue. */
export async function loadConfig(file: string, knownRules: string[]): Promise<Config> {
  const raw = await readJson(file, '配置文件');
  const bad = (at: string, msg: string): never => {
    throw new UserError(`${file}：${at}：${msg}`);
  };
  if (!isObject(raw)) bad('（根）', '应为对象，例如 {"rules": {"doc/placeholder": "off"}}');
  const obj = raw as Record<string, unknown>;
  const allowed = ['rules', 'policy', 'ignorePatterns', 'baseline', 'timeout', 'maxMemory', '$schema'];
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) bad(k, `未知的设置项，可用：${allowed.slice(0, -1).join('、')}`);
  const config: Config = { rules: {}, ignorePatterns: [] };
  if (obj.rules !== undefined) {
    if (!isObject(obj.rules)) bad('rules', '应为对象：规则编号 → "off" | "info" | "warning" | "error"');
    for (const [id, v] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!knownRules.includes(id)) bad(`rules.${id}`, '没有这条规则（运行 juesuan check --help 查看规则组，或见 src/rules/index.ts）');
      const setting = typeof v === 'string' ? SETTINGS[v] : undefined;
      if (!setting) bad(`rules.${id}`, `应为 "off"、"info"、"warning" 或 "error"，而不是 ${JSON.stringify(v)}`);
      config.rules[id] = setting!;
    }
  }
  if (obj.policy !== undefined) {
    const perf = isObject(obj.policy) ? obj.policy.performance : obj.policy;
    if (typeof perf !== 'string' || !POLICY_IDS.includes(perf)) bad('policy.performance', `绩效自评打分口径应为 ${POLICY_IDS.join('、')} 之一`);
    config.policy = perf as string;
  }
  if (obj.ignorePatterns !== undefined) {
    if (!Array.isArray(obj.ignorePatterns) || obj.ignorePatterns.some((p) => typeof p !== 'string')) bad('ignorePatterns', '应为字符串数组');
    config.ignorePatterns = obj.ignorePatterns as string[];
  }
  if (obj.baseline !== undefined) {
    if (typeof obj.baseline !== 'string' || obj.baseline === '') bad('baseline', '应为基线文件的路径');
    config.baseline = path.resolve(path.dirname(file), obj.baseline as string);
  }
  for (const k of ['timeout', 'maxMemory'] as const) {
    const v = obj[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) bad(k, k === 'timeout' ? '应为正数（每个文件的秒数）' : '应为正数（每个文件的内存上限，MB）');
    config[k] = v as number;
  }
  return config;
}

/** The config file to use: --config FILE, else juesuan.config.json in the working directory if present. */
export function configPath(explicit: string | undefined, cwd: string): string | null {
  if (explicit !== undefined) return explicit;
  const p = path.join(cwd, CONFIG_FILE);
  return existsSync(p) ? p : null;
}

/** Patterns of an ignore file; a missing default file is no patterns, a missing named one an error. */
export async function loadIgnoreFile(explicit: string | undefined, cwd: string): Promise<string[]> {
  const file = explicit ?? path.join(cwd, IGNORE_FILE);
  if (explicit === undefined && !existsSync(file)) return [];
  try {
    return (await fsp.readFile(file, 'utf8')).split(/\r?\n/);
  } catch (err) {
    throw new UserError(`${file}：无法读取忽略文件（${(err as Error).message}）`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Baseline

export interface BaselineEntry {
  /** Path of the document, relative to the baseline file's directory, with '/' separators. */
  file: string;
  ruleId: string;
  /** Stable across edits elsewhere in the document (src/formatters/fingerprint.ts). */
  fingerprint: string;
  /** The finding's message when accepted, for the person reading the baseline. */
  message?: string;
  /** Why the finding is accepted: required, in words. */
  justification: string;
}

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

const baselineKey = (file: string, ruleId: string, fp: string): string => `${file}\u0000${ruleId}\u0000${fp}`;

function relativeTo(baselineFile: string, doc: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(doc)).split(path.sep).join('/');
}

export async function loadBaseline(file: string): Promise<Baseline> {
  const raw = await readJson(file, '基线文件');
  const bad = (at: string, msg: string): never => {
    throw new UserError(`${file}：${at}：${msg}`);
  };
  const list = isObject(raw) ? raw.accepted : undefined;
  if (!Array.isArray(list)) bad('accepted', '应为数组：[{"file","ruleId","fingerprint","justification"}]');
  const entries: BaselineEntry[] = [];
  (list as unknown[]).forEach((e, i) => {
    const at = `accepted[${i}]`;
    if (!isObject(e)) bad(at, '应为对象');
    const o = e as Record<string, unknown>;
    for (const k of ['file', 'ruleId', 'fingerprint'] as const) if (typeof o[k] !== 'string' || o[k] === '') bad(`${at}.${k}`, '应为非空字符串');
    if (typeof o.justification !== 'string' || o.justification.trim() === '') {
      bad(`${at}.justification`, '请写明接受这条问题的理由（接受一条问题需要书面说明）');
    }
    entries.push({ file: o.file as string, ruleId: o.ruleId as string, fingerprint: o.fingerprint as string, message: o.message as string | undefined, justification: o.justification as string });
  });
  return { file, entries };
}

/** Removes the accepted findings from a result; returns how many were removed. Records which entries were used. */
export function applyBaseline(baseline: Baseline, result: FormatResult, used: Set<number>): number {
  const index = new Map<string, number>();
  baseline.entries.forEach((e, i) => index.set(baselineKey(e.file, e.ruleId, e.fingerprint), i));
  const rel = relativeTo(baseline.file, result.file);
  const before = result.findings.length;
  result.findings = result.findings.filter((f) => {
    const i = index.get(baselineKey(rel, f.ruleId, fingerprint(f)));
    if (i === undefined) return true;
    used.add(i);
    return false;
  });
  return before - result.findings.length;
}

/** A baseline file holding every finding of the results, each waiting for a person's justification. */
export function baselineOf(file: string, results: FormatResult[]): string {
  const accepted = results.flatMap((r) =>
    r.findings.map((f) => ({ file: relativeTo(file, r.file), ruleId: f.ruleId, fingerprint: fingerprint(f), message: f.message, justification: '' })),
  );
  return JSON.stringify({ version: 1, accepted }, null, 2) + '\n';
}
