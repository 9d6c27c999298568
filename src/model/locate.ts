/**
 * Where a finding about a rendered model lives in the model file: a JSON path (tables[4].rows[0].values.total,
 * sanGong.reception.actual, …) and, for JSON files, its line and column. The figure the finding points at is
 * matched to the stated figure with the same amount in the part of the model its section is about; without
 * one, the finding points at that part (sanGong, procurement, tables[3], …). Pure.
 */
import { parseAmount } from '../calc/money.js';
import { lineColumn, lineStarts } from '../core/span.js';

/** Offsets of every value in a JSON text, by JSON path (formatPath style). */
export function jsonValueOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    out.set(path || '(根)', i);
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const key = str();
        ws();
        i++; // :
        value(path ? `${path}.${key}` : key);
        ws();
        if (text[i++] === '}') return;
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (text[i++] === ']') return;
      }
    } else if (ch === '"') str();
    else while (i < text.length && !/[,}\]\s]/.test(text[i])) i++;
  };
  try {
    value('');
  } catch {
    /* a partial map is still useful */
  }
  return out;
}

/** Every stated amount of a model as [path, value] (strings and numbers that parse as amounts). */
function amounts(data: unknown, path = '', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(data)) data.forEach((x, n) => amounts(x, `${path}[${n}]`, out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) amounts(v, path ? `${path}.${k}` : k, out);
  else if ((typeof data === 'string' || typeof data === 'number') && /(values\.|\.(actual|budget|prior|current|total|goods|works|services|sme|micro|funds|fullYearBudget))/.test(path)) {
    const d = parseAmount(data);
    if (d !== null && String(data).trim() !== '') out.push([path, d.toFixed(2)]);
  }
  return out;
}

/** Model part a rendered section is about, by its heading words. */
const SECTION_PARTS: [RegExp, string][] = [
  [/“?三公”?/, 'sanGong'],
  [/机关运行经费/, 'operatingCosts'],
  [/政府采购/, 'procurement'],
  [/国有资产/, 'assets'],
  [/绩效/, 'performance'],
  [/名词解释/, 'glossary'],
  [/联系方式/, 'contact'],
  [/职能|机构设置|单位构成|基本情况/, 'profile'],
];

interface ModelLocation {
  jsonPath: string;
  line: number;
  column: number;
}

/**
 * Locate a finding: `lineText` is the rendered line it is on, `heading` the nearest heading above it,
 * `tableIndex` the model table when the line is in the appendix.
 */
export function locateInModel(
  data: unknown,
  fileText: string | null,
  f: { lineText: string; column: number; heading: string; tableIndex?: number; actual?: string },
): ModelLocation {
  const all = amounts(data);
  const part = f.tableIndex !== undefined ? `tables[${f.tableIndex}]` : (SECTION_PARTS.find(([re]) => re.test(f.heading))?.[1] ?? null);
  const numbers = [...f.lineText.normalize('NFKC').matchAll(/\d[\d,]*\.\d+|\d[\d,]*/g)]
    .map((m) => ({ at: m.index!, v: parseAmount(m[0])?.toFixed(2) }))
    .sort((a, b) => Math.abs(a.at - f.column) - Math.abs(b.at - f.column));
  const wanted = f.actual ? [parseAmount(f.actual)?.toFixed(2), ...numbers.map((n) => n.v)] : numbers.map((n) => n.v);
  let path: string | null = null;
  for (const v of wanted) {
    if (!v) continue;
    const hits = all.filter(([, x]) => x === v);
    const inPart = part ? hits.find(([p]) => p.startsWith(part)) : undefined;
    const hit = inPart ?? (part === null || part.startsWith('tables') || part === 'sanGong' ? hits.find(([p]) => p.startsWith('tables') || p.startsWith('comparatives')) ?? hits[0] : undefined);
    if (hit) {
      path = hit[0];
      break;
    }
  }
  path ??= part ?? (f.heading ? 'comparatives' : '(根)');
  if (!fileText) return { jsonPath: path, line: 1, column: 1 };
  const offsets = jsonValueOffsets(fileText);
  let probe = path;
  while (!offsets.has(probe) && /[.[]/.test(probe)) probe = probe.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  const off = offsets.get(probe) ?? 0;
  const { line, column } = lineColumn(lineStarts(fileText), off);
  return { jsonPath: path, line, column };
}
