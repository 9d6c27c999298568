/**
 * What the rules look at. The engine builds it once per document (reader → sections → claims →
 * extracted model) and hands the same frozen object to every rule. For a model file (no document),
 * `doc` is null and findings carry no text span.
 */
import type { SourceDoc } from '../readers/types.js';
import type { Finding } from '../rules/types.js';
import type { UnboundFigure } from '../claims/extract.js';
import type { TextView } from '../claims/view.js';

// Filled in by the engine modules as they land; kept loose here so rule files can be written in parallel.
export interface CheckInput {
  file: string;
  doc: SourceDoc | null;
  /** Claims extracted from the text (claims/types.ts). */
  claims: import('../claims/types.js').Claim[];
  /** Figures the text prints but the words do not bind (subject, measure, unit or year unclear): checked by nothing. */
  unbound?: UnboundFigure[];
  /** Section tree from the headings (structure/sections.ts). */
  sections: import('../structure/types.js').Section[];
  /** Self-evaluation forms read from the document's tables (extract/self-eval.ts). */
  selfEvaluations: import('../extract/self-eval-types.js').ExtractedSelfEvaluation[];
  /** Tables rebuilt into the model (PDF/DOCX/HTML), with confidence (extract/tables). */
  tables: import('../extract/table-types.js').ExtractedTable[];
  /** Document year and style, detected. */
  year: number | null;
  style: 'chongqing' | 'shanghai' | 'unknown';
  /** The text as read for sentences (PDF lines joined), with its map to source offsets. */
  view?: TextView;
  /** Body name as found on the cover/title. */
  bodyName: string | null;
  /** Document kind (structure/kind.ts): 部门决算, 单位决算, 部门预算, 汇总, 新闻报道…; absent = not detected. */
  kind?: import('../structure/kind.js').DocKind;
}

export interface CheckResult {
  file: string;
  findings: Finding[];
  doc: SourceDoc | null;
  /** Internal rule failures (a crashing rule never stops the others). */
  internalErrors: { ruleId: string; message: string }[];
  /** The document kind the rules saw (CheckInput.kind), for reports. */
  kind?: import('../structure/kind.js').DocKind;
}

/** What a report shows of the document: its text and where each line is (src/formatters read no more). */
export type ReportDoc = Pick<SourceDoc, 'file' | 'format' | 'text' | 'lineStarts' | 'lineBoxes'>;

/** A check's result as reports take it: the document cut down to ReportDoc. */
export interface ReportResult extends Omit<CheckResult, 'doc'> {
  doc: ReportDoc | null;
}

/**
 * The result with the document cut down to what reports read. A check worker sends this to the command, not
 * the whole document (its normalised text, tables and notes were ~60 % of the reply, serialised and parsed
 * again for nothing).
 */
export function forReport(r: CheckResult): ReportResult {
  const d = r.doc;
  return { ...r, doc: d && { file: d.file, format: d.format, text: d.text, lineStarts: d.lineStarts, lineBoxes: d.lineBoxes } };
}
