/**
 * Run rules over one CheckInput: stamp rule id and severity on every report, turn offsets into
 * locations (line/column, and page/box for PDFs), fill message templates, and isolate crashing rules.
 */
import type { Rule } from '../rules/define.js';
import type { Finding, ReportInput, Severity } from '../rules/types.js';
import type { CheckInput, CheckResult } from './types.js';
import type { Location } from '../core/span.js';
import { lineColumn } from '../core/span.js';
import { CENTRAL_POLICY, POLICIES } from '../calc/performance.js';
import { fmt, parseAmount, printedPlaces } from '../calc/money.js';
import type { SourceDoc } from '../readers/types.js';
import { damagedPages, restsOnDamage } from './damage.js';

export interface RunOptions {
  /** Severity overrides or 'off', by rule id. */
  rules?: Record<string, Severity | 'off'>;
  /** Id of the 绩效 scoring policy (POLICIES in calc/performance.ts); default the central one. */
  policy?: string;
}

/**
 * An amount with decimals put into a message, grouped by thousands whether the document printed it grouped
 * ("1741.75" and "1,685.82" in one message read as two conventions): every amount in a message is written the
 * same way. Only whole values that are amounts (digits, a point, decimals) are touched; years, codes, counts
 * and quoted text are left as they are.
 */
const AMOUNT_VALUE = /^-?(?:\d{1,3}(?:,\d{3})+|\d{4,})\.\d{1,4}$/;
function groupAmount(v: string): string {
  if (!AMOUNT_VALUE.test(v)) return v;
  const d = parseAmount(v);
  return d === null ? v : fmt(d, printedPlaces(v));
}

export function fillTemplate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? groupAmount(String(data[k])) : m));
}

function locate(doc: SourceDoc | null, file: string, start: number, end: number): Location {
  if (!doc) return { file, line: 1, column: 1 };
  const a = lineColumn(doc.lineStarts, start);
  const b = lineColumn(doc.lineStarts, Math.max(start, end));
  const loc: Location = { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset: start, length: Math.max(0, end - start) };
  const box = doc.lineBoxes?.[a.line - 1];
  if (box) {
    loc.page = box.page;
    loc.box = box;
  }
  return loc;
}

function isLocation(x: unknown): x is Location {
  return typeof x === 'object' && x !== null && 'line' in x && 'file' in x;
}

/** Findings listed per rule and file; the rest are counted in one note. */
const MAX_PER_RULE = 100;

export function runRules(input: CheckInput, rules: Rule[], opts: RunOptions = {}): CheckResult {
  const findings: Finding[] = [];
  const internalErrors: { ruleId: string; message: string }[] = [];
  const policy = (opts.policy !== undefined ? POLICIES[opts.policy] : undefined) ?? CENTRAL_POLICY;
  for (const rule of rules) {
    const setting = opts.rules?.[rule.meta.id];
    if (setting === 'off') continue;
    let reported = 0;
    let over = 0;
    const report = (r: ReportInput) => {
      // A flood of one rule's findings (a page repeating one phrase 25 000 times) says nothing more after the
      // first hundred: those are kept, the rest counted in one note.
      if (++reported > MAX_PER_RULE) {
        over++;
        return;
      }
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`规则 ${rule.meta.id} 报告了未定义的 messageId "${r.messageId}"`);
      let location: Location;
      let excerpt: string | undefined;
      if (r.at && isLocation(r.at)) location = r.at;
      else if (r.at) {
        location = locate(input.doc, input.file, r.at.start, r.at.end);
        excerpt = input.doc?.text.slice(r.at.start, r.at.end);
      } else location = { file: input.file, line: 1, column: 1 };
      const f: Finding = {
        ruleId: rule.meta.id,
        severity: setting ?? r.severity ?? rule.meta.defaultSeverity,
        message: fillTemplate(template, r.data),
        messageId: r.messageId,
        location,
      };
      if (excerpt !== undefined) f.excerpt = excerpt;
      if (r.expected !== undefined) f.expected = r.expected;
      if (r.actual !== undefined) f.actual = r.actual;
      if (r.difference !== undefined) f.difference = r.difference;
      if (r.related?.length) f.related = r.related.map((x) => ({ label: x.label, location: locate(input.doc, input.file, x.at.start, x.at.end) }));
      findings.push(f);
    };
    try {
      rule.check(input, { report, policy });
    } catch (e) {
      internalErrors.push({ ruleId: rule.meta.id, message: e instanceof Error ? e.message : String(e) });
    }
    if (over > 0) {
      findings.push({ ruleId: rule.meta.id, severity: 'info', message: `规则“${rule.meta.description}”另有${over}条问题未列出（每条规则每个文件最多列出${MAX_PER_RULE}条）。`, messageId: 'truncated', location: { file: input.file, line: 1, column: 1 } });
    }
  }
  const damaged = damagedPages(input.doc);
  if (damaged.size) {
    const withheld = findings.filter((f) => restsOnDamage(f, damaged));
    if (withheld.length) findings.splice(0, findings.length, ...findings.filter((f) => !restsOnDamage(f, damaged)));
    if (withheld.length && opts.rules?.['doc/damaged'] !== 'off') {
      const errors = withheld.filter((f) => f.severity === 'error').length;
      findings.push({
        ruleId: 'doc/damaged',
        severity: 'info',
        message: `另有 ${withheld.length} 条检查结果（其中错误 ${errors} 条）落在已损坏的页上或依赖这些页，未予报告：这些页读取不完整，结论不可靠。`,
        messageId: 'withheld',
        location: { file: input.file, line: 1, column: 1 },
      });
    }
  }
  // Rule ids compared by code unit, not localeCompare: the same order for these ASCII ids, and the first
  // localeCompare of a process builds ICU's collator (~5 ms of a one-file check).
  findings.sort((a, b) => (a.location.offset ?? 0) - (b.location.offset ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { file: input.file, findings, doc: input.doc, internalErrors, ...(input.kind ? { kind: input.kind } : {}) };
}
