/**
 * A text document (the text read from a DOCX/HTML/TXT upload, or a model's JSON) with each finding's span
 * marked: [offset, offset+length) when the finding has them, else from its line/column (spans.ts spanOf).
 * Overlapping spans are cut at every boundary so each piece knows all the findings covering it.
 */
import { useMemo } from 'react';
import type { Mark } from './pdf-view.js';
import { lineStarts, pieces, spanOf } from '../spans.js';

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
  const starts = useMemo(() => lineStarts(text), [text]);
  const parts = useMemo(
    () =>
      pieces(
        text.length,
        marks.flatMap((m) => {
          const s = spanOf(text, starts, m.finding.location);
          return s ? [{ key: m.key, ...s }] : [];
        }),
      ),
    [text, starts, marks],
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
