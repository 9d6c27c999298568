/**
 * Check a document or a model file. Bytes in, findings out; the CLI does the file I/O.
 */
import type { CheckResult } from './types.js';
import { readDocument, type ReadDocumentOptions, type SourceDoc } from '../readers/index.js';
import { buildInput } from './input.js';
import { runRules, type RunOptions } from './run.js';
import { RULES } from '../rules/index.js';
import { lineColumn, lineStarts } from '../core/span.js';
import { TABLE_KINDS, TABLE_SPECS } from '../model/tables.js';
import { readText } from '../readers/text.js';
import { rebuildDocTables } from '../extract/tables/structured.js';
import type { PdfLoadResult } from '../readers/pdf/load.js';

/**
 * The second half of checkBytes for a PDF whose text readPdfText (src/readers/index.ts) took out, perhaps on
 * another thread: the same result as checkBytes gives for the file's bytes.
 */
export async function checkPdfText(loaded: PdfLoadResult, file: string, opts: RunOptions = {}): Promise<CheckResult> {
  return checkDoc((await import('../readers/pdf.js')).readLoadedPdf(loaded, file), opts);
}

/** Check a document's bytes; `read` passes options to the reader (a PDF read by pdfjs alone, for proofs). */
export async function checkBytes(bytes: Uint8Array, file: string, opts: RunOptions = {}, read: ReadDocumentOptions = {}): Promise<CheckResult> {
  return checkDoc(await readDocument(bytes, file, read), opts);
}

/** A read document checked: its tables rebuilt (PDFs' are, by the reader), the rules run. */
function checkDoc(doc: SourceDoc, opts: RunOptions): CheckResult {
  return runRules(buildInput(doc, (doc.rebuiltTables ??= rebuildDocTables(doc))), RULES, opts);
}

/**
 * A model file is checked as data: it is rendered with the generator (the same calculus) and the
 * rendered text is checked together with the model's own tables. Schema errors are ReadErrors.
 */
export async function checkModelFile(bytes: Uint8Array, file: string, opts: RunOptions = {}): Promise<CheckResult> {
  // Loaded here, not at the top: a document check (the common case) needs neither the schema nor the generator.
  const [{ parseModel, parseModelText }, { jsonValueOffsets, locateInModel }, { generate }, { renderMarkdown }, { modelTables }] = await Promise.all([
    import('../model/parse.js'),
    import('../model/locate.js'),
    import('../generate/index.js'),
    import('../render/md.js'),
    import('./model-tables.js'),
  ]);
  // A figure that contradicts its derived value is a finding of the check, not a refusal to check.
  const model = parseModel(bytes, file, 20, { derive: 'lenient' });
  const md = renderMarkdown(generate(model));
  const doc = readText(new TextEncoder().encode(md), file.replace(/\.(json|ya?ml)$/i, '.md'), { format: 'md' });
  const result = runRules(buildInput(doc, modelTables(model)), RULES, opts);
  // Findings point into the model file (JSON path, and line/column for JSON), not into the rendered text.
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const isJson = /\.json$/i.test(file);
  const data = parseModelText(file, text) as { tables?: { kind: string }[] };
  const lines = doc.text.split('\n');
  const findings = result.findings.map((f) => {
    const n = f.location.line - 1;
    let heading = '';
    let tableIndex: number | undefined;
    for (let i = n; i >= 0; i--) {
      const cap = /^\*\*\d{4}年度(.+)\*\*$/.exec(lines[i] ?? '');
      if (cap && tableIndex === undefined && !heading) {
        const kind = TABLE_KINDS.find((k) => [TABLE_SPECS[k].title, ...TABLE_SPECS[k].titleVariants].includes(cap[1]));
        const at = kind ? (data.tables ?? []).findIndex((t) => t.kind === kind) : -1;
        if (at >= 0) tableIndex = at;
      }
      if (/^#{1,6}\s/.test(lines[i] ?? '')) {
        heading = lines[i];
        break;
      }
    }
    const named = /^表(\d)（/.exec(f.message);
    if (named) {
      const at = (data.tables ?? []).findIndex((t) => t.kind === `t${named[1]}`);
      if (at >= 0) tableIndex = at;
    }
    const loc = locateInModel(data, isJson ? text : null, { lineText: lines[n] ?? '', column: f.location.column - 1, heading, tableIndex, actual: f.actual });
    // 自评表 findings name their form and indicator: point at them.
    const forms = (data as { performance?: { selfEvaluations?: { project?: string; indicators?: { name?: string }[] }[] } }).performance?.selfEvaluations ?? [];
    const fi = forms.findIndex((e) => e.project && f.message.includes(`“${e.project}”`));
    if (fi >= 0) {
      const ii = (forms[fi].indicators ?? []).findIndex((x) => x.name && f.message.includes(`“${x.name}”`));
      const p = `performance.selfEvaluations[${fi}]${ii >= 0 ? `.indicators[${ii}]` : ''}`;
      const off = isJson ? jsonValueOffsets(text).get(p) : undefined;
      const lc = off !== undefined ? lineColumn(lineStarts(text), off) : { line: 1, column: 1 };
      return { ...f, location: { file, line: lc.line, column: lc.column, jsonPath: p }, related: undefined };
    }
    return { ...f, location: { file, line: loc.line, column: loc.column, jsonPath: loc.jsonPath }, related: undefined };
  });
  return { ...result, findings, doc: null, file };
}
