/**
 * A text document (or the text extracted from DOCX/HTML, or generated from a model) with each finding's
 * span [offset, offset+length) marked. Overlapping spans are cut at every boundary so each piece knows all
 * the findings covering it.
 */
import { useMemo } from 'react';
import type { Mark } from './pdf-view.js';
import { pieces } from '../spans.js';

const RANK = { error: 3, warning: 2, info: 1 } as const;

export function TextView({
  text,
  marks,
  selected,
  onSelect,
}: {
  text: string;
  marks: Mark[];
  selected: number | null;
  onSelect: (key: number) => void;
}) {
  const byKey = useMemo(() => new Map(marks.map((m) => [m.key, m.finding])), [marks]);
  const parts = useMemo(
    () =>
      pieces(
        text.length,
        marks
          .filter((m) => m.finding.location.offset !== undefined)
          .map((m) => {
            const start = m.finding.location.offset!;
            return { key: m.key, start, end: start + Math.max(1, m.finding.location.length ?? 1) };
          }),
      ),
    [text, marks],
  );

  return (
    <div className="text-doc">
      {parts.map((p, i) => {
        const s = text.slice(p.start, p.end);
        if (p.keys.length === 0) return <span key={i}>{s}</span>;
        const worst = p.keys.map((k) => byKey.get(k)!.severity).sort((a, b) => RANK[b] - RANK[a])[0];
        return (
          <mark
            key={i}
            data-keys={p.keys.join(' ')}
            className={`${worst}${selected !== null && p.keys.includes(selected) ? ' selected' : ''}`}
            title={p.keys.map((k) => byKey.get(k)!.message).join('\n')}
            onClick={() => onSelect(p.keys[0])}
          >
            {s}
          </mark>
        );
      })}
    </div>
  );
}
