/**
 * Rebuilding the nine 决算 tables from positioned lines (a PDF's glyph positions, or the grid of a DOCX /
 * HTML / text table laid out by structured.ts) into the model's Table shape, each with where its cells
 * came from and a confidence from the reading evidence alone (confidence.ts). A table below
 * TABLE_CONFIDENCE_THRESHOLD is flagged (`flagged`) so that no arithmetic rule runs on it.
 */
import { TABLE_SPECS, type TableKind } from '../../model/tables.js';
import type { Table } from '../../model/schema.js';
import type { PdfLine, PdfPage } from '../../readers/pdf/lines.js';
import { TABLE_CONFIDENCE_THRESHOLD, type ExtractedTable } from '../table-types.js';
import { type BuiltRow, makeRow, sourceOf } from './cells.js';
import { type Band, buildGrid, findBands, headerEnd, type GridRow } from './grid.js';
import { confidenceOf } from './confidence.js';
import { bandSpecs, headerVocabulary } from './layouts.js';
import { compact, locateTables, type TableRegion } from './locate.js';
import { codeTableRows, ownRowFor, t1Rows, t4Rows, t6Rows } from './rows.js';
import { t7Bands } from './t7.js';


/** An extracted table with the flag that keeps arithmetic rules off it. */
export interface RebuiltTable extends ExtractedTable {
  /** confidence < TABLE_CONFIDENCE_THRESHOLD: do not run arithmetic rules on this table. */
  flagged: boolean;
}

const isDataStart = (kind: TableKind) => (t: string) =>
  (kind === 't1' || kind === 't4') && /^[一二三四五六七八九十]+、/.test(t);

/**
 * Drop header rows repeated at the top of continuation pages: lines of header words, or lines that repeat a
 * line of the first page's header exactly (a wrapped label's fragments, "一般公共预" / "算财政拨款").
 */
function dropRepeatedHeaders(kind: TableKind, body: PdfLine[], header: PdfLine[] = []): PdfLine[] {
  const vocab = new Set(headerVocabulary(kind).map(compact));
  const repeated = new Set(header.map((l) => compact(l.text)).filter(Boolean));
  // (same vocabulary as the header end test in rebuildTable)
  const firstPage = body[0]?.page;
  const out: PdfLine[] = [];
  let inHeader = false;
  let page = firstPage;
  for (const l of body) {
    if (l.page !== page) ((page = l.page), (inHeader = true));
    if (inHeader && l.page !== firstPage) {
      const words = l.text.split(/\s+/).map(compact).filter(Boolean);
      if (words.length && words.every((w) => vocab.has(w))) continue;
      if (repeated.has(compact(l.text))) continue;
      inHeader = false;
    }
    out.push(l);
  }
  return out;
}

function rowsOf(kind: TableKind, grid: GridRow[]): { rows: BuiltRow[]; notes: string[] } {
  switch (kind) {
    case 't1':
      return t1Rows(grid);
    case 't4':
      return t4Rows(grid);
    case 't6':
      return t6Rows(grid);
    case 't7': {
      const withValues = grid.filter((g) => Object.keys(g.values).length);
      const columns = TABLE_SPECS.t7.columns.map((c) => c.key);
      const notes = withValues.length > 1 ? [`有 ${withValues.length} 行数字，只取第一行`] : [];
      return { rows: withValues.slice(0, 1).map((g) => makeRow(g, columns, { key: 'total', name: '合计' })), notes };
    }
    default:
      return codeTableRows(kind, grid);
  }
}

/** Rebuild one located table. */
export function rebuildTable(region: TableRegion): RebuiltTable {
  const { kind } = region;
  let h = headerEnd(region.lines, isDataStart(kind));
  // A wrapped name whose first part sits just above the first data line belongs to the body.
  const vocab = new Set(headerVocabulary(kind).map(compact));
  while (h > 0 && h < region.lines.length) {
    const prev = region.lines[h - 1];
    const first = region.lines[h];
    const words = prev.text.split(/\s+/).map(compact).filter(Boolean);
    if (prev.page !== first.page || first.y - prev.y > 1.2 * first.h || words.every((w) => vocab.has(w))) break;
    h--;
  }
  const header = region.lines.slice(0, h);
  let bands: Band[];
  let missing: string[];
  const notes: string[] = [];
  if (kind === 't7') {
    const r = t7Bands(header);
    ({ bands, missing } = r);
    notes.push(...r.notes);
  } else ({ bands, missing } = findBands(header, bandSpecs(kind)));
  const body = dropRepeatedHeaders(kind, region.lines.slice(h), header);
  const grid = buildGrid(body, bands, ownRowFor(kind));
  const built = rowsOf(kind, grid.rows);
  const hasData = built.rows.some((r) => Object.values(r.cells).some((c) => c.start !== undefined));
  const noteText = (l: PdfLine) => compact(l.text);
  const noteLine =
    region.notes.find((l) => /本表无数据|本表为空表|故本表/.test(noteText(l))) ??
    region.notes.find((l) => /无数据|空表|没有/.test(noteText(l)) && !/^注[:：]本表反映/.test(noteText(l)));
  const rows = hasData ? built.rows : [];
  const table: Table = { kind, title: region.title, unit: region.unit, rows: rows.map((r) => r.row) };
  if (!hasData) table.empty = true;
  if (noteLine) table.note = noteLine.text.trim();
  // Readers build their notes with column keys ("合计·budget.reception"); people read the published headers.
  const colLabel = (k: string) => TABLE_SPECS[kind].columns.find((c) => c.key === k)?.label ?? k;
  const problems = rows.flatMap((r) => r.problems).map((p) => p.replace(/·([A-Za-z][\w.+]*)：/, (_, k: string) => `·${colLabel(k)}：`));
  missing = missing.map(colLabel);
  const conf = confidenceOf(table, { missing, stray: grid.stray.length, problems, unplaced: built.notes, unitFound: region.unitFound });
  if (grid.stray.length) notes.push(`未归入单元格：${grid.stray.slice(0, 5).map((i) => `“${i.str}”(第${i.page}页)`).join('、')}`);
  const titleItems = region.titleLine.items;
  const bodyItems = region.bodyNameLine?.items;
  return {
    table,
    title: region.title,
    titleAt: sourceOf(titleItems),
    bodyName: region.bodyName,
    bodyNameAt: bodyItems ? sourceOf(bodyItems) : undefined,
    cellSources: rows.map((r) => r.cells),
    rowSources: rows.map((r) => r.source),
    confidence: conf.confidence,
    confidenceNotes: [...conf.notes, ...notes],
    pages: region.pages,
    flagged: conf.confidence < TABLE_CONFIDENCE_THRESHOLD,
  };
}

/** Find and rebuild every table of the standard nine in the document's pages. */
export function rebuildTables(pages: PdfPage[]): RebuiltTable[] {
  return locateTables(pages).map(rebuildTable);
}
