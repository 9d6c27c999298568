/**
 * HTML reader for disclosure pages as published: bytes in, SourceDoc out. The charset comes from a BOM or
 * <meta> (GBK/GB2312 pages are common), else it is detected like plain text. Page chrome is dropped:
 * script/style/nav/header/footer/aside/forms' widgets and elements whose class/id/role says nav, menu,
 * breadcrumb, footer, sidebar… Block elements become lines, h1–h6 headings, data tables one \t-separated
 * line per row plus a SourceTable (rowspan/colspan kept). Tables that hold other tables are page layout and
 * are read as ordinary blocks.
 */
import { HTMLElement, Node, NodeType, parse } from 'node-html-parser';
import { TextBuilder, finishDoc, type CellInput } from './build.js';
import { decodeText, encodingName, iconvLite, looksBinary } from './encoding.js';
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

interface HtmlOptions {
  maxBytes?: number;
}

/** Charset declared by a BOM or a <meta> in the first 4 KB. */
function declaredCharset(bytes: Uint8Array): string | null {
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
    if (iconvLite().encodingExists(enc)) {
      const text = iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc);
      if (looksBinary(text)) throw new ReadError('binary', `文件“${file}”不是可读的网页（含有大量二进制字节）。`);
      notes.push(`网页编码为 ${cs.toUpperCase()}，已转换`);
      return text;
    }
  }
  const d = decodeText(bytes, file);
  if (d.encoding !== 'utf-8' && d.encoding !== 'utf-8-bom') notes.push(`网页编码为 ${encodingName(d.encoding)}，已转换`);
  return d.text;
}

/**
 * What the reader needs to know about an element's subtree (does it hold the page title or article? a table?),
 * computed once for the whole tree in one pass instead of a querySelector per element (quadratic on nested
 * chrome or nested tables).
 */
interface Subtree {
  content: WeakSet<HTMLElement>;
  tables: WeakSet<HTMLElement>;
  article: WeakSet<HTMLElement>;
}

/** Post-order over the tree with an explicit stack (nesting depth is unbounded in hostile pages). */
function subtreeFacts(root: HTMLElement): Subtree {
  const facts: Subtree = { content: new WeakSet(), tables: new WeakSet(), article: new WeakSet() };
  const order: HTMLElement[] = [];
  const stack: HTMLElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    order.push(el);
    const tag = el.rawTagName?.toLowerCase();
    const inArticle = tag === 'article' || tag === 'main' || (el.parentNode ? facts.article.has(el.parentNode as HTMLElement) : false);
    if (inArticle) facts.article.add(el);
    for (const c of el.childNodes) if (c.nodeType === NodeType.ELEMENT_NODE) stack.push(c as HTMLElement);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    const parent = el.parentNode as HTMLElement | null;
    if (!parent) continue;
    const tag = el.rawTagName?.toLowerCase();
    if (tag === 'h1' || tag === 'article' || tag === 'main' || facts.content.has(el)) facts.content.add(parent);
    if (tag === 'table' || facts.tables.has(el)) facts.tables.add(parent);
  }
  return facts;
}

function isChrome(el: HTMLElement, facts: Subtree): boolean {
  const tag = el.rawTagName?.toLowerCase() ?? '';
  // An article's own <header>/<footer> (title, date) is content, not page chrome.
  if ((tag === 'header' || tag === 'footer') && el.parentNode && facts.article.has(el.parentNode as HTMLElement)) return false;
  if (DROP.has(tag)) return true;
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role.toLowerCase())) return true;
  if (el.getAttribute('hidden') !== undefined || /display\s*:\s*none/i.test(el.getAttribute('style') ?? '')) return true;
  const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.replace(/([a-z])([A-Z])/g, '$1 $2');
  // A container that holds the page title or the article is content, whatever its class says.
  return CHROME.test(words) && !facts.content.has(el);
}

const collapse = (s: string) => s.replace(/[ \t\n\r\f]+/g, ' ');

/** Text of a subtree on one line (chrome dropped, blocks and <br> as spaces); an explicit stack, not recursion. */
function inlineText(node: Node, facts: Subtree): string {
  let out = '';
  const stack: (Node | string)[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out += n;
      continue;
    }
    if (n.nodeType === NodeType.TEXT_NODE) {
      out += collapse(n.text);
      continue;
    }
    if (n.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = n as HTMLElement;
    if (isChrome(el, facts)) continue;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (tag === 'br') {
      out += ' ';
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) stack.push(' ');
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push(el.childNodes[i]);
    if (block) out += ' ';
  }
  return out;
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


const UNCLOSED_REPAIR_LIMIT = 500;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option']);

/** Start tags minus end tags per element name (void and self-closing-by-rule elements left out), in one pass. */
function unclosedEstimate(html: string): number {
  const open = new Map<string, number>();
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})(?![a-zA-Z0-9-])/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const name = m[2].toLowerCase();
    if (VOID.has(name)) continue;
    open.set(name, (open.get(name) ?? 0) + (m[1] ? -1 : 1));
  }
  let n = 0;
  for (const v of open.values()) if (v > 0) n += v;
  return n;
}

export function readHtml(bytes: Uint8Array, file: string, opts: HtmlOptions = {}): SourceDoc {
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    throw new ReadError('too-large', `文件“${file}”超过了 ${mib(opts.maxBytes)} MB 的上限，未读取。`);
  }
  if (bytes.length === 0) throw emptyError(file);
  const notes: string[] = [];
  const html = decodeHtml(bytes, file, notes);
  const source = html.replace(/<!doctype[^>]*>/i, '');
  // node-html-parser repairs unclosed elements after parsing by moving their children up one level at a time:
  // quadratic (50 000 unclosed <span>s took 55 s). Past a few hundred unclosed elements they are left nested.
  const unclosed = unclosedEstimate(source);
  if (unclosed > UNCLOSED_REPAIR_LIMIT) notes.push(`网页约有 ${unclosed} 个未闭合的标签，已按嵌套读取`);
  const root = parse(source, {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false, pre: true },
    parseNoneClosedTags: unclosed > UNCLOSED_REPAIR_LIMIT,
  });
  const facts = subtreeFacts(root);
  const b = new TextBuilder();
  let buf = '';
  let dropped = 0;
  const flush = () => {
    if (buf.trim()) b.line(buf.trim());
    buf = '';
  };

  // Depth-first with an explicit stack (a page nested 10 000 deep overflowed the call stack); a string on the
  // stack is a block's end (flush).
  const FLUSH = '\u0000flush';
  const stack: (Node | string)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      flush();
      continue;
    }
    if (node.nodeType === NodeType.TEXT_NODE) {
      buf += collapse(node.text);
      continue;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (isChrome(el, facts)) {
      if (tag !== 'head' && tag !== 'script' && tag !== 'style') dropped++;
      continue;
    }
    if (tag === 'br') {
      flush();
      continue;
    }
    const h = /^h([1-6])$/.exec(tag);
    if (h) {
      flush();
      const t = inlineText(el, facts).trim();
      if (t) b.heading(t, Number(h[1]));
      continue;
    }
    if (tag === 'pre') {
      flush();
      for (const l of el.text.split(/\r?\n/)) b.line(l);
      continue;
    }
    if (tag === 'table' && !facts.tables.has(el)) {
      flush();
      const rows: CellInput[][] = tableRows(el).map((tr) =>
        tr.childNodes
          .filter((c): c is HTMLElement => c.nodeType === NodeType.ELEMENT_NODE && /^t[dh]$/i.test((c as HTMLElement).rawTagName))
          .filter((td) => !isChrome(td, facts))
          .map((td) => ({
            text: inlineText(td, facts).trim(),
            rowSpan: Math.max(1, parseInt(td.getAttribute('rowspan') ?? '1', 10) || 1),
            colSpan: Math.max(1, parseInt(td.getAttribute('colspan') ?? '1', 10) || 1),
          })),
      );
      const caption = el.querySelector('caption');
      if (caption) b.line(inlineText(caption, facts).trim());
      b.table(rows.filter((r) => r.some((c) => c.text)));
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) {
      flush();
      stack.push(FLUSH);
    }
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push(el.childNodes[i]);
  }
  flush();
  const text = b.text();
  if (isBlankText(text)) throw emptyError(file);
  if (dropped) notes.push(`已去除网页导航、页眉页脚等版面元素 ${dropped} 处`);
  return finishDoc(file, 'html', text, b.tables, notes, { headings: b.headings });
}
