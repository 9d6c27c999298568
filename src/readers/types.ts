/**
 * What every reader returns: the document's text with positions. Readers take bytes, never paths.
 *
 * `text` is the extracted text (paragraphs and table rows one per line; table cells separated by \t).
 * `norm` is the same text normalised for matching (full-width → half-width, traditional → simplified,
 * Kangxi/CJK radicals → ideographs, Word field residue blanked to spaces). **norm.length === text.length**:
 * normalisation is char-for-char, so an offset found in `norm` is the same offset in `text`.
 */
import type { Box } from '../core/span.js';

export type SourceFormat = 'text' | 'md' | 'docx' | 'html' | 'pdf';

export interface SourceCell {
  text: string;
  /** [start, end) offsets into SourceDoc.text. */
  start: number;
  end: number;
  rowSpan?: number;
  colSpan?: number;
}

export interface SourceTable {
  /** Rows of cells as laid out in the source (merged cells appear once, with spans). */
  rows: SourceCell[][];
  start: number;
  end: number;
  /** Page (PDF only, 1-based) where the table starts. */
  page?: number;
}

/** A heading marked as such by the source (DOCX heading style / outline level, HTML h1–h6). */
export interface SourceHeading {
  /** 1 = top level. */
  level: number;
  /** [start, end) offsets into SourceDoc.text. */
  start: number;
  end: number;
}

/** Pages of a document that could not be read, or only in part (PDF), and why, in plain Chinese. */
export interface SourceDamage {
  /** 1-based page numbers (a very long run is listed up to a cap; the reason gives the whole count). */
  pages: number[];
  reason: string;
  /**
   * 'damaged': the file is broken there and nothing of the page was read; 'partial': the page's content is
   * broken (pdfjs stopped on it) and only what a lenient reading gets past was read; 'limit': a page or time limit of the reader stopped it.
   */
  kind: 'damaged' | 'partial' | 'limit';
}

export interface SourceDoc {
  file: string;
  format: SourceFormat;
  text: string;
  norm: string;
  /** Offsets of line starts in text. */
  lineStarts: number[];
  /** PDF only: for each line (0-based index) its page and box. */
  lineBoxes?: (Box | null)[];
  pageCount?: number;
  /** Tables found structurally (DOCX/HTML tables, tab-separated text rows, rebuilt PDF tables). */
  tables: SourceTable[];
  /** Headings the source marks structurally (DOCX, HTML); absent when the format has none. */
  headings?: SourceHeading[];
  /** The nine tables rebuilt into the model with confidence (extract/tables): by the PDF reader, else by the engine. */
  rebuiltTables?: import('../extract/table-types.js').ExtractedTable[];
  /** PDF only: the 绩效自评表 forms read from the text layer's geometry (readers/pdf/forms.ts). */
  formTables?: SourceTable[];
  /** Things the reader noticed that a person should know (converted encoding, dropped residue, …). */
  notes: string[];
  /**
   * Parts the reader could not read (PDF: pages pdfjs does not see though the file declares them, pages that
   * throw, pages cut by the time or item limit). Absent or empty when everything was read. The rule
   * doc/damaged reports it: a check that did not see every page is not a clean pass.
   */
  damage?: SourceDamage[];
}

/** A reader failure a user must be told about (exit code 2). */
export class ReadError extends Error {
  constructor(
    public readonly code: 'empty' | 'binary' | 'too-large' | 'corrupt' | 'encrypted' | 'needs-ocr' | 'zip-bomb' | 'unsupported' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}
