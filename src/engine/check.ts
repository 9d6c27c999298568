/**
 * Check a document or a model file. Bytes in, findings out; the CLI does the file I/O.
 */
import type { CheckResult } from './types.js';
import { readDocument } from '../readers/index.js';
import { buildInput } from './input.js';
import { runRules, type RunOptions } from './run.js';
import { RULES } from '../rules/index.js';
import { readText } from '../readers/text.js';
import { rebuildDocTables } from '../extract/tables/structured.js';

export async function checkBytes(bytes: Uint8Array, file: string, opts: RunOptions = {}): Promise<CheckResult> {
  const doc = await readDocument(bytes, file);
  return runRules(buildInput(doc, (doc.rebuiltTables ??= rebuildDocTables(doc))), RULES, opts);
}

/**
 * A model file is checked as data: it is rendered with the generator (the same calculus) and the
 * rendered text is checked together with the model's own tables. Schema errors are ReadErrors.
 */
export async function checkModelFile(bytes: Uint8Array, file: string, opts: RunOptions = {}): Promise<CheckResult> {
  // Loaded here, not at the top: a document check (the common case) needs neither the schema nor the generator.
  const [{ parseModel }, { generate }, { renderMarkdown }, { modelTables }] = await Promise.all([
    import('../model/parse.js'),
    import('../generate/index.js'),
    import('../render/md.js'),
    import('./model-tables.js'),
  ]);
  const model = parseModel(bytes, file);
  const md = renderMarkdown(generate(model));
  const doc = readText(new TextEncoder().encode(md), file.replace(/\.(json|ya?ml)$/i, '.md'), { format: 'md' });
  const result = runRules(buildInput(doc, modelTables(model)), RULES, opts);
  return { ...result, file };
}
