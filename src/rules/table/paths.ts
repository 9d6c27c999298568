/**
 * Subject paths written in the text, Shanghai style: "社会保障和就业支出（类）行政事业单位养老支出（款）
 * 机关事业单位基本养老保险缴费支出（项）。……支出决算为446.11万元", and bare 类 names "卫生健康支出（类）236.63万元".
 * Names wrap across lines in PDFs, so matching runs on the text without whitespace. Each path is resolved
 * to a row of the table its section describes: by names where they match uniquely, else by the amount.
 */
import type { CheckInput } from '../../engine/types.js';
import type { ExtractedTable } from '../../extract/table-types.js';
import type { TableKind } from '../../model/tables.js';
import type { Row } from '../../model/schema.js';
import { classCodeByName } from '../../model/classification.js';
import { parseAmount, printedPlaces } from '../../calc/money.js';
import type { Printed } from '../../calc/compare.js';
import { printedOf } from '../../calc/compare.js';
import { compactNorm, nameKey, reliableTable, type Span } from './shared.js';

interface PathName {
  name: string;
  at: Span;
}

interface TextPath {
  /** Span of the whole path in the document text. */
  at: Span;
  cls: PathName;
  kuan?: PathName;
  xiang?: PathName;
  /** The 决算 amount stated for the path, if any. */
  amount?: { raw: string; printed: Printed; at: Span };
  /** The table of the section the path is in. */
  kind: TableKind;
}

const NAME = String.raw`((?:[\u4e00-\u9fa5]|[（(](?![类款项][)）])[\u4e00-\u9fa5]{1,4}[)）]){1,40}?)`;
const MARK = (m: string) => String.raw`[（(]${m}[)）]`;
const PATH_RE = new RegExp(`${NAME}${MARK('类')}${NAME}${MARK('款')}(?:${NAME}${MARK('项')})?`, 'g');
const AMOUNT_RE = /(?:支出决算数?|决算数)(?:为|是)?([0-9][0-9,]*(?:\.[0-9]+)?)万元/;
const SECTION_RE = /(一般公共预算|政府性基金预算|国有资本经营预算)财政拨款(?:收入)?支出决算/g;
const SECTION_KIND: Record<string, TableKind> = { 一般公共预算: 't5', 政府性基金预算: 't8', 国有资本经营预算: 't9' };

/** The 类 name is the longest suffix of the matched run that names a 类 (the run may start with other words). */
function trimClass(name: string): { name: string; skip: number } {
  for (let i = 0; i < name.length - 1; i++) if (classCodeByName(name.slice(i))) return { name: name.slice(i), skip: i };
  return { name, skip: 0 };
}

const CACHE = new WeakMap<object, TextPath[]>();

/** Every 类（款（项）) path in the document text. */
export function textPaths(input: CheckInput): TextPath[] {
  const doc = input.doc;
  if (!doc) return [];
  const hit = CACHE.get(doc);
  if (hit) return hit;
  const { s, map } = compactNorm(doc);
  const span = (a: number, b: number): Span => ({ start: map[a], end: map[b - 1] + 1 });
  const sections: { at: number; kind: TableKind }[] = [];
  for (let m = SECTION_RE.exec(s); m; m = SECTION_RE.exec(s)) sections.push({ at: m.index, kind: SECTION_KIND[m[1]] });
  SECTION_RE.lastIndex = 0;
  const found: { idx: number; end: number; groups: string[] }[] = [];
  for (let m = PATH_RE.exec(s); m; m = PATH_RE.exec(s)) found.push({ idx: m.index, end: m.index + m[0].length, groups: [m[1], m[2], m[3]] });
  PATH_RE.lastIndex = 0;
  const out: TextPath[] = [];
  found.forEach((f, n) => {
    const { name: clsName, skip } = trimClass(f.groups[0]);
    let pos = f.idx + skip;
    const cls = { name: clsName, at: span(pos, pos + clsName.length) };
    pos += clsName.length + 3;
    const kuan = { name: f.groups[1], at: span(pos, pos + f.groups[1].length) };
    pos += f.groups[1].length + 3;
    const xiang = f.groups[2] ? { name: f.groups[2], at: span(pos, pos + f.groups[2].length) } : undefined;
    const limit = Math.min(found[n + 1]?.idx ?? s.length, f.end + 200);
    const tail = s.slice(f.end, limit);
    const am = AMOUNT_RE.exec(tail);
    let amount: TextPath['amount'];
    if (am && parseAmount(am[1]) !== null) {
      const a = f.end + am.index + am[0].indexOf(am[1]);
      amount = { raw: am[1], printed: { value: parseAmount(am[1])!, dp: printedPlaces(am[1]) }, at: span(a, a + am[1].length) };
    }
    const sec = sections.filter((x) => x.at < f.idx).pop();
    out.push({ at: span(f.idx + skip, f.end), cls, kuan, xiang, amount, kind: sec?.kind ?? 't5' });
  });
  CACHE.set(doc, out);
  return out;
}

interface Resolved {
  table: ExtractedTable;
  index: number;
  row: Row;
  /** How the row was found: every name matched, or the amount was the only match. */
  by: 'name' | 'value';
}

const same = (a: string, b: string) => nameKey(a) === nameKey(b);

/** The table row a path speaks of, or null when neither its names nor its amount single one out. */
export function resolvePath(input: CheckInput, p: TextPath): Resolved | null {
  const t = reliableTable(input, p.kind);
  if (!t || t.table.empty) return null;
  const rows = t.table.rows.map((row, index) => ({ row, index }));
  const clsRow = rows.find((r) => r.row.code?.length === 3 && same(r.row.name, p.cls.name));
  const clsCode = clsRow?.row.code ?? classCodeByName(p.cls.name);
  if (!clsCode) return null;
  const under = (len: number, prefix: string) => rows.filter((r) => r.row.code?.length === len && r.row.code.startsWith(prefix));
  const leafLen = p.xiang ? 7 : 5;
  const leafName = (p.xiang ?? p.kuan)!.name;
  const kuanRows = under(5, clsCode).filter((r) => same(r.row.name, p.kuan!.name));
  const pick = (cands: typeof rows, by: Resolved['by']): Resolved | null => (cands.length === 1 ? { table: t, ...cands[0], by } : null);
  if (!p.xiang) {
    const r = pick(kuanRows, 'name');
    if (r) return r;
  } else if (kuanRows.length === 1) {
    const r = pick(under(7, kuanRows[0].row.code!).filter((x) => same(x.row.name, leafName)), 'name');
    if (r) return r;
  } else {
    // The 款 name does not match: a 项 name unique under the 类 still names the row.
    const r = pick(under(7, clsCode).filter((x) => same(x.row.name, leafName)), 'name');
    if (r) return r;
  }
  if (p.amount) {
    const v = p.amount.printed.value;
    return pick(under(leafLen, clsCode).filter((x) => !!printedOf(x.row.values.total)?.value.eq(v)), 'value');
  }
  return null;
}

/** Bare 类 mentions with the name as written: "卫生健康支出（类）". */
export function classMentions(input: CheckInput): { name: string; code: string | null; at: Span }[] {
  const doc = input.doc;
  if (!doc) return [];
  const { s, map } = compactNorm(doc);
  const out: { name: string; code: string | null; at: Span }[] = [];
  const re = new RegExp(`${NAME}${MARK('类')}`, 'g');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const { name, skip } = trimClass(m[1]);
    const a = m.index + skip;
    out.push({ name, code: classCodeByName(name), at: { start: map[a], end: map[a + name.length - 1] + 1 } });
  }
  return out;
}
