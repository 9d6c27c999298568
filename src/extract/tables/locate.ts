/**
 * Finding the nine tables in a PDF's lines: a title line that matches a table title (or an era/regional
 * variant) as a whole line — so "支出决算表" never matches inside a longer title — and that is followed by
 * a unit line or a header (so a table of contents is not a table). A table's region runs from its title
 * to its "注：" line or the next title, across pages when the table continues without a title.
 */
import { TABLE_SPECS, TABLE_KINDS, type TableKind } from '../../model/tables.js';
import type { PdfLine, PdfPage } from '../../readers/pdf/lines.js';

export interface TableRegion {
  kind: TableKind;
  title: string;
  titleLine: PdfLine;
  /** Lines after the title (and unit line) up to the end of the table body, in reading order. */
  lines: PdfLine[];
  unit: '万元' | '元';
  unitFound: boolean;
  /** Body name from the nearest preceding "XX 2024 年度部门决算表" heading or an 编制单位 line. */
  bodyName?: string;
  bodyNameLine?: PdfLine;
  /** "注：" and "说明：" lines after the body (the empty-table note is among them). */
  notes: PdfLine[];
  pages: number[];
}

/** Compact form for comparing titles and labels: normalised, no spaces, no quotes. */
export function compact(s: string): string {
  return s.replace(/[\s\u3000“”"'‘’「」『』]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

const lineNorm = (l: PdfLine) => compact(l.items.map((i) => i.norm).join(''));

const TITLE_INDEX: { kind: TableKind; key: string }[] = TABLE_KINDS.flatMap((kind) =>
  [TABLE_SPECS[kind].title, ...TABLE_SPECS[kind].titleVariants].map((t) => ({ kind, key: compact(t) })),
);

/** Which table a line is the title of, if any (whole-line match after numbering and prefixes). */
function titleKind(text: string): TableKind | undefined {
  let s = compact(text);
  s = s.replace(/^((附表|表)[0-9一二三四五六七八九十]{1,3}[、.:：)-]?|[0-9一二三四五六七八九十]{1,3}[、.:：)])/, '');
  s = s.replace(/^.*?\d{4}年度?(部门|单位)?(决算)?/, '');
  s = s.replace(/[(（]?表?[0-9一二三四五六七八九十]{1,2}[)）]?$/, '');
  s = s.replace(/^[(（][^)）]*[)）]/, '');
  for (const t of TITLE_INDEX) if (s === t.key) return t.kind;
  return undefined;
}

const UNIT_RE = /单位[:：]\s*(万元|元)/;
const HEADER_WORDS = /^(项目|科目|功能分类|经济分类|编码|决算数|预算数|合计|收入|支出|财政拨款)/;
const PART_RE = /^第[一二三四五六七八九十]+部分/;
const BODY_RE = /^(?:第[一二三四五六七八九十]+部分)?(.+?)(\d{4})年度?部门决算(表)?$/;
const EDITOR_RE = /^(编制单位|编制部门|部门名称|单位名称|部门)[:：](.+?)(单位[:：].*)?$/;
const NOTE_RE = /^(注|说明)[:：]/;
/** An empty table's note printed without "注：" ("本部门…无…，故本表为空表。"). */
const EMPTY_NOTE_RE = /本表无数据|本表为空表|故本表/;

function isRealTitle(lines: PdfLine[], i: number): boolean {
  // A title in a table of contents is followed by another title or heading, not by a unit line or a header.
  for (let k = i + 1; k < Math.min(lines.length, i + 5); k++) {
    const t = lineNorm(lines[k]);
    if (titleKind(t) || PART_RE.test(t) || /^[一二三四五六七八九十]+、.*(说明|情况)/.test(t)) return false;
    if (UNIT_RE.test(t) || HEADER_WORDS.test(t)) return true;
  }
  return false;
}

interface LocateOptions {
  /** Whether `line` can no longer belong to the body that `prev` (its last line so far) ends (structured tables). */
  bodyEnds?: (prev: PdfLine | undefined, line: PdfLine) => boolean;
}

/** Locate all tables. */
export function locateTables(pages: PdfPage[], opts: LocateOptions = {}): TableRegion[] {
  const all = pages.flatMap((p) => p.lines);
  const found: { kind: TableKind; at: number }[] = [];
  const seen = new Set<TableKind>();
  for (let i = 0; i < all.length; i++) {
    const kind = titleKind(lineNorm(all[i]));
    if (!kind || seen.has(kind)) continue;
    if (!isRealTitle(all, i)) continue;
    seen.add(kind);
    found.push({ kind, at: i });
  }
  const regions: TableRegion[] = [];
  let body: { name: string; line: PdfLine } | undefined;
  let scanned = 0;
  for (let f = 0; f < found.length; f++) {
    const { kind, at } = found[f];
    // Body-name headings seen so far (document-level "XX 2024 年度部门决算表").
    for (; scanned < at; scanned++) {
      const m = BODY_RE.exec(lineNorm(all[scanned]));
      if (m) body = { name: m[1], line: all[scanned] };
    }
    const stop = f + 1 < found.length ? found[f + 1].at : all.length;
    regions.push(buildRegion(kind, all, at, stop, body, opts));
  }
  return regions;
}

function buildRegion(kind: TableKind, all: PdfLine[], at: number, stop: number, body: { name: string; line: PdfLine } | undefined, opts: LocateOptions): TableRegion {
  const titleLine = all[at];
  let unit: '万元' | '元' = '万元';
  let unitFound = false;
  let bodyName = body?.name;
  let bodyNameLine = body?.line;
  const lines: PdfLine[] = [];
  const notes: PdfLine[] = [];
  const maxPage = titleLine.page + 4;
  let i = at + 1;
  for (; i < stop && all[i].page <= maxPage; i++) {
    const t = lineNorm(all[i]);
    if (NOTE_RE.test(t) || EMPTY_NOTE_RE.test(t)) break;
    if (PART_RE.test(t)) break;
    if (opts.bodyEnds?.(lines[lines.length - 1], all[i])) break;
    if (!unitFound && lines.length < 4) {
      const u = UNIT_RE.exec(t);
      if (u) {
        unit = u[1] as '万元' | '元';
        unitFound = true;
        const ed = EDITOR_RE.exec(t);
        if (ed) ((bodyName = ed[2]), (bodyNameLine = all[i]));
        continue;
      }
      const ed = EDITOR_RE.exec(t);
      if (ed) {
        bodyName = ed[2];
        bodyNameLine = all[i];
        continue;
      }
    }
    if (isPageNumber(all[i])) continue;
    lines.push(all[i]);
  }
  // Notes: the 注 line and the following lines on the same page (the empty-table note).
  for (let k = i; k < stop && k < i + 4; k++) {
    const t = lineNorm(all[k]);
    if (k > i && (titleKind(t) || PART_RE.test(t))) break;
    if (all[k].page !== all[i]?.page) break;
    notes.push(all[k]);
  }
  const pages = [...new Set([titleLine.page, ...lines.map((l) => l.page)])];
  return { kind, title: titleLine.text.trim(), titleLine, lines, unit, unitFound, bodyName, bodyNameLine, notes, pages };
}

/** A page number or footer line such as "- 12 -", "第 3 页", "12". */
function isPageNumber(l: PdfLine): boolean {
  const t = compact(l.text);
  return /^[-—–]?第?\d{1,3}页?(共\d{1,3}页)?[-—–]?$/.test(t) && !/\./.test(t) && l.items.length <= 3 && /[-—–页]/.test(t);
}
