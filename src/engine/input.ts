/**
 * Build the rules' input from a read document: sections, claims, quantities, self-evaluation forms,
 * tables, year, style and body name. Pure: SourceDoc in, CheckInput out.
 */
import type { SourceDoc } from '../readers/types.js';
import type { CheckInput } from './types.js';
import type { ExtractedTable } from '../extract/table-types.js';
import { buildSections, flattenSections } from '../structure/sections.js';
import { extractClaimsDetailed } from '../claims/extract.js';
import { spansJoin } from '../claims/lexicon.js';
import { extractQuantities } from '../claims/quantities.js';
import { cleanView, identityView, joinedLinesView, remapClaims, toSource } from '../claims/view.js';
import { extractSelfEvaluations } from '../extract/self-eval.js';
import { readText as readTextSync } from '../readers/text.js';
import { detectKind } from '../structure/kind.js';
import { abstainTables, damagedPages } from './damage.js';

/** The year the document reports on: the most frequent "20XX年度" (ties → the later year). */
function detectYear(norm: string): number | null {
  const counts = new Map<number, number>();
  const re = /(20\d{2})\s*年度?(?:部门|单位)?决算|(20\d{2})\s*年度/g;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const y = Number(m[1] ?? m[2]);
    counts.set(y, (counts.get(y) ?? 0) + (m[1] ? 3 : 1));
  }
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y > best)) [best, n] = [y, c];
  return best;
}

function detectStyle(norm: string): CheckInput['style'] {
  if (/第[一二三四]部分/.test(norm) && /(部门决算单位构成|主要职能|情况说明)/.test(norm)) return 'shanghai';
  if (/部门基本情况|较上年决算数|较年初预算数|其他需要说明的事项/.test(norm)) return 'chongqing';
  return 'unknown';
}

function detectBodyName(norm: string): string | null {
  const head = norm.slice(0, 600);
  // A cover title wraps the name over lines ("中共上海市普陀区委\n社会工作部 2024 年度\n部门决算"): join the
  // name-only lines right before the first "20XX年度…决算".
  const year = /20\d{2}\s*年度?\s*(?:部门|单位)?\s*决算/.exec(head);
  if (year) {
    const lines = head.slice(0, year.index).split('\n');
    const parts: string[] = [];
    for (let i = lines.length - 1; i >= 0 && parts.length < 3; i--) {
      const l = lines[i].trim();
      if (!l) {
        if (i === lines.length - 1) continue;
        break;
      }
      if (!/^[\u4e00-\u9fa5()（）A-Za-z\s]+$/.test(l)) break;
      parts.unshift(l.replace(/\s+/g, ''));
    }
    const name = parts.join('');
    if (name.length >= 4 && name.length <= 40 && /[\u4e00-\u9fa5]{2}/.test(name) && !/^第.{1,3}部分/.test(name)) return name;
  }
  const m = /([\u4e00-\u9fa5()（）]{4,40}?)\s*(?:20\d{2})\s*年度?\s*(?:部门|单位)?决算/.exec(head);
  return m ? m[1] : null;
}

/** Markdown syntax blanked to spaces (same length): heading marks, emphasis, backslash escapes. */
function blankMarkdown(norm: string): string {
  return norm
    .replace(/^(#{1,6})(\s)/gm, (m, h: string, sp: string) => ' '.repeat(h.length) + sp)
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, ' $1')
    .replace(/\*\*/g, '  ');
}

export function buildInput(doc0: SourceDoc, extraTables: ExtractedTable[] = []): CheckInput {
  const doc = doc0.format === 'md' ? { ...doc0, norm: blankMarkdown(doc0.norm) } : doc0;
  const tableRanges: [number, number][] = doc.tables.map((t) => [t.start, t.end]);
  const sections = buildSections(doc.norm, doc.lineStarts, tableRanges);
  const year = detectYear(doc.norm);
  // A PDF's sentences run across visual lines: read claims from a view that joins them, then map back.
  // Web residue (pinyin after characters, terms cut by hard line breaks) is read past in a cleaned view.
  const base = doc.format === 'pdf' ? joinedLinesView(doc.norm, doc.lineStarts) : identityView(doc.norm);
  const view = cleanView(base, doc.text, spansJoin, doc.format !== 'pdf');
  const src = (i: number) => toSource(view, i);
  const { claims, unbound } = extractClaimsDetailed(view.text, sections, { year, skip: tableRanges, toSource: src });
  const quantities = extractQuantities(view.text, claims.length + 1000, tableRanges, src);
  remapClaims(claims, view);
  remapClaims(quantities, view);
  remapClaims(unbound, view);
  const allClaims = [...claims, ...quantities].sort((a, b) => a.subjectStart - b.subjectStart || a.id - b.id);
  let style = detectStyle(doc.norm);
  if (style === 'unknown' && flattenSections(sections).some((s) => s.id === '三公')) style = 'chongqing';
  return {
    file: doc.file,
    doc,
    claims: allClaims,
    unbound,
    sections,
    selfEvaluations: extractSelfEvaluations(doc),
    tables: abstainTables(extraTables, damagedPages(doc)),
    year,
    style,
    bodyName: detectBodyName(doc.norm),
    kind: detectKind(doc.norm),
    view,
  };
}

/** For tests and tools: the rules' input for a plain text. */
export function inputFromText(text: string, file = 'test.txt'): CheckInput {
  return buildInput(readTextSync(new TextEncoder().encode(text), file));
}
