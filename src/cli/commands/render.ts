/**
 * `juesuan render <model.json|.yaml> --format md|html|docx|pdf -o <file>`: validate a model,
 * generate the disclosure and write it in one format. Never overwrites: an existing target gets
 * the next free `name.vN.ext`. PDF is written by render/pdf.ts (fonts from npm packages); `--libreoffice`
 * converts the DOCX with LibreOffice instead.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { GeneratedDoc } from '../../generate/ast.js';
import type { Disclosure } from '../../model/schema.js';
import type { Format } from '../../render/index.js';
import { action, displayPath, docxToPdf, findSoffice, loadModel, SOFFICE_MISSING, UserError, writeNew } from '../io.js';

export type OutputFormat = Format | 'pdf';
// The renderers (docx, the generator) are loaded only when a document is rendered, not for --help.
const FORMATS: readonly Format[] = ['md', 'html', 'docx'];
const OUTPUT_FORMATS: readonly OutputFormat[] = [...FORMATS, 'pdf'];
const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

/** Generate the document tree; a template the generator does not know is the user's error. */
export async function generateDoc(model: Disclosure, file?: string): Promise<GeneratedDoc> {
  const { generate, UnsupportedTemplateError } = await import('../../generate/index.js');
  try {
    return generate(model);
  } catch (err) {
    if (err instanceof UnsupportedTemplateError) throw new UserError(`${file ? file + '：' : ''}style.template: ${err.message}`);
    throw err;
  }
}

/**
 * Bytes of one output format. PDF is drawn by pdfmake with the npm-installed fonts; with
 * `viaLibreOffice` the DOCX is converted by LibreOffice instead (Word-identical layout, system fonts).
 * Renderers are loaded when used (a check never loads docx or pdfmake).
 */
export async function renderFormat(format: OutputFormat, doc: GeneratedDoc, opts: { viaLibreOffice?: boolean } = {}): Promise<Uint8Array> {
  const { renderTo } = await import('../../render/index.js');
  if (format === 'pdf') {
    if (opts.viaLibreOffice) return docxToPdf(await renderTo('docx', doc));
    const [{ renderPdf }, { loadPdfFonts }] = await Promise.all([import('../../render/pdf.js'), import('../fonts.js')]);
    return renderPdf(doc, await loadPdfFonts());
  }
  return renderTo(format, doc);
}

function parseFormat(s: string): OutputFormat {
  const f = s.toLowerCase().replace(/^\./, '');
  if (f === 'pdf' || isFormat(f)) return f;
  if (f === 'markdown') return 'md';
  if (f === 'htm') return 'html';
  throw new UserError(`--format：不支持“${s}”，应为 ${OUTPUT_FORMATS.join('、')} 之一`);
}

interface RenderOptions {
  format?: string;
  output?: string;
  /** PDF through LibreOffice (DOCX → PDF) instead of the built-in writer. */
  libreoffice?: boolean;
}

export async function runRender(modelFile: string, opts: RenderOptions): Promise<string> {
  const outExt = opts.output ? path.extname(opts.output).toLowerCase().slice(1) : '';
  const format = parseFormat(opts.format ?? (outExt && (outExt === 'pdf' || isFormat(outExt)) ? outExt : 'docx'));
  if (format === 'pdf' && opts.libreoffice && !findSoffice()) throw new UserError(SOFFICE_MISSING);
  const model = await loadModel(modelFile);
  const doc = await generateDoc(model, modelFile);
  const bytes = await renderFormat(format, doc, { viaLibreOffice: opts.libreoffice });
  const target = opts.output ?? `${path.basename(modelFile, path.extname(modelFile))}.${format}`;
  const written = await writeNew(target, bytes);
  return written;
}

export function registerRender(program: Command): Command {
  return program
    .command('render')
    .description('由模型生成决算公开文本（md、html、docx、pdf）；不覆盖已有文件')
    .argument('<模型>', '模型文件（.json 或 .yaml）')
    .option('-f, --format <格式>', `输出格式：${OUTPUT_FORMATS.join(' | ')}（默认取 -o 的扩展名，否则 docx）`)
    .option('--libreoffice', 'PDF 经 LibreOffice 由 DOCX 转换（默认用内置字体直接生成）')
    .option('-o, --output <文件>', '输出文件（已存在时写入 名称.v2.扩展名、名称.v3.扩展名 …）')
    .action(
      action(async (model: string, opts: RenderOptions) => {
        const written = await runRender(model, opts);
        const target = opts.output ? path.resolve(opts.output) : null;
        const note = target && target !== written ? `（${displayPath(target)} 已存在，未覆盖）` : '';
        process.stdout.write(`已写入 ${displayPath(written)}${note}\n`);
      }),
    );
}
