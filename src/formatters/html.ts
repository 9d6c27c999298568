/**
 * html: one self-contained page (no external assets, no script; the severity filter at the top is
 * CSS). A summary with the counts, then per file
 * the findings list and the document text with every finding's span highlighted — <mark class="sev-…">
 * with the message as a title tooltip; each list entry links to an anchor at its span. PDFs show page breaks
 * and each line's page and box. Everything from a document is HTML-escaped. The summary is written last
 * (so the page streams per file) and shown first with CSS `order`.
 */
import type { Finding, Severity } from '../rules/types.js';
import type { ReportDoc } from '../engine/types.js';
import { makeFormatter, type FormatContext, type FormatResult, type FormatStream } from './types.js';
import {
  addTotals,
  countsPhrase,
  displayPath,
  emptyTotals,
  escapeHtml as esc,
  generatedTextName,
  lineBounds,
  lineIndexOf,
  pagePrefix,
  publicBasis,
  SEVERITY_LABEL,
  sortedFindings,
  spanOf,
  type Totals,
} from './util.js';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
/** A finding spanning more lines than this is highlighted on its first lines only. */
const MAX_MARKED_LINES = 200;

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1f2328;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.75;font-size:15px}
main{display:flex;flex-direction:column;gap:24px;max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 8px}h2{font-size:18px;margin:0 0 12px;word-break:break-all}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px 20px}
.summary{order:-1}
.totals{font-size:17px}.totals b{font-variant-numeric:tabular-nums}
.files{margin:8px 0 0;padding-left:20px}
.badge{display:inline-block;min-width:3em;text-align:center;border-radius:4px;padding:0 6px;font-size:13px;color:#fff}
.badge.sev-error{background:#cf222e}.badge.sev-warning{background:#9a6700}.badge.sev-info{background:#0969da}
.findings{padding-left:0;list-style:none;margin:0 0 16px}
.findings li{border-left:4px solid #d0d7de;padding:6px 10px;margin:6px 0;background:#fafbfc}
.findings li.sev-error{border-color:#cf222e}.findings li.sev-warning{border-color:#bf8700}.findings li.sev-info{border-color:#0969da}
.findings li:target{background:#fff8c5}
.rule{color:#57606a;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
.values{margin:4px 0 0;display:grid;grid-template-columns:max-content 1fr;column-gap:8px}
.values dt{color:#57606a}.values dd{margin:0}
details{color:#57606a;font-size:13px}
.note{color:#57606a}
.read-error,.internal{color:#cf222e}
.doc{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;font-size:15px;line-height:1.9;border-top:1px solid #d0d7de;padding-top:8px;tab-size:4}
.ln{display:flex;gap:12px}.ln:target{background:#fff8c5}
.no{flex:none;width:4em;text-align:right;color:#8c959f;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;user-select:none}
.tx{white-space:pre-wrap;overflow-wrap:anywhere;line-break:strict;min-width:0}
.page{margin:12px 0 4px;color:#57606a;font-size:13px;border-bottom:1px dashed #d0d7de}
mark{border-radius:2px;color:inherit}
.filter{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid #d0d7de;padding:6px 24px;font-size:14px}
.filter label{margin-right:12px}
body:has(#show-error:not(:checked)) li.sev-error,body:has(#show-warning:not(:checked)) li.sev-warning,body:has(#show-info:not(:checked)) li.sev-info{display:none}
body:has(#show-error:not(:checked)) mark.sev-error,body:has(#show-warning:not(:checked)) mark.sev-warning,body:has(#show-info:not(:checked)) mark.sev-info{background:none;border:0}
mark.sev-error{background:#ffd8d3;border-bottom:2px solid #cf222e}
mark.sev-warning{background:#fff1c2;border-bottom:2px solid #bf8700}
mark.sev-info{background:#ddf4ff;border-bottom:2px solid #0969da}
.anchor:target+mark,.anchor:target{outline:2px solid #0969da}
`;

function head(): string {
  return (
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="juesuan">\n' +
    `<title>决算公开审核报告</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    // The filter works without script: unticking a box hides that severity (CSS :has).
    '<form class="filter" aria-label="筛选">显示：' +
    (['error', 'warning', 'info'] as const).map((s) => `<label><input type="checkbox" id="show-${s}" checked> ${SEVERITY_LABEL[s]}</label>`).join(' ') +
    '</form>\n<main>\n'
  );
}

function tooltip(f: Finding): string {
  return `${SEVERITY_LABEL[f.severity]}：${f.message}（${f.ruleId}）`;
}

/** The document text, one line per row, with the findings' spans marked. */
function docHtml(doc: ReportDoc, findings: Finding[], k: number): string {
  const byLine = new Map<number, { f: Finding; i: number; start: number; end: number; first: number }[]>();
  findings.forEach((f, i) => {
    const span = spanOf(doc, f.location);
    if (!span) return;
    const first = lineIndexOf(doc, span.start);
    const last = Math.min(lineIndexOf(doc, Math.max(span.start, span.end - 1)), first + MAX_MARKED_LINES - 1);
    for (let li = first; li <= last; li++) {
      const list = byLine.get(li) ?? [];
      list.push({ f, i, start: span.start, end: span.end, first });
      byLine.set(li, list);
    }
  });

  let out = '<div class="doc">\n';
  let page: number | undefined;
  for (let li = 0; li < doc.lineStarts.length; li++) {
    const { start: ls, end: le } = lineBounds(doc, li);
    const box = doc.lineBoxes?.[li] ?? null;
    if (box && box.page !== page) {
      page = box.page;
      out += `<div class="page" id="f${k}-p${page}">第 ${page} 页</div>\n`;
    }
    const title = box
      ? ` title="第${box.page}页 x=${box.x.toFixed(1)} y=${box.y.toFixed(1)} w=${box.w.toFixed(1)} h=${box.h.toFixed(1)}" data-page="${box.page}"`
      : '';
    out += `<div class="ln" id="f${k}-L${li + 1}"${title}><span class="no">${li + 1}</span><span class="tx">`;
    const marks = byLine.get(li);
    if (!marks) out += esc(doc.text.slice(ls, le));
    else {
      const cuts = new Set<number>([ls, le]);
      for (const m of marks) {
        if (m.start > ls && m.start < le) cuts.add(m.start);
        if (m.end > ls && m.end < le) cuts.add(m.end);
      }
      const points = [...cuts].sort((a, b) => a - b);
      // Anchors at each finding's first character; a span starting at the line break gets one at the line end.
      const anchors = (test: (start: number) => boolean): string =>
        marks
          .filter((m) => m.first === li && test(m.start))
          .map((m) => `<span class="anchor" id="f${k}-x${m.i}"></span>`)
          .join('');
      for (let p = 0; p < points.length - 1; p++) {
        const a = points[p];
        const b = points[p + 1];
        out += anchors((s) => s === a);
        const active = marks.filter((m) => m.start <= a && m.end >= b && m.end > m.start);
        const text = esc(doc.text.slice(a, b));
        if (active.length === 0) out += text;
        else {
          const top = active.reduce((x, y) => (RANK[y.f.severity] > RANK[x.f.severity] ? y : x));
          const tip = active.map((m) => tooltip(m.f)).join('\n');
          out += `<mark class="sev-${top.f.severity}" title="${esc(tip)}">${text}</mark>`;
        }
      }
      out += anchors((s) => s >= le);
    }
    out += '</span></div>\n';
  }
  return out + '</div>\n';
}

function findingItem(f: Finding, i: number, k: number, hasSpan: boolean, ctx: FormatContext): string {
  const loc = `${pagePrefix(f.location)}第${f.location.line}行第${f.location.column}列`;
  const where = hasSpan ? `<a href="#f${k}-x${i}">${esc(loc)}</a>` : esc(loc);
  let out = `<li class="sev-${f.severity}" id="f${k}-i${i}"><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span> ${where} ${esc(f.message)} <span class="rule">${esc(f.ruleId)}</span>`;
  const rows: [string, string | undefined][] = [
    ['预期', f.expected],
    ['实际', f.actual],
    ['差额', f.difference],
  ];
  const present = rows.filter((r) => r[1] !== undefined);
  if (present.length > 0) out += `<dl class="values">${present.map(([k2, v]) => `<dt>${k2}</dt><dd>${esc(v!)}</dd>`).join('')}</dl>`;
  if (f.related && f.related.length > 0) {
    const rel = f.related
      .map((r) => `<a href="#f${k}-L${r.location.line}">${esc(r.label)}（${esc(pagePrefix(r.location))}第${r.location.line}行）</a>`)
      .join('；');
    out += `<div>相关：${rel}</div>`;
  }
  const meta = ctx.rulesMeta[f.ruleId];
  if (meta) out += `<details><summary>规则说明</summary>${esc(meta.description)}<br>${basisLine(meta.basis)}</details>`;
  return out + '</li>\n';
}

function basisLine(basis: string): string {
  const b = publicBasis(basis);
  return b ? `<br>依据：${esc(b)}` : '';
}

function fileCounts(r: FormatResult): Totals {
  const t = emptyTotals();
  addTotals(t, r);
  return t;
}

function stream(ctx: FormatContext): FormatStream {
  const totals = emptyTotals();
  const rows: string[] = [];
  let k = 0;
  return {
    head,
    file(r) {
      const id = k++;
      addTotals(totals, r);
      const t = fileCounts(r);
      const name = esc(displayPath(r.file, ctx.cwd));
      const status = r.readError ? '无法读取' : countsPhrase(t);
      rows.push(`<li><a href="#f${id}">${name}</a>：${status}</li>`);
      let out = `<section class="file" id="f${id}">\n<h2>${name}</h2>\n<p>${status}</p>\n`;
      if (generatedTextName(r)) out += '<p class="note">这是模型文件：审核的是由模型生成的文本，下方即该文本，行列号也指该文本。</p>\n';
      if (r.readError) out += `<p class="read-error">无法读取：${esc(r.readError.message)}（${esc(r.readError.code)}）</p>\n`;
      for (const e of r.internalErrors) out += `<p class="internal">规则 ${esc(e.ruleId)} 运行失败：${esc(e.message)}</p>\n`;
      const findings = sortedFindings(r.findings);
      if (findings.length > 0) {
        out += '<ol class="findings">\n';
        findings.forEach((f, i) => (out += findingItem(f, i, id, spanOf(r.doc, f.location) !== null, ctx)));
        out += '</ol>\n';
      }
      if (r.doc) out += docHtml(r.doc, findings, id);
      return out + '</section>\n';
    },
    tail(summary) {
      let extra = totals.readFailures > 0 ? `，${totals.readFailures} 个文件无法读取` : '';
      if (summary?.skipped) extra += `，${summary.skipped} 个跳过（非文档类型或被忽略）`;
      if (summary?.suppressed) extra += `，${summary.suppressed} 条问题已在基线中接受`;
      const internal = totals.internalErrors > 0 ? `，${totals.internalErrors} 个规则内部错误` : '';
      return (
        `<section class="summary">\n<h1>决算公开审核报告</h1>\n` +
        `<p class="totals">共 <b>${totals.files}</b> 个文件：<b>${totals.error}</b> 个错误，<b>${totals.warning}</b> 个警告，<b>${totals.info}</b> 条提示${extra}${internal}</p>\n` +
        (rows.length > 0 ? `<ul class="files">\n${rows.join('\n')}\n</ul>\n` : '') +
        '</section>\n</main>\n</body>\n</html>\n'
      );
    },
  };
}

export const html = makeFormatter(stream);
