/**
 * json: the machine-readable report, a stable public shape (never change these fields, only add):
 * {"version":1,"results":[{"file","findings":[{"ruleId","severity","message","location":{"line","column","page"?},
 *   "expected"?,"actual"?}]}]}
 * Lines and columns are 1-based; `page` appears only for PDFs. Added fields: messageId, difference, related,
 * location.endLine/endColumn/offset/length, location.box (PDFs: the line's {page,x,y,w,h} in points, origin
 * top-left, so the web view can mark it on the page), location.jsonPath (model files: the field the finding is about,
 * e.g. `sanGong.total.actual`, `tables[0].rows[8].values.amount`), and per result `internalErrors` / `error` when there are any and
 * `generatedText: true` for a model file (its positions refer to the text generated from the model), and
 * `kind: {id, label}` (document kind, e.g. {"id":"dept-budget","label":"部门预算"}) when a document was read.
 * Findings come errors first, then by position; each result has `counts` {error, warning, info} and the
 * report ends with `summary` {files, error, warning, info, unreadable, internalErrors, skipped, accepted}.
 * Each finding has a `fingerprint` (stable when the document changes elsewhere) for baseline files.
 * One result per line, so a batch streams as it is checked and still parses as one JSON document.
 */
import type { Box, Location } from '../core/span.js';
import type { Finding } from '../rules/types.js';
import { fingerprint } from './fingerprint.js';
import { addTotals, emptyTotals, generatedTextName, sortedFindings, type Totals } from './util.js';
import { kindLabel } from '../structure/kind.js';
import { makeFormatter, type FormatContext, type FormatResult, type FormatStream } from './types.js';

/** A finding's location in the JSON report (the web workbench reads the same type). */
export interface JsonLocation {
  line: number;
  column: number;
  page?: number;
  endLine?: number;
  endColumn?: number;
  offset?: number;
  length?: number;
  box?: Box;
  /** Model files: the field the finding is about, e.g. `sanGong.total.actual`. */
  jsonPath?: string;
}

function jsonLocation(loc: Location, isPdf: boolean): JsonLocation {
  const out: JsonLocation = { line: loc.line, column: loc.column };
  if (isPdf && loc.page !== undefined) out.page = loc.page;
  if (loc.endLine !== undefined) out.endLine = loc.endLine;
  if (loc.endColumn !== undefined) out.endColumn = loc.endColumn;
  if (loc.offset !== undefined) out.offset = loc.offset;
  if (loc.length !== undefined) out.length = loc.length;
  if (isPdf && loc.box) out.box = { page: loc.box.page, x: loc.box.x, y: loc.box.y, w: loc.box.w, h: loc.box.h };
  if (loc.jsonPath) out.jsonPath = loc.jsonPath;
  return out;
}

function jsonFinding(f: Finding, isPdf: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    location: jsonLocation(f.location, isPdf),
    fingerprint: fingerprint(f),
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.difference !== undefined) out.difference = f.difference;
  out.messageId = f.messageId;
  if (f.related && f.related.length > 0) {
    out.related = f.related.map((r) => ({ label: r.label, location: jsonLocation(r.location, isPdf) }));
  }
  return out;
}

/** The JSON object for one file's result (exported for tests and callers embedding results). */
export function jsonResult(r: FormatResult): Record<string, unknown> {
  const isPdf = r.doc?.format === 'pdf';
  const t = emptyTotals();
  addTotals(t, r);
  const out: Record<string, unknown> = { file: r.file, findings: sortedFindings(r.findings).map((f) => jsonFinding(f, isPdf)), counts: counts(t) };
  // The kind the rules judged by (detected once, in the engine), not detected again here.
  if (r.doc && r.kind) out.kind = { id: r.kind, label: kindLabel(r.kind) };
  if (generatedTextName(r)) out.generatedText = true;
  if (r.internalErrors.length > 0) out.internalErrors = r.internalErrors.map((e) => ({ ruleId: e.ruleId, message: e.message }));
  if (r.readError) out.error = { code: r.readError.code, message: r.readError.message };
  return out;
}

const counts = (t: Totals) => ({ error: t.error, warning: t.warning, info: t.info });

function stream(_ctx: FormatContext): FormatStream {
  let n = 0;
  const totals = emptyTotals();
  return {
    head: () => '{"version":1,"results":[',
    file: (r) => {
      addTotals(totals, r);
      return (n++ > 0 ? ',\n' : '\n') + JSON.stringify(jsonResult(r));
    },
    tail: (s) => {
      const summary = {
        files: totals.files,
        ...counts(totals),
        unreadable: totals.readFailures,
        internalErrors: totals.internalErrors,
        skipped: s?.skipped ?? 0,
        accepted: s?.suppressed ?? 0,
      };
      return `${n > 0 ? '\n' : ''}],"summary":${JSON.stringify(summary)}}\n`;
    },
  };
}

export const json = makeFormatter(stream);
