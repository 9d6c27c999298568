/** Formatters on hand-made CheckResults: json shape, SARIF structure, stylish carets under CJK, html escaping. */
import { describe, expect, it } from 'vitest';
import { lineColumn, lineStarts, type Location } from '../src/core/span.js';
import type { CheckResult } from '../src/engine/types.js';
import { FORMATTERS, isFormatterName, type FormatResult } from '../src/formatters/index.js';
import { excerptLines } from '../src/formatters/stylish.js';
import type { SourceDoc } from '../src/readers/types.js';
import type { Finding, RuleMeta, Severity } from '../src/rules/types.js';

function makeDoc(text: string, extra: Partial<SourceDoc> = {}): SourceDoc {
  return { file: 'a.txt', format: 'text', text, norm: text, lineStarts: lineStarts(text), tables: [], notes: [], ...extra };
}

/** A location for the n-th occurrence (0-based) of needle in the doc. */
function at(doc: SourceDoc, needle: string, nth = 0, page?: number): Location {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = doc.text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`no ${needle}`);
  const s = lineColumn(doc.lineStarts, offset);
  const e = lineColumn(doc.lineStarts, offset + needle.length);
  const loc: Location = { file: doc.file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, offset, length: needle.length };
  if (page !== undefined) loc.page = page;
  return loc;
}

function finding(ruleId: string, severity: Severity, message: string, location: Location, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity, message, messageId: 'm', location, ...extra };
}

const META: Record<string, RuleMeta> = {
  'claim/change-pct': {
    id: 'claim/change-pct',
    type: 'consistency',
    defaultSeverity: 'error',
    description: '增减百分比应与两年数额一致',
    basis: '部门决算公开模板 说明部分第三条',
    messages: { m: '增长率应为{expected}' },
  },
  'wording/term': {
    id: 'wording/term',
    type: 'wording',
    defaultSeverity: 'warning',
    description: '用语规范',
    basis: '财政部公开指引',
    messages: { m: '用语' },
  },
};

const TEXT = '一、收入支出决算总体情况\n本年支出合计1,234.56万元，较上年增长12.5%。\n项目\t本年数\t上年数\n<script>alert("x")</script> & 其他\n';

function textResult(): CheckResult {
  const doc = makeDoc(TEXT, { file: 'docs/北碚.txt' });
  return {
    file: 'docs/北碚.txt',
    doc,
    internalErrors: [],
    findings: [
      finding('claim/change-pct', 'error', '增长率应为 12.3%，实为 12.5%', at(doc, '12.5%'), {
        expected: '12.3%',
        actual: '12.5%',
        difference: '0.2个百分点',
      }),
      finding('wording/term', 'warning', '<b>用语</b> 不规范', at(doc, 'script', 0)),
    ],
  };
}

function pdfResult(): CheckResult {
  const text = '第一页\n第二页 合计100.00\n';
  const doc = makeDoc(text, {
    file: 'b.pdf',
    format: 'pdf',
    pageCount: 2,
    lineBoxes: [
      { page: 1, x: 72, y: 90, w: 40, h: 12 },
      { page: 2, x: 72, y: 90, w: 120, h: 12 },
      null,
    ],
  });
  return {
    file: 'b.pdf',
    doc,
    internalErrors: [{ ruleId: 'table/row-total', message: 'boom' }],
    findings: [finding('claim/change-pct', 'info', '合计有舍入差', at(doc, '100.00', 0, 2))],
  };
}

const ctx = { rulesMeta: META };

describe('json formatter', () => {
  it('should produce exactly the documented shape', () => {
    const out = JSON.parse(FORMATTERS.json([textResult(), pdfResult()], ctx));
    expect(Object.keys(out)).toEqual(['version', 'results', 'summary']);
    expect(out.version).toBe(1);
    const sum = (k: 'error' | 'warning' | 'info') => out.results.reduce((n: number, r: { counts: Record<string, number> }) => n + r.counts[k], 0);
    const findings = out.results.flatMap((r: { findings: { severity: string }[] }) => r.findings);
    for (const k of ['error', 'warning', 'info'] as const) {
      expect(sum(k)).toBe(findings.filter((f: { severity: string }) => f.severity === k).length);
      expect(out.summary[k]).toBe(sum(k));
    }
    expect(out.summary).toMatchObject({ files: 2, unreadable: 0, internalErrors: 1, skipped: 0, accepted: 0 });
    expect(out.results.map((r: { file: string }) => r.file)).toEqual(['docs/北碚.txt', 'b.pdf']);
    const allowedResult = new Set(['file', 'findings', 'counts', 'internalErrors', 'error', 'kind']);
    const allowedFinding = new Set(['ruleId', 'severity', 'message', 'location', 'fingerprint', 'expected', 'actual', 'difference', 'messageId', 'related']);
    const allowedLoc = new Set(['line', 'column', 'page', 'endLine', 'endColumn', 'offset', 'length', 'box']);
    for (const r of out.results) {
      expect(Object.keys(r).slice(0, 2)).toEqual(['file', 'findings']);
      for (const k of Object.keys(r)) expect(allowedResult.has(k)).toBe(true);
      for (const f of r.findings) {
        for (const k of ['ruleId', 'severity', 'message', 'location']) expect(f).toHaveProperty(k);
        for (const k of Object.keys(f)) expect(allowedFinding.has(k)).toBe(true);
        for (const k of Object.keys(f.location)) expect(allowedLoc.has(k)).toBe(true);
        expect(['error', 'warning', 'info']).toContain(f.severity);
        expect(typeof f.location.line).toBe('number');
        expect(typeof f.location.column).toBe('number');
      }
    }
    const [a, b] = out.results;
    expect(a.findings[0]).toMatchObject({
      ruleId: 'claim/change-pct',
      severity: 'error',
      message: '增长率应为 12.3%，实为 12.5%',
      location: { line: 2, column: 23 },
      expected: '12.3%',
      actual: '12.5%',
    });
    expect(a.findings[0].location).not.toHaveProperty('page');
    expect(a.findings[1]).not.toHaveProperty('expected');
    expect(a.findings[1]).not.toHaveProperty('actual');
    expect(b.findings[0].location).toMatchObject({ line: 2, column: 7, page: 2 });
    expect(b.internalErrors).toEqual([{ ruleId: 'table/row-total', message: 'boom' }]);
  });

  it("should give a PDF finding its line's box (the web view marks it on the drawn page)", () => {
    const r = pdfResult();
    r.findings[0].location.box = r.doc!.lineBoxes![1]!;
    const out = JSON.parse(FORMATTERS.json([r], ctx));
    expect(out.results[0].findings[0].location.box).toEqual({ page: 2, x: 72, y: 90, w: 120, h: 12 });
  });

  it('should drop location.page for documents that are not PDFs', () => {
    const r = textResult();
    r.findings[0].location.page = 3;
    r.findings[0].location.box = { page: 3, x: 1, y: 2, w: 3, h: 4 };
    const out = JSON.parse(FORMATTERS.json([r], ctx));
    expect(out.results[0].findings[0].location).not.toHaveProperty('page');
    expect(out.results[0].findings[0].location).not.toHaveProperty('box');
  });

  it('should emit an empty results array and a read failure as an error field', () => {
    expect(JSON.parse(FORMATTERS.json([], ctx))).toMatchObject({ version: 1, results: [], summary: { files: 0 } });
    const failed: FormatResult = { file: 'x.docx', findings: [], doc: null, internalErrors: [], readError: { code: 'corrupt', message: '文件已损坏' } };
    const out = JSON.parse(FORMATTERS.json([failed], ctx));
    expect(out.results[0]).toEqual({ file: 'x.docx', findings: [], counts: { error: 0, warning: 0, info: 0 }, error: { code: 'corrupt', message: '文件已损坏' } });
  });
});

describe('sarif formatter', () => {
  it('should be structurally valid SARIF 2.1.0', () => {
    const log = JSON.parse(FORMATTERS.sarif([textResult(), pdfResult()], { ...ctx, toolVersion: '0.1.0' }));
    expect(log.version).toBe('2.1.0');
    expect(typeof log.$schema).toBe('string');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('juesuan');
    const rules = run.tool.driver.rules;
    expect(rules.slice(0, 2).map((r: { id: string }) => r.id)).toEqual(['claim/change-pct', 'wording/term']);
    expect(rules[0].fullDescription.text).toBe('增减百分比应与两年数额一致');
    expect(rules[0].help.text).toBe('部门决算公开模板 说明部分第三条');
    expect(rules[1].defaultConfiguration.level).toBe('warning');
    expect(Array.isArray(run.results)).toBe(true);
    expect(run.results).toHaveLength(3);
    for (const res of run.results) {
      expect(typeof res.message.text).toBe('string');
      expect(['error', 'warning', 'note', 'none']).toContain(res.level);
      expect(rules[res.ruleIndex].id).toBe(res.ruleId);
      const pl = res.locations[0].physicalLocation;
      expect(typeof pl.artifactLocation.uri).toBe('string');
      expect(pl.region.startLine).toBeGreaterThanOrEqual(1);
      expect(pl.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(pl.region.charLength).toBeGreaterThan(0);
    }
    const first = run.results[0];
    expect(first.level).toBe('error');
    expect(first.locations[0].physicalLocation.artifactLocation.uri).toBe(encodeURI('docs/北碚.txt'));
    expect(first.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 23, charOffset: TEXT.indexOf('12.5%'), charLength: 5 });
    expect(run.results[2].level).toBe('note');
    const inv = run.invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    const assoc = inv.toolExecutionNotifications[0].associatedRule;
    expect(assoc.id).toBe('table/row-total');
    expect(rules[assoc.index].id).toBe('table/row-total');
  });

  it('should always emit results, even with no findings', () => {
    const log = JSON.parse(FORMATTERS.sarif([{ file: 'c.txt', findings: [], doc: makeDoc('x'), internalErrors: [] }], ctx));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  });
});

describe('stylish formatter', () => {
  it('should put the carets under the span on a CJK line, counting ideographs as two columns', () => {
    const out = FORMATTERS.stylish([textResult()], ctx);
    const lines = out.split('\n');
    const src = lines.findIndex((l) => l.includes('2 | 本年支出合计'));
    expect(src).toBeGreaterThan(0);
    const source = lines[src];
    const carets = lines[src + 1];
    const bar = source.indexOf('| ') + 2;
    expect(carets.indexOf('| ') + 2).toBe(bar);
    // "本年支出合计" 12 + "1,234.56" 8 + "万元" 4 + "，" 2 + "较上年增长" 10 = 36 columns before "12.5%".
    expect(carets.slice(bar)).toBe(' '.repeat(36) + '^^^^^');
    expect(lines[src - 1]).toMatch(/^\s+2:23\s+错误\s+增长率应为 12\.3%，实为 12\.5%\s+claim\/change-pct$/);
    expect(out).toContain('预期：12.3%');
    expect(out).toContain('实际：12.5%');
    expect(out).toContain('差额：0.2个百分点');
    expect(out).toContain('1 个错误，1 个警告，0 条提示');
    expect(out).not.toContain('\u001b[');
  });

  it('should show tabs as cell separators and keep carets aligned under them', () => {
    const doc = makeDoc('项目\t本年数\t上年数\n');
    const ex = excerptLines(doc, { start: 3, end: 6 });
    expect(ex.source).toBe('项目 | 本年数 | 上年数');
    // "项目" 4 + " | " 3 = 7 columns before "本年数" (6 columns wide).
    expect(ex.carets).toBe(' '.repeat(7) + '^'.repeat(6));
  });

  it('should cut a long line to a window that still shows the span above the carets', () => {
    const text = '前'.repeat(300) + '差错' + '后'.repeat(300);
    const doc = makeDoc(text);
    const ex = excerptLines(doc, { start: 300, end: 302 });
    expect(ex.source.startsWith('...')).toBe(true);
    expect(ex.source.endsWith('...')).toBe(true);
    const col = ex.carets.indexOf('^');
    expect(ex.carets.slice(col)).toBe('^^^^');
    // Walk the source by display width up to the caret column: the next characters are the span.
    let w = 0;
    let i = 0;
    const chars = [...ex.source];
    while (w < col) w += /[\u4e00-\u9fff]/.test(chars[i++]) ? 2 : 1;
    expect(chars.slice(i, i + 2).join('')).toBe('差错');
  });

  it('should colour only when asked', () => {
    expect(FORMATTERS.stylish([textResult()], { ...ctx, color: true })).toContain('\u001b[');
  });

  it('should report clean batches and unreadable files in the summary', () => {
    const clean = FORMATTERS.stylish([{ file: 'c.txt', findings: [], doc: makeDoc('x'), internalErrors: [] }], ctx);
    expect(clean).toBe('✔ 0 个错误，0 个警告，0 条提示（共 1 个文件）\n');
    const failed: FormatResult = { file: 'x.docx', findings: [], doc: null, internalErrors: [], readError: { code: 'corrupt', message: '文件已损坏' } };
    const out = FORMATTERS.stylish([failed], ctx);
    expect(out).toContain('x.docx\n  无法读取  文件已损坏  corrupt');
    expect(out).toContain('1 个无法读取');
  });
});

describe('html formatter', () => {
  it('should escape the document text and messages and link each finding to its highlighted span', () => {
    const out = FORMATTERS.html([textResult()], ctx);
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<b>用语');
    expect(out).toContain('&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).toContain('&amp; 其他');
    // No external assets.
    expect(out).not.toMatch(/<link|src=|@import|url\(/);
    // List → anchor → mark around exactly the span.
    expect(out).toContain('href="#f0-x0"');
    expect(out).toMatch(/<span class="anchor" id="f0-x0"><\/span><mark class="sev-error" title="[^"]*12\.3%[^"]*">12\.5%<\/mark>/);
    expect(out).toMatch(/<span class="anchor" id="f0-x1"><\/span><mark class="sev-warning" title="[^"]*&lt;b&gt;[^"]*">script<\/mark>/);
    expect(out).toContain('<b>1</b> 个错误，<b>1</b> 个警告，<b>0</b> 条提示');
  });

  it('should show PDF pages and line boxes', () => {
    const out = FORMATTERS.html([pdfResult()], ctx);
    expect(out).toContain('第 1 页');
    expect(out).toContain('第 2 页');
    expect(out).toContain('title="第2页 x=72.0 y=90.0 w=120.0 h=12.0"');
    expect(out).toContain('第2页 第2行第7列');
    expect(out).toContain('规则 table/row-total 运行失败：boom');
  });

  it('should mark a span that crosses a line break on both lines', () => {
    const doc = makeDoc('甲乙\n丙丁\n');
    const r: CheckResult = { file: 'm.txt', doc, internalErrors: [], findings: [finding('wording/term', 'info', 'x', { file: 'm.txt', line: 1, column: 2, offset: 1, length: 3 })] };
    const out = FORMATTERS.html([r], ctx);
    expect(out).toMatch(/甲<span class="anchor" id="f0-x0"><\/span><mark class="sev-info"[^>]*>乙<\/mark>/);
    expect(out).toMatch(/<mark class="sev-info"[^>]*>丙<\/mark>丁/);
  });
});

describe('model files (checked through the text generated from the model)', () => {
  function modelResult(): CheckResult {
    const doc = makeDoc('# 部门决算\n收入合计1,911.05万元\n', { file: 'm.md', format: 'md' });
    return { file: 'm.json', doc, internalErrors: [], findings: [finding('claim/change-pct', 'info', '舍入', at(doc, '1,911.05'))] };
  }

  it('should say so and keep the positions of the generated text out of SARIF regions', () => {
    const json = JSON.parse(FORMATTERS.json([modelResult()], ctx));
    expect(json.results[0]).toMatchObject({ file: 'm.json', generatedText: true });
    expect(json.results[0].findings[0].location).toMatchObject({ line: 2, column: 5 });
    const run = JSON.parse(FORMATTERS.sarif([modelResult()], ctx)).runs[0];
    expect(run.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'm.json' } });
    expect(run.results[0].properties.generatedText).toMatchObject({ startLine: 2, startColumn: 5 });
    expect(FORMATTERS.stylish([modelResult()], ctx)).toContain('m.json（审核的是由模型生成的文本');
    // A document's own text is not "generated".
    expect(JSON.parse(FORMATTERS.json([textResult()], ctx)).results[0]).not.toHaveProperty('generatedText');
  });
});

describe('formatter map', () => {
  it('should list exactly the four built-in formatters', () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual(['html', 'json', 'sarif', 'stylish']);
    expect(isFormatterName('json')).toBe(true);
    expect(isFormatterName('toString')).toBe(false);
  });
});
