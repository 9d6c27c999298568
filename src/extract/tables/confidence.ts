/**
 * Whether a table was read well, decided only from how it was read: the header's columns found, every
 * number placed in a cell, every cell readable as an amount, every row recognised, the unit line found.
 * Never from whether the table's sums hold: a table read well whose sums fail is a table with errors, and
 * the rules must see it (textlint's kernel: a parser's doubt never depends on the rules' verdicts).
 */
import type { Table } from '../../model/schema.js';

interface ReadingEvidence {
  /** Header labels of required columns that were not found. */
  missing: string[];
  /** Numbers or words in the body that fit no cell. */
  stray: number;
  /** Cells that could not be read as one amount. */
  problems: string[];
  /** Body lines that are no row of the table (unrecognised names, codes that are no classification code). */
  unplaced: string[];
  unitFound: boolean;
}

interface Confidence {
  confidence: number;
  notes: string[];
}

export function confidenceOf(table: Table, e: ReadingEvidence): Confidence {
  const notes: string[] = [];
  let c = 1;
  if (table.empty) {
    c = table.note ? 0.95 : 0.85;
    notes.push(table.note ? '空表（有说明）' : '空表：没有数字，也没有“本表无数据”之类的说明');
  }
  if (e.missing.length) {
    c -= 0.15 * e.missing.length;
    notes.push(`未找到的列：${e.missing.join('、')}`);
  }
  if (e.stray) {
    c -= Math.min(0.5, 0.1 * e.stray);
    notes.push(`${e.stray} 个数或文字未能归入单元格`);
  }
  if (e.problems.length) {
    c -= Math.min(0.5, 0.05 * e.problems.length);
    notes.push(...e.problems.slice(0, 3));
  }
  if (e.unplaced.length) {
    c -= Math.min(0.5, 0.1 * e.unplaced.length);
    notes.push(...e.unplaced.slice(0, 3));
  }
  // A row with figures but neither a name nor a code (a damaged or garbled text layer): what it is, is unknown.
  const nameless = table.rows.filter((r) => !r.code && !(r.name ?? '').trim() && Object.values(r.values).some((v) => v !== null && v !== undefined)).length;
  if (nameless) {
    c -= Math.min(0.6, 0.3 * nameless);
    notes.push(`${nameless} 行有数字而没有科目名称或编码`);
  }
  if (!e.unitFound) {
    c -= 0.05;
    notes.push('未找到“单位：”行，按万元读取');
  }
  const confidence = Math.max(0, Math.min(1, c));
  if (!notes.length) notes.push('各列均已找到，每个数都落在单元格中');
  return { confidence: Math.round(confidence * 1000) / 1000, notes };
}
