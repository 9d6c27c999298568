/** Helpers shared by the formatters: counting, paths, spans in the document text, terminal width, escaping. */
import { lineColumn } from '../core/span.js';
import type { Location } from '../core/span.js';
import type { ReportDoc } from '../engine/types.js';
import type { Finding, Severity } from '../rules/types.js';
import type { FormatResult } from './types.js';

export interface Totals {
  files: number;
  error: number;
  warning: number;
  info: number;
  internalErrors: number;
  readFailures: number;
}

export function emptyTotals(): Totals {
  return { files: 0, error: 0, warning: 0, info: 0, internalErrors: 0, readFailures: 0 };
}

export function addTotals(t: Totals, r: FormatResult): void {
  t.files++;
  for (const f of r.findings) t[f.severity]++;
  t.internalErrors += r.internalErrors.length;
  if (r.readError) t.readFailures++;
}

/** "N 个错误，M 个警告，K 条提示" — the summary every human-readable report ends with. */
export function countsPhrase(t: Pick<Totals, Severity>): string {
  return `${t.error} 个错误，${t.warning} 个警告，${t.info} 条提示`;
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Findings as a reader wants them: errors first, then warnings, then notes; within a severity in reading
 * order (page, line, column); stable for equal positions.
 */
export function sortedFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        (a.f.location.page ?? 0) - (b.f.location.page ?? 0) ||
        a.f.location.line - b.f.location.line ||
        a.f.location.column - b.f.location.column ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/**
 * A rule's basis as a reader of the report should see it: the regulation or template clause, without
 * references to the project's own notes (`domain.md §3.1`, `rule-ideas.md V33-001/BUD-003`). Empty when
 * nothing but such references was there.
 */
export function publicBasis(basis: string): string {
  return basis
    .replace(/[（(]\s*[\w-]+\.md(?:\s*§[\d.]+)?\s*[）)]/g, '')
    .replace(/[；;，,]?\s*[\w-]+\.md(?:\s*§[\d.]+)?(?:\s+[A-Z0-9][A-Z0-9/-]*)*\s*[：:]?\s*/g, (m) => (/[：:]\s*$/.test(m) || /^[；;，,]/.test(m) ? '' : ' '))
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s；;，,：:]+|[\s；;，,]+$/g, '')
    .trim();
}

/** A path for display: relative to cwd when it is an absolute path under cwd, otherwise as given. */
export function displayPath(file: string, cwd?: string): string {
  if (!cwd) return file;
  const base = cwd.replace(/[\\/]+$/, '');
  for (const sep of ['/', '\\']) {
    if (file.startsWith(base + sep)) return file.slice(base.length + 1);
  }
  return file;
}

/**
 * The [start, end) span of a location in the document text: from offset/length when present, otherwise from
 * line/column (and endLine/endColumn). Null when the document has no such position.
 */
export function spanOf(doc: ReportDoc | null, loc: Location): { start: number; end: number } | null {
  if (!doc) return null;
  const n = doc.text.length;
  let start: number;
  if (typeof loc.offset === 'number' && loc.offset >= 0) start = loc.offset;
  else {
    const ls = doc.lineStarts[loc.line - 1];
    if (ls === undefined || loc.column < 1) return null;
    start = ls + loc.column - 1;
  }
  if (start > n) return null;
  let end = start;
  if (typeof loc.length === 'number' && loc.length > 0) end = start + loc.length;
  else if (loc.endLine !== undefined && loc.endColumn !== undefined) {
    const els = doc.lineStarts[loc.endLine - 1];
    if (els !== undefined) end = els + loc.endColumn - 1;
  }
  return { start, end: Math.min(Math.max(end, start), n) };
}

/** 0-based index of the line holding offset (one binary search, in core/span). */
export function lineIndexOf(doc: ReportDoc, offset: number): number {
  return lineColumn(doc.lineStarts, offset).line - 1;
}

/** [start, end) of a line's content, without its line break. */
export function lineBounds(doc: ReportDoc, index: number): { start: number; end: number } {
  const start = doc.lineStarts[index] ?? doc.text.length;
  const next = doc.lineStarts[index + 1];
  let end = next === undefined ? doc.text.length : next - 1;
  if (end > start && doc.text.charCodeAt(end - 1) === 13) end--;
  return { start, end: Math.max(start, end) };
}

/**
 * Terminal display width of a code point: 2 for East Asian Wide/Fullwidth (CJK ideographs, kana, hangul,
 * full-width forms and CJK punctuation), 0 for combining marks and zero-width characters, 1 otherwise.
 */
export function charWidth(cp: number): number {
  if (cp === 0) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function strWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

export function padEndWidth(s: string, width: number): string {
  const w = strWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** "第3页 " for a PDF location, "" otherwise. */
export function pagePrefix(loc: Location): string {
  return loc.page !== undefined ? `第${loc.page}页 ` : '';
}

/**
 * For a model file the engine checks the text generated from the model, not the file's own bytes: then
 * doc.file names the generated text and line/column refer to it. Returns that name, or null.
 */
export function generatedTextName(r: { file: string; doc: ReportDoc | null }): string | null {
  return r.doc && r.doc.file !== r.file ? r.doc.file : null;
}
