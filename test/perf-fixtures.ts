/**
 * Fixtures for the perf-* tests: SourceDocs built from the corpus texts with honest cell offsets
 * (every cell satisfies text.slice(start, end) === cell.text). Not a test file itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceDoc, SourceTable, SourceCell } from '../src/readers/types.js';
import { lineStarts } from '../src/core/span.js';
import { cellLineTables } from '../src/extract/self-eval.js';

export function corpus(rel: string): string {
  return readFileSync(path.resolve(process.cwd(), '../shared/corpus', rel), 'utf8');
}

export function makeDoc(file: string, text: string, tables: SourceTable[]): SourceDoc {
  return { file, format: 'text', text, norm: text, lineStarts: lineStarts(text), tables, notes: [] };
}

function trimmed(text: string, a: number, b: number): SourceCell {
  while (a < b && /\s/u.test(text[a])) a++;
  while (b > a && /\s/u.test(text[b - 1])) b--;
  return { text: text.slice(a, b), start: a, end: b };
}

/** `a | b | c |` rows, one per line (029). The empty segment after the last bar is not a cell. */
export function pipeTable(text: string): SourceTable {
  const rows: SourceCell[][] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const end = pos + line.length;
    if (line.includes('|')) {
      const row: SourceCell[] = [];
      let a = pos;
      for (let i = pos; i <= end; i++) {
        if (i === end || text[i] === '|') {
          if (i === end && text.slice(a, end).trim() === '') break;
          row.push(trimmed(text, a, i));
          a = i + 1;
        }
      }
      rows.push(row);
    }
    pos = end + 1;
  }
  return { rows, start: rows[0][0].start, end: rows[rows.length - 1].at(-1)!.end };
}

/**
 * 028: one cell per line ("cell |"), rows not marked. Cells are read in order from `from` and grouped by
 * the given row lengths (as the form is laid out on paper).
 */
export function lineCellTable(text: string, fromMarker: string, rowLengths: number[]): SourceTable {
  let pos = text.indexOf(fromMarker);
  if (pos < 0) throw new Error('marker not found');
  pos = text.lastIndexOf('\n', pos) + 1;
  const cells: SourceCell[] = [];
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    const bar = line.lastIndexOf('|');
    cells.push(trimmed(text, pos, bar >= 0 ? pos + bar : nl));
    pos = nl + 1;
  }
  const rows: SourceCell[][] = [];
  let k = 0;
  for (const n of rowLengths) {
    rows.push(cells.slice(k, k + n));
    k += n;
  }
  if (k > cells.length) throw new Error(`row lengths ask for ${k} cells, text has ${cells.length}`);
  return { rows, start: rows[0][0].start, end: rows[rows.length - 1].at(-1)!.end };
}

export function seedDoc(): SourceDoc {
  const text = corpus('seed/cq-beibei-zfb-2020.txt');
  return makeDoc('cq-beibei-zfb-2020.txt', text, cellLineTables(text));
}

/** 028 as printed: title, 项目名称, 主管/实施, 目标, 概述, 执行 header + 5 rows, 指标 header + 2 rows, 合计, tail. */
export function qingshenDoc(): SourceDoc {
  const text = corpus('text/028-sc-qingshen-fgj-2023-perf-selfeval.txt');
  const table = lineCellTable(text, '部门预算项目支出绩效自评表', [1, 2, 4, 4, 2, 2, 9, 8, 7, 7, 7, 7, 11, 10, 10, 4, 2, 2, 2, 3]);
  return makeDoc('028.txt', text, [table]);
}

export function dayingDoc(): SourceDoc {
  const text = corpus('text/029-sc-daying-sifaju-2023-perf-selfeval-partial.txt');
  return makeDoc('029.txt', text, [pipeTable(text)]);
}

export function assertHonest(doc: SourceDoc): void {
  for (const t of doc.tables)
    for (const r of t.rows)
      for (const c of r) if (doc.text.slice(c.start, c.end) !== c.text) throw new Error(`cell offset mismatch: ${JSON.stringify(c)}`);
}
