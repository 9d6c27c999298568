/**
 * The section tree from headings: 第一部分, 一、, （一）, 1., （1）. Works on the normalised text
 * (full-width brackets are folded to ASCII there). Tables of contents (lines ending in page numbers or
 * dot leaders before the body starts) are skipped. Each section gets a canonical id when its title
 * names a known part of a 决算 disclosure.
 */
import { hasNonSpace } from '../core/text.js';
import type { Section } from './types.js';

const CN_NUM = '零一二三四五六七八九十';

/** 一 → 1, 十二 → 12, 二十 → 20. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let n = 0;
  let cur = 0;
  for (const ch of s) {
    const d = CN_NUM.indexOf(ch);
    if (ch === '十') {
      n += (cur || 1) * 10;
      cur = 0;
    } else if (d >= 0) cur = d;
  }
  return n + cur;
}

interface HeadingMatch {
  level: number;
  numbering: string;
  ordinal: number;
  title: string;
}

const PATTERNS: { re: RegExp; level: number }[] = [
  { re: /^\s*(第([一二三四五六七八九十]+)部分)\s*(.*)$/, level: 1 },
  { re: /^\s*(([一二三四五六七八九十]+)\s*[、.])\s*(.*)$/, level: 2 },
  { re: /^\s*([(]([一二三四五六七八九十]+)[)])\s*(.*)$/, level: 3 },
  { re: /^\s*((\d{1,2})\s*[.、](?!\d))\s*(.*)$/, level: 4 },
  { re: /^\s*([(](\d{1,2})[)])\s*(.*)$/, level: 5 },
];

export function matchHeading(line: string): HeadingMatch | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const rest = m[3];
    // Title: up to the first 。 (the seed writes "1.总体情况。2020年度…"), at most 40 chars.
    const cut = rest.search(/[。:：]/);
    const title = (cut >= 0 ? rest.slice(0, cut) : rest).trim();
    if (title.length === 0 && p.level < 4) continue;
    if (title.length > 40 && cut < 0 && p.level <= 3) continue;
    return { level: p.level, numbering: m[1], ordinal: chineseNumber(m[2]), title: title.slice(0, 40) };
  }
  return null;
}

/** Canonical ids by title keywords (first match wins; order matters). */
const SECTION_IDS: [RegExp, string][] = [
  [/名词解释/, '名词解释'],
  [/联系方式|信息反馈/, '联系方式'],
  [/三公/, '三公'],
  [/机关运行经费/, '机关运行经费'],
  [/政府采购/, '政府采购'],
  [/国有资产/, '国有资产'],
  [/绩效/, '绩效'],
  [/政府性基金/, '政府性基金'],
  [/国有资本经营/, '国有资本经营'],
  [/基本支出/, '基本支出'],
  [/一般公共预算财政拨款/, '一般公共预算'],
  [/财政拨款收入支出决算总体|财政拨款收支/, '财政拨款总体'],
  [/收入支出决算总体|收支决算总体/, '收支总体'],
  [/收入决算/, '收入决算'],
  [/支出决算/, '支出决算'],
  [/部门基本情况|概况/, '基本情况'],
  [/职能职责|主要职能/, '职能职责'],
  [/机构设置/, '机构设置'],
  [/单位构成/, '单位构成'],
  [/其他需要说明|其他重要事项/, '其他事项'],
  [/情况说明|决算情况/, '决算说明'],
];

function sectionId(title: string): string | null {
  for (const [re, id] of SECTION_IDS) if (re.test(title)) return id;
  return null;
}

/**
 * `(\.{3,}|…{2,}|·{3,}|-{3,})\s*\d+\s*$` read from the end by hand: as a regex it retried every start position of
 * a long run of dots or spaces (quadratic on a 64 KB dot leader).
 */
function leaderThenPage(line: string): boolean {
  const t = line.trimEnd();
  let i = t.length;
  while (i > 0 && t.charCodeAt(i - 1) >= 48 && t.charCodeAt(i - 1) <= 57) i--;
  if (i === t.length) return false;
  const head = t.slice(0, i).trimEnd();
  return head.endsWith('...') || head.endsWith('……') || head.endsWith('···') || head.endsWith('---');
}

/** A line that belongs to a table of contents: title followed by dot leaders or a trailing page number. */
function isTocLine(line: string): boolean {
  return leaderThenPage(line) || /PAGEREF\s+_Toc/.test(line) || /^\s*目\s*录\s*$/.test(line) || tabThenPage(line);
}

/** "（一）职能职责\t4": a heading, a cell gap and a page number — a 目录 entry set without leaders (as a PDF reads it). */
function tabThenPage(line: string): boolean {
  const m = /^([^\t]+)\t\s*\d{1,3}\s*$/.exec(line);
  return m !== null && matchHeading(m[1]) !== null;
}

export function buildSections(norm: string, lineStarts: number[], skipRanges: [number, number][] = []): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  const inSkip = (off: number) => skipRanges.some(([a, b]) => off >= a && off < b);
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : norm.length;
    if (inSkip(start)) continue;
    const line = norm.slice(start, end);
    if (line.startsWith('\t')) continue; // table rows
    if (isTocLine(line)) continue;
    const h = matchHeading(line);
    if (!h) continue;
    const lead = line.length - line.trimStart().length;
    const sec: Section = {
      title: h.title,
      id: sectionId(h.title),
      level: h.level,
      headingStart: start + lead,
      headingEnd: end,
      start,
      end: norm.length,
      numbering: h.numbering.trim(),
      children: [],
    };
    while (stack.length && stack[stack.length - 1].level >= h.level) {
      stack.pop()!.end = start;
    }
    if (stack.length) stack[stack.length - 1].children.push(sec);
    else roots.push(sec);
    stack.push(sec);
  }
  return roots;
}

/**
 * Whether a section has body text of its own or in its children (a table of contents or a cut page has
 * headings only).
 */
export function hasBody(norm: string, s: Section): boolean {
  const ownEnd = s.children.length ? s.children[0].start : s.end;
  // (counted up to what decides, not by copying the section without its spaces: a section may be most of the text)
  return hasNonSpace(norm, s.headingEnd, ownEnd, 20) || hasNonSpace(norm, s.headingStart, s.headingEnd, 40) || s.children.some((c) => hasBody(norm, c));
}

/** Sections containing an offset, outermost first. */
export function sectionPathAt(roots: Section[], offset: number): Section[] {
  const path: Section[] = [];
  let level = roots;
  for (;;) {
    const s = level.find((x) => offset >= x.start && offset < x.end);
    if (!s) return path;
    path.push(s);
    level = s.children;
  }
}

export function flattenSections(roots: Section[]): Section[] {
  const out: Section[] = [];
  const walk = (l: Section[]) => l.forEach((s) => (out.push(s), walk(s.children)));
  walk(roots);
  return out;
}

