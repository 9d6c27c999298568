/**
 * Helpers shared by the text-level doc/ rules: lines of the normalised text, the table of contents, the
 * ranges to skip (tables, contents), and which of the nine tables a printed title names.
 */
import type { CheckInput } from '../../engine/types.js';
import { TABLE_SPECS, TABLE_KINDS, type TableKind } from '../../model/tables.js';
import { EXTRA_TABLE_TITLES, TITLE_SUFFIXES } from '../../vocab/table-titles.js';

interface Line {
  start: number;
  end: number;
  text: string;
}

/** The document's lines (of its normalised text); built once per document, for the ten rules that read them. */
export function linesOf(input: CheckInput): readonly Line[] {
  const doc = input.doc;
  if (!doc) return [];
  let lines = LINES.get(doc);
  if (!lines) {
    lines = doc.lineStarts.map((start, i) => {
      const end = i + 1 < doc.lineStarts.length ? doc.lineStarts[i + 1] - 1 : doc.norm.length;
      return { start, end, text: doc.norm.slice(start, end) };
    });
    LINES.set(doc, lines);
  }
  return lines;
}
const LINES = new WeakMap<object, readonly Line[]>();

/** Heading numbering at the start of a title: 第二部分, 一、, (一), 1., 1、, 表1. */
const NUMBERING = /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d{1,2}[、.](?!\d)|表\s*\d{1,2}[、.:]?|附表\s*\d{0,2}[、.:]?)/;

/** A line without white space, quotes and heading numbering ("七、财政拨款“三公”经费支出决算表" → "财政拨款三公经费支出决算表"). */
export function titleKey(line: string): string {
  return line.replace(/[\s“”"‘’']/g, '').replace(NUMBERING, '');
}

const TITLES: { kind: TableKind; key: string }[] = TABLE_KINDS.flatMap((kind) =>
  [TABLE_SPECS[kind].title, ...TABLE_SPECS[kind].titleVariants, ...(EXTRA_TABLE_TITLES[kind] ?? [])].map((t) => ({ kind, key: titleKey(t) })),
).sort((a, b) => b.key.length - a.key.length);
const SUFFIX = new RegExp(TITLE_SUFFIXES);

/**
 * Which of the nine tables a title line names: the longest known title the line ends with (so
 * "一般公共预算财政拨款支出决算表" is table 5, not table 3), after page-number and (分单位)-style suffixes.
 */
export function tableKindOfTitle(line: string): TableKind | null {
  let key = titleKey(line).replace(/\d{1,3}$/, '');
  key = key.replace(SUFFIX, '');
  if (key.length > 60 || !key.endsWith('表')) return null;
  return TITLES.find((t) => key.endsWith(t.key))?.kind ?? null;
}

/**
 * The table of contents: the lines after a "目录" line that read as headings (short, no 。), up to the
 * first line that repeats the first entry or reads as body text. Null when there is no contents.
 */
export function tocOf(lines: readonly Line[]): { start: number; end: number; entries: Line[] } | null {
  const head = lines.findIndex((l, i) => i < 80 && /^目录$/.test(l.text.replace(/\s+/g, '')));
  if (head < 0) return null;
  const entries: Line[] = [];
  let end = lines[head].end;
  for (let i = head + 1; i < lines.length; i++) {
    const l = lines[i];
    const key = l.text.replace(/\s+/g, '');
    if (!key) continue;
    if (/^\d{1,3}$/.test(key)) continue; // a page number alone
    if (key.length > 60 || /。/.test(key)) break;
    if (entries.length >= 3 && titleKey(key) === titleKey(entries[0].text)) break;
    const prev = entries[entries.length - 1];
    // A title wrapped onto a second line ("…2024 年度部门决算" / "表"): one entry.
    if (prev && key.length <= 3 && titleKey(key) === key) {
      // (its page number, printed at the end of the first line, is not part of the title)
      entries[entries.length - 1] = { start: prev.start, end: l.end, text: prev.text.trimEnd().replace(/[\s.…·]*\d{1,3}$/, '') + l.text.trim() };
      end = l.end;
      continue;
    }
    entries.push(l);
    end = l.end;
  }
  return entries.length ? { start: lines[head].start, end, entries } : null;
}

export function inRanges(ranges: [number, number][], at: number): boolean {
  return ranges.some(([a, b]) => at >= a && at < b);
}

/** Ranges the wording rules skip: printed tables and the table of contents. */
export function skipRanges(input: CheckInput, lines: readonly Line[] = linesOf(input)): [number, number][] {
  const r: [number, number][] = (input.doc?.tables ?? []).map((t) => [t.start, t.end]);
  const toc = tocOf(lines);
  if (toc) r.push([toc.start, toc.end]);
  return r;
}

/** Levenshtein distance (short strings: table titles). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/** The printed titles of the nine tables outside the contents: kind → first line that names it. */
export function tablesShown(input: CheckInput, lines: readonly Line[] = linesOf(input)): Map<TableKind, Line | null> {
  const toc = tocOf(lines);
  const shown = new Map<TableKind, Line | null>();
  for (const l of lines) {
    if (toc && l.start >= toc.start && l.start < toc.end) continue;
    const k = tableKindOfTitle(l.text);
    if (k && !shown.has(k)) shown.set(k, l);
  }
  for (const t of input.tables) if (!shown.has(t.table.kind)) shown.set(t.table.kind, null);
  return shown;
}
