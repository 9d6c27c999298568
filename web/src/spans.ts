/**
 * Cutting a text at every finding's span boundary, so each piece knows all the findings covering it
 * (overlapping spans mark the same characters). Pure, tested in test/web-spans.test.ts.
 */

export interface Piece {
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
