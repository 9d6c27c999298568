/** A model's own tables as ExtractedTables (confidence 1: they are data, not a reading). */
import type { Disclosure } from '../model/schema.js';
import type { ExtractedTable } from '../extract/table-types.js';
import { TABLE_SPECS } from '../model/tables.js';

export function modelTables(m: Disclosure): ExtractedTable[] {
  return m.tables.map((t) => ({
    table: t,
    title: t.title ?? TABLE_SPECS[t.kind].title,
    bodyName: m.body.name,
    cellSources: t.rows.map(() => ({})),
    rowSources: t.rows.map(() => ({})),
    confidence: 1,
    confidenceNotes: ['来自模型数据'],
    fromModel: true,
  }));
}
