/**
 * `juesuan extract`: a published disclosure → a model `render` accepts (engine/extract-model.ts), with what
 * could not be read listed in dataNotes. `extractFigures` gives the underlying reading: for each concept its current value and the prior-year / budget values
 * the text implies (printed base, or value ∓ change), the counts, the self-evaluation forms and the
 * rebuilt tables. Plain JSON.
 */
import { rebuildDocTables } from '../extract/tables/structured.js';
import { readDocument } from '../readers/index.js';
import { buildInput } from './input.js';
import { impliedBases } from '../rules/total/implied-base.js';
import { plain } from '../calc/money.js';
import type { ExtractedTable } from '../extract/table-types.js';
import { toSelfEvaluation } from '../extract/self-eval-convert.js';
import type { SourceDoc } from '../readers/types.js';
import type { DisclosureInput } from '../model/schema.js';
import { toDisclosure } from './extract-model.js';

interface ExtractedFigure {
  current?: string;
  prior?: string;
  budget?: string;
  fullYearBudget?: string;
  /** 1-based line of the first statement. */
  line?: number;
}

interface ExtractedModel {
  schema: 'juesuan/extracted@1';
  file: string;
  year: number | null;
  style: string;
  bodyName: string | null;
  figures: Record<string, ExtractedFigure>;
  counts: Record<string, number>;
  selfEvaluations: unknown[];
  tables: ExtractedTable['table'][];
  unreliableTables: string[];
}

/** The model a disclosure gives back (render accepts it); unread parts are listed in its dataNotes. */
export async function extractModel(bytes: Uint8Array, file: string): Promise<DisclosureInput> {
  return (await extractWithNotes(bytes, file)).model;
}

export async function extractWithNotes(bytes: Uint8Array, file: string): Promise<{ model: DisclosureInput; unread: string[] }> {
  const doc = await readDocument(bytes, file);
  const ex = figuresOf(doc);
  return toDisclosure({ doc, input: ex.input, figures: ex.figures, counts: ex.counts, selfEvaluations: ex.selfEvaluations, rebuilt: doc.rebuiltTables ?? [] });
}

export async function extractFigures(bytes: Uint8Array, file: string): Promise<ExtractedModel> {
  const doc = await readDocument(bytes, file);
  const ex = figuresOf(doc);
  const tables = doc.rebuiltTables ?? [];
  return {
    schema: 'juesuan/extracted@1',
    file,
    year: ex.input.year,
    style: ex.input.style,
    bodyName: ex.input.bodyName,
    figures: ex.figures,
    counts: ex.counts,
    selfEvaluations: ex.selfEvaluations,
    tables: tables.filter((t) => t.confidence >= 0.8).map((t) => t.table),
    unreliableTables: tables.filter((t) => t.confidence < 0.8).map((t) => t.title),
  };
}

function figuresOf(doc: SourceDoc) {
  const tables = (doc.rebuiltTables ??= rebuildDocTables(doc));
  const input = buildInput(doc, tables);
  const figures: Record<string, ExtractedFigure> = {};
  const counts: Record<string, number> = {};
  for (const c of input.claims) {
    if (!c.concept) continue;
    if (c.count) {
      counts[c.concept.replace(/^量:/, '')] ??= Number(c.count.value);
      continue;
    }
    if (c.value && !(c as { valueCarried?: boolean }).valueCarried) {
      const f = (figures[c.concept] ??= {});
      if (f.current === undefined) {
        f.current = c.value.value.replace(/,/g, '');
        let line = 1;
        for (let i = 0; i < doc.lineStarts.length && doc.lineStarts[i] <= c.value.start; i++) line = i + 1;
        f.line = line;
      }
    }
  }
  for (const [key, v] of impliedBases(input.claims)) {
    const [concept, basis] = key.split('|') as [string, 'prior' | 'budget' | 'fullYearBudget'];
    const f = (figures[concept] ??= {});
    f[basis] ??= plain(v.base.value);
  }
  const selfEvaluations = input.selfEvaluations.map((s) => {
    const r = toSelfEvaluation(s);
    return r.ok ? r.value : { project: s.project.text, problems: r.problems };
  });
  return { input, figures, counts, selfEvaluations };
}
