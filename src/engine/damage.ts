/**
 * Checks that rest on a damaged page abstain (issue 8). A page the reader could not read whole (doc.damage:
 * broken, read in part, or cut by a limit) may have lost rows or figures without a trace in what was read:
 * a table on it sums wrong and a sentence on it may be cut. doc/damaged names those pages; here
 *  - a rebuilt table on a damaged page, or ending on the page before one (its continuation may be what was
 *    lost), is marked unreliable (confidence 0, the pages as the reason): table/unreliable names it and every
 *    arithmetic rule stays off it;
 *  - an error or warning located on a damaged page, or relating to a place on one, is withheld (engine/run.ts):
 *    not reported, and not counted as passed either — one info note of doc/damaged says how many were withheld.
 */
import type { SourceDoc } from '../readers/types.js';
import type { ExtractedTable } from '../extract/table-types.js';
import type { Finding } from '../rules/types.js';

/** Every page named in doc.damage (empty for a document read whole). */
export function damagedPages(doc: SourceDoc | null): Set<number> {
  return new Set(doc?.damage?.flatMap((d) => d.pages) ?? []);
}

/** The tables, with those resting on a damaged page marked unreliable (copies; the others as given). */
export function abstainTables(tables: ExtractedTable[], damaged: Set<number>): ExtractedTable[] {
  if (damaged.size === 0) return tables;
  return tables.map((t) => {
    if (!t.pages?.length || t.fromModel) return t;
    const last = Math.max(...t.pages);
    const hit = [...t.pages, last + 1].filter((p) => damaged.has(p));
    if (!hit.length) return t;
    return { ...t, confidence: 0, confidenceNotes: [`第${hit.join('、')}页已损坏，表格可能缺行或缺数`, ...t.confidenceNotes] };
  });
}

/** Whether a finding (other than doc/damaged's own) sits on, or relates to, a damaged page. */
export function restsOnDamage(f: Finding, damaged: Set<number>): boolean {
  if (damaged.size === 0 || f.ruleId === 'doc/damaged' || f.severity === 'info') return false;
  const on = (p: number | undefined) => p !== undefined && damaged.has(p);
  return on(f.location.page) || (f.related ?? []).some((r) => on(r.location.page));
}
