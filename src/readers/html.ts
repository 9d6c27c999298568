/**
 * HTML reader for disclosure pages as published: bytes in, SourceDoc out. The charset comes from a BOM or
 * <meta> (GBK/GB2312 pages are common), else it is detected like plain text. Page chrome is dropped:
 * script/style/nav/header/footer/aside/forms' widgets and elements whose class/id/role says nav, menu,
 * breadcrumb, footer, sidebar… Block elements become lines, h1–h6 headings, data tables one \t-separated
 * line per row plus a SourceTable (rowspan/colspan kept). Tables that hold other tables are page layout and
 * are read as ordinary blocks.
 */
import iconv from 'iconv-lite';
import { HTMLElement, Node, NodeType, parse } from 'node-html-parser';
import { TextBuilder, finishDoc, type CellInput } from './build.js';
import { decodeText, encodingName, looksBinary } from './encoding.js';
import { emptyError, isBlankText } from './text.js';
import { ReadError, type SourceDoc } from './types.js';
import { mib } from '../core/size.js';

const DROP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'nav', 'header',
  'footer', 'aside', 'select', 'button', 'input', 'textarea', 'map', 'audio', 'video', 'menu',
]);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'address', 'center',
  'figure', 'figcaption', 'form', 'fieldset', 'hr', 'body', 'html', 'caption', 'pre', 'table', 'tr', 'td', 'th',
  'tbody', 'thead', 'tfoot',
]);
/** class/id words that mark navigation chrome. */
const CHROME = /(?:^|[\s_-])(?:nav|navs|navbar|nav\w*|menu\w*|breadcrumbs?|crumbs?|bread\w*|footer|foot|sidebar|side-?bar|side|topbar|top-?bar|toolbar|share|position|location|dqwz|skip|copyright|banner|header|bottom|logo|search|friend-?links?)(?:$|[\s_-])/i;
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar']);

export interface HtmlOptions {
  maxBytes?: number;
}

/** Charset declared by a BOM or a <meta> in the first 4 KB. */
export function declaredCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null; // decodeText handles it
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** Strictly valid UTF-8 with multi-byte characters: real GBK text practically never is. */
function isUtf8WithCjk(bytes: Uint8Array): boolean {
  try {
    const t = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\u3000-\u9fff]/.test(t);
  } catch {
    return false;
  }
}

function decodeHtml(bytes: Uint8Array, file: string, notes: string[]): string {
  const cs = declaredCharset(bytes);
  if (cs && cs !== 'utf-8' && cs !== 'utf8' && isUtf8WithCjk(bytes)) {
    notes.push(`网页声明编码为 ${cs.toUpperCase()}，实际为 UTF-8，已按 UTF-8 读取`);
  } else if (cs && cs !== 'utf-8' && cs !== 'utf8') {
    const enc = /^(gb2312|gbk|x-gbk|gb18030|cp936|euc-cn)$/.test(cs) ? 'gb18030' : cs;
    if (iconv.encodingExists(enc)) {
      const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc);
      if (looksBinary(text)) throw new ReadError('binary', `文件“${file}”不是可读的网页（含有大量二进制字节）。`);
      notes.push(`网页编码为 ${cs.toUpperCase()}，已转换`);
      return text;
    }
  }
  const d = decodeText(bytes, file);
  if (d.encoding !== 'utf-8' && d.encoding !== 'utf-8-bom') notes.push(`网页编码为 ${encodingName(d.encoding)}，已转换`);
  return d.text;
}

function isChrome(el: HTMLElement): boolean {
  const tag = el.rawTagName?.toLowerCase() ?? '';
  if ((tag === 'header' || tag === 'footer') && insideArticle(el)) return false;
  if (DROP.has(tag)) return true;
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role.toLowerCase())) return true;
  if (el.getAttribute('hidden') !== undefined || /display\s*:\s*none/i.test(el.getAttribute('style') ?? '')) return true;
  const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.replace(/([a-z])([A-Z])/g, '$1 $2');
  // A container that holds the page title or the article is content, whatever its class says.
  return CHROME.test(words) && el.querySelector('h1, article, main') === null;
}

/** An article's own <header>/<footer> (title, date) is content, not page chrome. */
function insideArticle(el: HTMLElement): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) {
    const t = p.rawTagName?.toLowerCase();
    if (t === 'article' || t === 'main') return true;
  }
  return false;
}

const collapse = (s: string) => s.replace(/[ \t\n\r\f]+/g, ' ');

/** Text of a subtree on one line (chrome dropped, blocks and <br> as spaces). */
function inlineText(node: Node): string {
  if (node.nodeType === NodeType.TEXT_NODE) return collapse(node.text);
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const el = node as HTMLElement;
  if (isChrome(el)) return '';
  const tag = el.rawTagName?.toLowerCase() ?? '';
  if (tag === 'br') return ' ';
  const inner = el.childNodes.map(inlineText).join('');
  return BLOCK.has(tag) ? ` ${inner} ` : inner;
}

/** Rows of a table, not descending into nested tables. */
function tableRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const visit = (el: HTMLElement) => {
    for (const c of el.childNodes) {
      if (c.nodeType !== NodeType.ELEMENT_NODE) continue;
      const e = c as HTMLElement;
      const tag = e.rawTagName?.toLowerCase();
      if (tag === 'tr') rows.push(e);
      else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') visit(e);
    }
  };
  visit(table);
  return rows;
}

const isLayoutTable = (t: HTMLElement) => t.querySelector('table') !== null;

export function readHtml(bytes: Uint8Array, file: string, opts: HtmlOptions = {}): SourceDoc {
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    throw new ReadError('too-large', `文件“${file}”超过了 ${mib(opts.maxBytes)} MB 的上限，未读取。`);
  }
  if (bytes.length === 0) throw emptyError(file);
  const notes: string[] = [];
  const html = decodeHtml(bytes, file, notes);
  const root = parse(html.replace(/<!doctype[^>]*>/i, ''), { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const b = new TextBuilder();
  let buf = '';
  let dropped = 0;
  const flush = () => {
    if (buf.trim()) b.line(buf.trim());
    buf = '';
  };

  const walk = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      buf += collapse(node.text);
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (isChrome(el)) {
      if (tag !== 'head' && tag !== 'script' && tag !== 'style') dropped++;
      return;
    }
    if (tag === 'br') return flush();
    const h = /^h([1-6])$/.exec(tag);
    if (h) {
      flush();
      const t = inlineText(el).trim();
      if (t) b.heading(t, Number(h[1]));
      return;
    }
    if (tag === 'pre') {
      flush();
      for (const l of el.text.split(/\r?\n/)) b.line(l);
      return;
    }
    if (tag === 'table' && !isLayoutTable(el)) {
      flush();
      const rows: CellInput[][] = tableRows(el).map((tr) =>
        tr.childNodes
          .filter((c): c is HTMLElement => c.nodeType === NodeType.ELEMENT_NODE && /^t[dh]$/i.test((c as HTMLElement).rawTagName))
          .filter((td) => !isChrome(td))
          .map((td) => ({
            text: inlineText(td).trim(),
            rowSpan: Math.max(1, parseInt(td.getAttribute('rowspan') ?? '1', 10) || 1),
            colSpan: Math.max(1, parseInt(td.getAttribute('colspan') ?? '1', 10) || 1),
          })),
      );
      const caption = el.querySelector('caption');
      if (caption) b.line(inlineText(caption).trim());
      b.table(rows.filter((r) => r.some((c) => c.text)));
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const c of el.childNodes) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  const text = b.text();
  if (isBlankText(text)) throw emptyError(file);
  if (dropped) notes.push(`已去除网页导航、页眉页脚等版面元素 ${dropped} 处`);
  return finishDoc(file, 'html', text, b.tables, notes, { headings: b.headings });
}
