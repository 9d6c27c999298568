/**
 * stylish: the terminal report (ESLint layout, hledger excerpts). Per file a header, then per finding
 * `line:col  severity  message  ruleId`, the source line with ^^^ under the span — carets aligned by display
 * width, so CJK characters count two columns — and 预期/实际/差额 lines when the finding carries them.
 * Ends with "N 个错误，M 个警告，K 条提示". Colour only when ctx.color.
 */
import pc from 'picocolors';
import type { Finding, Severity } from '../rules/types.js';
import type { ReportDoc } from '../engine/types.js';
import { makeFormatter, type FormatContext, type FormatResult, type FormatStream } from './types.js';
import {
  addTotals,
  charWidth,
  countsPhrase,
  displayPath,
  emptyTotals,
  generatedTextName,
  lineBounds,
  lineIndexOf,
  padEndWidth,
  pagePrefix,
  SEVERITY_LABEL,
  sortedFindings,
  spanOf,
  strWidth,
} from './util.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Widest excerpt shown; longer lines are cut to a window around the span. */
const MAX_EXCERPT_WIDTH = 100;
/** Columns of context kept before the span when a line is cut. */
const LEFT_CONTEXT = 30;
const ELLIPSIS = '...';

interface Cell {
  text: string;
  width: number;
  /** Offset in the document text of the character this cell shows. */
  offset: number;
}

/** The characters of a line as terminal cells: tabs (table cell breaks) shown as " | ", controls as spaces. */
function cellsOf(doc: ReportDoc, start: number, end: number): Cell[] {
  const cells: Cell[] = [];
  let i = start;
  while (i < end) {
    const cp = doc.text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (cp === 9) cells.push({ text: ' | ', width: 3, offset: i });
    else if (cp < 0x20 || cp === 0x7f) cells.push({ text: ' ', width: 1, offset: i });
    else cells.push({ text: String.fromCodePoint(cp), width: charWidth(cp), offset: i });
    i += len;
  }
  return cells;
}

/**
 * The excerpt of a span: its (first) line, cut to a window when too wide, and the caret line under the span.
 * Exported for tests.
 */
export function excerptLines(doc: ReportDoc, span: { start: number; end: number }): { lineNo: number; source: string; carets: string } {
  const li = lineIndexOf(doc, span.start);
  const bounds = lineBounds(doc, li);
  const a = Math.min(span.start, bounds.end);
  const b = Math.min(span.end, bounds.end);
  const cells = cellsOf(doc, bounds.start, bounds.end);
  const total = cells.reduce((w, c) => w + c.width, 0);

  let from = 0;
  let to = cells.length;
  if (total > MAX_EXCERPT_WIDTH) {
    const first = cells.findIndex((c) => c.offset >= a);
    const spanIdx = first < 0 ? cells.length : first;
    from = spanIdx;
    let w = 0;
    while (from > 0 && w + cells[from - 1].width <= LEFT_CONTEXT) w += cells[--from].width;
    let width = from > 0 ? ELLIPSIS.length : 0;
    to = from;
    while (to < cells.length && width + cells[to].width <= MAX_EXCERPT_WIDTH - ELLIPSIS.length) width += cells[to++].width;
  }

  let source = from > 0 ? ELLIPSIS : '';
  let before = from > 0 ? ELLIPSIS.length : 0;
  let under = 0;
  for (let k = from; k < to; k++) {
    const c = cells[k];
    source += c.text;
    if (c.offset < a) before += c.width;
    else if (c.offset < b) under += c.width;
  }
  if (to < cells.length) source += ELLIPSIS;
  return { lineNo: li + 1, source, carets: ' '.repeat(before) + '^'.repeat(Math.max(1, under)) };
}

function severityColor(c: Colors, s: Severity): (t: string) => string {
  return s === 'error' ? c.red : s === 'warning' ? c.yellow : c.blue;
}

/** "第3页 12:5" for a PDF (page first), "12:5" otherwise. */
function locText(f: Finding): string {
  return `${pagePrefix(f.location)}${f.location.line}:${f.location.column}${f.location.jsonPath ? ` ${f.location.jsonPath}` : ''}`;
}

function findingBlock(r: FormatResult, f: Finding, locWidth: number, c: Colors): string {
  const loc = locText(f);
  const sev = severityColor(c, f.severity);
  let out = `  ${c.dim(padEndWidth(loc, locWidth))}  ${sev(SEVERITY_LABEL[f.severity])}  ${f.message}  ${c.dim(f.ruleId)}\n`;
  const indent = '    ';
  const span = spanOf(r.doc, f.location);
  if (r.doc && span) {
    const ex = excerptLines(r.doc, span);
    const gutter = String(ex.lineNo);
    out += `${indent}${c.dim(gutter + ' |')} ${ex.source}\n`;
    out += `${indent}${c.dim(' '.repeat(gutter.length) + ' |')} ${sev(ex.carets)}\n`;
  }
  if (f.expected !== undefined) out += `${indent}预期：${f.expected}\n`;
  if (f.actual !== undefined) out += `${indent}实际：${f.actual}\n`;
  if (f.difference !== undefined) out += `${indent}差额：${f.difference}\n`;
  for (const rel of f.related ?? []) {
    out += `${indent}${c.dim('相关：')}${rel.label}（${pagePrefix(rel.location)}第${rel.location.line}行第${rel.location.column}列）\n`;
  }
  return out;
}

function stream(ctx: FormatContext): FormatStream {
  const c = pc.createColors(ctx.color === true);
  const totals = emptyTotals();
  return {
    head: () => '',
    file(r) {
      addTotals(totals, r);
      if (r.findings.length === 0 && r.internalErrors.length === 0 && !r.readError) return '';
      const generated = generatedTextName(r);
      const note = generated ? c.dim('（审核的是由模型生成的文本，行列号指该文本）') : '';
      let out = `${c.underline(displayPath(r.file, ctx.cwd))}${note}\n`;
      if (r.readError) out += `  ${c.red('无法读取')}  ${r.readError.message}  ${c.dim(r.readError.code)}\n`;
      const findings = sortedFindings(r.findings);
      const locWidth = Math.max(0, ...findings.map((f) => strWidth(locText(f))));
      for (const f of findings) out += findingBlock(r, f, locWidth, c);
      for (const e of r.internalErrors) out += `  ${c.magenta('内部错误')}  规则运行失败：${e.message}  ${c.dim(e.ruleId)}\n`;
      return out + '\n';
    },
    tail(summary) {
      const bad = totals.error > 0 || totals.readFailures > 0 || totals.internalErrors > 0;
      const mark = bad ? c.red('✖') : totals.warning > 0 ? c.yellow('⚠') : c.green('✔');
      const extra: string[] = [`共 ${totals.files} 个文件`];
      if (totals.readFailures > 0) extra.push(`${totals.readFailures} 个无法读取`);
      if (totals.internalErrors > 0) extra.push(`${totals.internalErrors} 个规则内部错误`);
      if (summary?.skipped) extra.push(`${summary.skipped} 个跳过（非文档类型或被忽略）`);
      if (summary?.suppressed) extra.push(`${summary.suppressed} 条问题已在基线中接受`);
      return `${mark} ${countsPhrase(totals)}（${extra.join('，')}）\n`;
    },
  };
}

export const stylish = makeFormatter(stream);
