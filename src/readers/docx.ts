/**
 * DOCX reader: bytes in, SourceDoc out. The zip is opened with guards (zip.ts), then word/document.xml is
 * walked directly: paragraphs → lines, heading styles (styles.xml names "heading N"/"标题 N" or outline
 * levels) → headings, tables → one line per row with \t between cells plus a SourceTable whose merged cells
 * carry rowSpan (w:vMerge) and colSpan (w:gridSpan). Field codes (w:instrText: PAGEREF, TOC, HYPERLINK),
 * deleted/moved-away revisions, hidden runs and mc:Fallback duplicates are left out; field results stay.
 */
import { TextBuilder, finishDoc, type CellInput } from './build.js';
import { emptyError, isBlankText } from './text.js';
import { ReadError, type SourceDoc } from './types.js';
import { openZip, type ZipLimits } from './zip.js';

type DocxOptions = ZipLimits;

interface StyleInfo {
  name: string;
  basedOn?: string;
  outline?: number;
}

const val = (attrs: string, name = 'w:val') => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** A character reference's character; one that names no character (`&#x110000;`, `&#0;`) reads as U+FFFD. */
function charRef(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}
function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,8}|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? charRef(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENT[e],
  );
}

function parseStyles(xml: string | null): Map<string, StyleInfo> {
  const m = new Map<string, StyleInfo>();
  if (!xml) return m;
  // Split at the end tags, then take the last start tag before each (a lazy regex from every unclosed <w:style
  // to the end of the part would be quadratic).
  const chunks = xml.split('</w:style>');
  chunks.pop();
  for (const chunk of chunks) {
    const open = /<w:style\b([^<>]*)>/g;
    let last: RegExpExecArray | null = null;
    for (let m = open.exec(chunk); m; m = open.exec(chunk)) last = m;
    if (!last) continue;
    const s = [last[0], last[1], chunk.slice(last.index + last[0].length)];
    const id = val(s[1], 'w:styleId');
    if (!id) continue;
    const outline = val(/<w:outlineLvl\b[^<>]*>/.exec(s[2])?.[0] ?? '');
    m.set(id, {
      name: (val(/<w:name\b[^<>]*>/.exec(s[2])?.[0] ?? '') ?? id).trim(),
      basedOn: val(/<w:basedOn\b[^<>]*>/.exec(s[2])?.[0] ?? ''),
      outline: outline !== undefined ? Number(outline) : undefined,
    });
  }
  return m;
}

/** Heading level of a paragraph style (1-based), following basedOn; undefined for body text. */
function styleLevel(styles: Map<string, StyleInfo>, id: string | undefined): number | undefined {
  for (let depth = 0; id && depth < 10; depth++) {
    const s = styles.get(id);
    const byName = /^(?:heading|标题)\s*(\d)$/i.exec(s?.name ?? id);
    if (byName) return Number(byName[1]);
    if (s?.outline !== undefined && s.outline < 9) return s.outline + 1;
    id = s?.basedOn;
  }
  return undefined;
}

interface Para {
  text: string;
  style?: string;
  outline?: number;
}
interface Cell {
  paras: string[];
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
  hMerge: 'restart' | 'continue' | null;
}
interface Row {
  cells: Cell[];
  gridBefore: number;
}

/**
 * Merged cells appear once: vMerge continuations add to the rowSpan of the cell above. Spans are capped at the
 * table's real width (its w:tblGrid columns, or its widest row): `<w:gridSpan w:val="1000000000"/>` is one cell.
 */
function layoutTable(rows: Row[], gridCols: number): CellInput[][] {
  const above = new Map<number, CellInput>();
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), Math.max(gridCols, 1));
  return rows.map((row) => {
    const out: CellInput[] = [];
    let col = Math.min(row.gridBefore, width - 1);
    for (const c of row.cells) {
      c.gridSpan = Math.max(1, Math.min(c.gridSpan, width - col));
      const text = c.paras.join(' ');
      const origin = above.get(col);
      if (c.hMerge === 'continue' && out.length) {
        const prev = out[out.length - 1];
        prev.colSpan = (prev.colSpan ?? 1) + c.gridSpan;
      } else if (c.vMerge === 'continue' && origin) {
        origin.rowSpan = (origin.rowSpan ?? 1) + 1;
      } else {
        const cell: CellInput = { text, colSpan: c.gridSpan, rowSpan: 1 };
        out.push(cell);
        if (above.size < c.gridSpan) {
          for (const k of [...above.keys()]) if (k >= col && k < col + c.gridSpan) above.delete(k);
        } else for (let k = col; k < col + c.gridSpan; k++) above.delete(k);
        if (c.vMerge === 'restart') above.set(col, cell);
      }
      col += c.gridSpan;
    }
    return out;
  });
}

/**
 * One token of WordprocessingML: a tag, or text. Linear on any input: a tag cannot run past the next `<` (XML
 * allows no raw `<` inside a tag or its attribute values), its name cannot be re-split by backtracking (the
 * lookahead), and comments and processing instructions are removed beforehand by stripMarkup (a `<!--` or `<?`
 * that is never closed made the old lazy `[\s\S]*?` scan to the end from every one of them: `<a` ×100 000 took 25 s).
 */
const TOKEN = /<(\/?)([A-Za-z_][\w.:-]*)(?![\w.:-])((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>|([^<]+)/g;

/** Remove `<!-- … -->` and `<? … ?>` in one pass (an unclosed one removes the rest). */
function stripMarkup(xml: string): string {
  if (!xml.includes('<!--') && !xml.includes('<?')) return xml;
  let out = '';
  let at = 0;
  for (;;) {
    const c = xml.indexOf('<!--', at);
    const q = xml.indexOf('<?', at);
    const start = c < 0 ? q : q < 0 ? c : Math.min(c, q);
    if (start < 0) return out + xml.slice(at);
    out += xml.slice(at, start);
    const end = xml.indexOf(start === c ? '-->' : '?>', start + 2);
    if (end < 0) return out;
    at = end + (start === c ? 3 : 2);
  }
}
/** Subtrees whose text is not part of the document as it reads now. */
const SKIP = new Set(['mc:Fallback', 'w:del', 'w:moveFrom', 'w:instrText', 'w:delText', 'w:rPrChange', 'w:pPrChange']);

export async function readDocx(bytes: Uint8Array, file: string, opts: DocxOptions = {}): Promise<SourceDoc> {
  if (bytes.length === 0) throw emptyError(file);
  if ([0xd0, 0xcf, 0x11, 0xe0].every((x, i) => bytes[i] === x)) {
    throw new ReadError('encrypted', `文件“${file}”不是 zip 格式的 Word 文档：它是加密的 Office 文档或旧版 .doc，无法读取。请解除密码并另存为 .docx 后再试。`);
  }
  const zip = await openZip(bytes, file, opts);
  const rels = (await zip.text('_rels/.rels')) ?? '';
  const main = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels)?.[0];
  const part = (main && val(main, 'Target')?.replace(/^\//, '')) || 'word/document.xml';
  const xml = await zip.text(part);
  if (xml === null || !/<w:body\b/.test(xml)) {
    throw new ReadError('unsupported', `文件“${file}”是 zip 压缩包，但不是 Word 文档（缺少 word/document.xml），无法读取。`);
  }
  const styles = parseStyles(await zip.text(part.replace(/[^/]*$/, 'styles.xml')));
  const tocPages: [number, number][] = [];
  const b = new TextBuilder();
  const notes: string[] = [];
  let tocLines = 0;

  const paras: Para[] = [];
  const tables: Row[][] = [];
  /** w:gridCol count of each open table. */
  const gridCols: number[] = [];
  const fields: ('instr' | 'result')[] = [];
  let skip = 0;
  let inRun = false;
  let inRPr = false;
  let inPPr = false;
  let hidden = false;
  let inText = false;

  const cell = (): Cell | undefined => {
    const t = tables[tables.length - 1];
    const r = t?.[t.length - 1];
    return r?.cells[r.cells.length - 1];
  };
  const append = (s: string) => {
    const p = paras[paras.length - 1];
    if (p && !hidden && !fields.includes('instr')) p.text += s;
  };

  for (const m of stripMarkup(xml).matchAll(TOKEN)) {
    const [, close, name, attrs, selfClose, chars] = m;
    if (chars !== undefined) {
      if (inText && !skip) append(decodeXml(chars));
      continue;
    }
    if (!name) continue;
    if (SKIP.has(name)) {
      if (!selfClose) skip += close ? -1 : 1;
      continue;
    }
    if (skip) continue;
    if (close) {
      switch (name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:r':
          inRun = hidden = false;
          break;
        case 'w:rPr':
          inRPr = false;
          break;
        case 'w:pPr':
          inPPr = false;
          break;
        case 'w:p': {
          const p = paras.pop();
          if (!p) break;
          const text = p.text;
          const level = p.outline !== undefined && p.outline < 9 ? p.outline + 1 : styleLevel(styles, p.style);
          if (paras.length) paras[paras.length - 1].text += text ? ' ' + text : ''; // text box inside a paragraph
          else if (tables.length) cell()?.paras.push(text);
          else if (level !== undefined && text.trim()) b.heading(text, level);
          else {
            const r = b.line(text);
            if (r && /^toc\s*\d/i.test(styles.get(p.style ?? '')?.name ?? '')) {
              tocLines++;
              const pg = /\s\d{1,4}\s*$/.exec(b.text().slice(r.start, r.end));
              if (pg) tocPages.push([r.end - pg[0].length, r.end]);
            }
          }
          break;
        }
        case 'w:tbl': {
          const rows = tables.pop() ?? [];
          const laid = layoutTable(rows, gridCols.pop() ?? 0);
          if (tables.length) cell()?.paras.push(laid.map((r) => r.map((c) => c.text).join(' ')).join(' '));
          else b.table(laid);
          break;
        }
      }
      continue;
    }
    switch (name) {
      case 'w:p':
        if (!selfClose) paras.push({ text: '' });
        else if (!tables.length && !paras.length) b.line('');
        break;
      case 'w:pPr':
        inPPr = !selfClose;
        break;
      case 'w:pStyle':
        if (inPPr && paras.length) paras[paras.length - 1].style = val(attrs);
        break;
      case 'w:outlineLvl':
        if (inPPr && paras.length) paras[paras.length - 1].outline = Number(val(attrs));
        break;
      case 'w:r':
        inRun = !selfClose;
        hidden = false;
        break;
      case 'w:rPr':
        inRPr = inRun && !selfClose;
        break;
      case 'w:vanish':
        if (inRPr && !/w:val="(0|false)"/.test(attrs)) hidden = true;
        break;
      case 'w:t':
        inText = !selfClose;
        break;
      case 'w:tab':
      case 'w:br':
      case 'w:cr':
        if (inRun) append(' ');
        break;
      case 'w:noBreakHyphen':
        if (inRun) append('-');
        break;
      case 'w:fldChar': {
        const t = val(attrs, 'w:fldCharType');
        if (t === 'begin') fields.push('instr');
        else if (t === 'separate' && fields.length) fields[fields.length - 1] = 'result';
        else if (t === 'end') fields.pop();
        break;
      }
      case 'w:tbl':
        if (selfClose) break;
        tables.push([]);
        gridCols.push(0);
        break;
      case 'w:gridCol':
        if (gridCols.length) gridCols[gridCols.length - 1]++;
        break;
      case 'w:tr':
        tables[tables.length - 1]?.push({ cells: [], gridBefore: 0 });
        break;
      case 'w:gridBefore': {
        const t = tables[tables.length - 1];
        const r = t?.[t.length - 1];
        if (r) r.gridBefore = Number(val(attrs) ?? 0) || 0;
        break;
      }
      case 'w:tc': {
        const t = tables[tables.length - 1];
        t?.[t.length - 1]?.cells.push({ paras: [], gridSpan: 1, vMerge: null, hMerge: null });
        break;
      }
      case 'w:gridSpan': {
        const c = cell();
        if (c) c.gridSpan = Math.max(1, Number(val(attrs) ?? 1) || 1);
        break;
      }
      case 'w:vMerge':
      case 'w:hMerge': {
        const c = cell();
        const v = val(attrs) === 'restart' ? 'restart' : 'continue';
        if (c && name === 'w:vMerge') c.vMerge = v;
        else if (c) c.hMerge = v;
        break;
      }
    }
  }
  const text = b.text();
  if (isBlankText(text)) throw emptyError(file);
  if (tocLines) notes.push(`含 Word 自动目录 ${tocLines} 行`);
  return finishDoc(file, 'docx', text, b.tables, notes, { headings: b.headings }, tocPages);
}
