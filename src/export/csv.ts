/**
 * Open data: the nine tables of a model as one long CSV (one figure a line): body, year, table, row, direction,
 * measure, functional / economic classification code with its level and parent, amount in 万元 (2 places).
 * Pure: model in, text out (UTF-8, RFC 4180, LF line ends).
 */
import type { Disclosure, Row, Table } from '../model/schema.js';
import { TABLE_SPECS } from '../model/tables.js';
import { convert, parseAmount, plain } from '../calc/money.js';

export const CSV_FIELDS = [
  'body', 'year', 'phase', 'table', 'table_title', 'row', 'name', 'direction', 'measure', 'measure_label',
  'functional_code', 'functional_level', 'functional_parent', 'economic_code', 'economic_level', 'economic_parent',
  'amount',
] as const;

type Direction = 'revenue' | 'expenditure' | 'balance';

const BALANCE = new Set(['in.opening', 'out.closing', 'in.nonfiscal', 'in.grand', 'out.grand', 'out.distribution']);

/** Whether a figure is revenue, expenditure or a balance (carry-over, totals of both sides). */
function directionOf(t: Table, r: Row, measure: string): Direction {
  if (r.key && BALANCE.has(r.key)) return 'balance';
  if (t.kind === 't1' || t.kind === 't4') return r.side === 'income' ? 'revenue' : 'expenditure';
  if (t.kind === 't2') return 'revenue';
  if (t.kind === 't8') return measure === 'income' ? 'revenue' : measure === 'opening' || measure === 'closing' ? 'balance' : 'expenditure';
  return 'expenditure';
}

const LEVELS: Record<number, string> = { 3: '类', 5: '款', 7: '项' };

interface LongRow {
  body: string;
  year: number;
  phase: string;
  table: string;
  table_title: string;
  row: string;
  name: string;
  direction: Direction;
  measure: string;
  measure_label: string;
  functional_code: string;
  functional_level: string;
  functional_parent: string;
  economic_code: string;
  economic_level: string;
  economic_parent: string;
  amount: string;
}

export function longRows(m: Disclosure): LongRow[] {
  const out: LongRow[] = [];
  for (const t of m.tables) {
    const spec = TABLE_SPECS[t.kind];
    for (const r of t.rows) {
      for (const col of spec.columns) {
        const raw = r.values[col.key];
        if (raw === undefined || raw === null) continue;
        const d = parseAmount(raw);
        if (d === null) continue;
        const wan = t.unit === '元' ? convert(d, '元', '万元') : d;
        const code = r.code ?? '';
        const economic = spec.codeRows === 'economic';
        const level = LEVELS[code.length] ?? '';
        const parent = code.length > 3 ? code.slice(0, code.length - 2) : '';
        out.push({
          body: m.body.name, year: m.year, phase: '决算', table: t.kind, table_title: t.title ?? spec.title,
          row: r.key ?? code, name: r.name, direction: directionOf(t, r, col.key), measure: col.key,
          measure_label: col.label.replace(/·/g, '／'),
          functional_code: economic ? '' : code, functional_level: economic ? '' : level, functional_parent: economic ? '' : parent,
          economic_code: economic ? code : '', economic_level: economic ? level : '', economic_parent: economic ? parent : '',
          amount: plain(wan),
        });
      }
    }
  }
  return out;
}

function field(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(m: Disclosure): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const r of longRows(m)) lines.push(CSV_FIELDS.map((f) => field(r[f])).join(','));
  return lines.join('\n') + '\n';
}
