/**
 * Model files as bytes → a validated Disclosure. Pure (no file I/O), shared by the CLI (`render`) and the
 * engine (`check model.json`). Every failure is a ReadError whose message names the file, the place
 * (line and column for syntax, field path for the schema) and what is expected.
 */
import { parse as parseYaml } from 'yaml';
import { validateDisclosure, type Disclosure } from './schema.js';
import { ReadError } from '../readers/types.js';
import { lineColumn, lineStarts } from '../core/span.js';

const MODEL_EXTENSIONS = ['.json', '.yaml', '.yml'];

function extOf(file: string): string {
  const m = /\.[^./\\]+$/.exec(file);
  return m ? m[0].toLowerCase() : '';
}

/** Parse JSON or YAML text by the file's extension; syntax errors name the file and the position. */
export function parseModelText(file: string, text: string): unknown {
  const src = text.replace(/^\uFEFF/, '');
  const ext = extOf(file);
  if (ext === '.yaml' || ext === '.yml') {
    try {
      return parseYaml(src);
    } catch (err) {
      const e = err as { message: string; linePos?: { line: number; col: number }[] };
      const pos = e.linePos?.[0];
      const where = pos ? `第${pos.line}行第${pos.col}列：` : '';
      throw new ReadError('corrupt', `${file}：${where}不是有效的 YAML（${e.message.split('\n')[0]}）`);
    }
  }
  try {
    return JSON.parse(src);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const { line, column } = lineColumn(lineStarts(src), Number(m[1]));
      where = `第${line}行第${column}列：`;
    }
    throw new ReadError('corrupt', `${file}：${where}不是有效的 JSON（${msg}）`);
  }
}

/**
 * Decode, parse and validate a model file's bytes. `derive: 'lenient'` keeps a stated figure that contradicts
 * its derived value (the checker then reports it as a finding); the default refuses it with its JSON path.
 */
export function parseModel(bytes: Uint8Array, file: string, maxIssues = 20, opts: { derive?: boolean | 'lenient' } = {}): Disclosure {
  const ext = extOf(file);
  if (!MODEL_EXTENSIONS.includes(ext)) {
    throw new ReadError('unsupported', `${file}：不支持的模型格式“${ext || '（无扩展名）'}”，应为 .json、.yaml 或 .yml`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError('corrupt', `${file}：不是 UTF-8 编码的文本`);
  }
  const r = validateDisclosure(parseModelText(file, text), opts);
  if (!r.ok) {
    const shown = r.issues.slice(0, maxIssues).map((i) => `  ${file}: ${i.path}: ${i.message}`);
    const more = r.issues.length > shown.length ? [`  …另有 ${r.issues.length - shown.length} 处`] : [];
    throw new ReadError('corrupt', [`${file}：模型不符合要求（${r.issues.length} 处）：`, ...shown, ...more].join('\n'));
  }
  return r.model;
}
