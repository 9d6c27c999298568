/**
 * Cutting a text at every finding's span boundary, so each piece knows all the findings covering it
 * (overlapping spans mark the same characters). Pure, tested in test/web-spans.test.ts.
 */

interface Piece {
  start: number;
  end: number;
  /** Keys of the spans covering [start, end). */
  keys: number[];
}

export function pieces(length: number, spans: { key: number; start: number; end: number }[]): Piece[] {
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const cuts = new Set<number>([0, length]);
  for (const s of spans) {
    cuts.add(clamp(s.start));
    cuts.add(clamp(s.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    out.push({ start, end, keys: spans.filter((s) => s.end > s.start && s.start <= start && s.end >= end).map((s) => s.key) });
  }
  return out;
}

/** The part of a finding's location that places it in a text. */
type SpanLocation = Pick<Location, 'line' | 'column' | 'endLine' | 'endColumn' | 'offset' | 'length'>;

/** Offsets where each line starts (line 1 at 0): the engine's own function, so marks agree with findings. */
export { lineStarts } from '../../src/core/span.js';
import type { Location } from '../../src/core/span.js';

/**
 * Where a finding's span lies in the text: its offset and length when it has them (text readers give both,
 * with line/column), else its line/column to its end line/column, else from its column to the end of the
 * line (a model's findings: the field's line in the JSON). Never empty; null when the place is outside the text.
 */
export function spanOf(text: string, starts: number[], loc: SpanLocation): { start: number; end: number } | null {
  if (loc.offset !== undefined) {
    if (loc.offset > text.length) return null;
    return { start: loc.offset, end: Math.min(text.length, loc.offset + Math.max(1, loc.length ?? 1)) };
  }
  const first = starts[loc.line - 1];
  if (first === undefined) return null;
  const lineEnd = starts[loc.line] !== undefined ? starts[loc.line] - 1 : text.length;
  const start = Math.min(lineEnd, first + Math.max(0, loc.column - 1));
  let end = lineEnd;
  const last = loc.endLine !== undefined ? starts[loc.endLine - 1] : undefined;
  if (last !== undefined && loc.endColumn !== undefined) end = Math.min(text.length, last + loc.endColumn - 1);
  else end = start + text.slice(start, lineEnd).replace(/,\s*$/, '').length;
  return end > start ? { start, end } : { start, end: Math.min(text.length, start + 1) };
}

/** A model finding's JSON path (`tables[0].rows[8].values.amount`) as the editor's field key (`tables.0.rows.8.values.amount`). */
export function fieldKey(jsonPath: string): string {
  return jsonPath.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}
