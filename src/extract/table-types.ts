/**
 * A table rebuilt from a document into the model's shape, with where each cell came from and how
 * sure we are that it was read right. Rules on tables only run when `confidence >= TABLE_CONFIDENCE_THRESHOLD`.
 */
import type { Table } from '../model/schema.js';
import type { Box } from '../core/span.js';

export const TABLE_CONFIDENCE_THRESHOLD = 0.8;

export interface CellSource {
  /** [start, end) in SourceDoc.text, when the cell's text is in it. */
  start?: number;
  end?: number;
  page?: number;
  box?: Box;
}

export interface ExtractedTable {
  table: Table;
  /** Title as printed, and where. */
  title: string;
  titleAt?: CellSource;
  /** Body name printed in the table header (e.g. 编制单位：…), if any. */
  bodyName?: string;
  bodyNameAt?: CellSource;
  /** rows[i].values[col] → where it was printed. Same indices as table.rows. */
  cellSources: Record<string, CellSource>[];
  rowSources: CellSource[];
  /** 0..1, from how the table was read (columns found, numbers placed, rows recognised, unit line), never from its sums. */
  confidence: number;
  /** Why the confidence is what it is (columns not found, numbers not placed, rows not recognised, …). */
  confidenceNotes: string[];
  pages?: number[];
  /**
   * A model's own table (data, not a reading): a row with no figure is one the text does not state, so it
   * is unknown — whereas a printed row with no figure (a template row left blank) stands for nothing.
   */
  fromModel?: boolean;
}
