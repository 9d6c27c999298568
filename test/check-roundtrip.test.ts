/**
 * Round trip: what the generator renders (md, html, docx) checks clean with the same calculus, and
 * figures mutated in the rendered documents are caught.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { checkBytes } from '../src/engine/check.js';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown, renderHtml, renderDocx } from '../src/render/index.js';

let model: Disclosure;
let md: string;
let html: string;
let docx: Uint8Array;

beforeAll(async () => {
  const v = validateDisclosure(JSON.parse(readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8')));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  model = v.model;
  const doc = generate(model);
  md = renderMarkdown(doc);
  html = renderHtml(doc);
  docx = await renderDocx(doc);
});

const enc = (s: string) => new TextEncoder().encode(s);
const errorsOf = async (bytes: Uint8Array, file: string) => (await checkBytes(bytes, file)).findings.filter((f) => f.severity === 'error');

async function mutateDocx(from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  if (!xml.includes(from)) throw new Error(`docx does not contain ${from} in one run`);
  zip.file('word/document.xml', xml.replace(from, to));
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
}

describe('rendered documents check clean', () => {
  for (const fmt of ['md', 'html', 'docx'] as const) {
    it(`should give no error and no warning but the seed's 7*24 on ${fmt}`, async () => {
      const bytes = fmt === 'md' ? enc(md) : fmt === 'html' ? enc(html) : docx;
      const r = await checkBytes(bytes, `seed.${fmt}`);
      expect(r.internalErrors).toEqual([]);
      expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
      const warnings = r.findings.filter((f) => f.severity === 'warning');
      expect(warnings.every((w) => w.ruleId === 'perf/value-format'), warnings.map((w) => w.message).join('\n')).toBe(true);
      expect(r.findings.filter((f) => f.ruleId === 'claim/change-pct').length).toBe(0);
    });
  }
});

/** Each mutation: a figure as rendered, what it is changed to, and the rule that must catch it. */
const MUTATIONS: { what: string; from: string; to: string; rule: string }[] = [
  { what: 'percentage of a change', from: '减少332.06万元、下降14.8%', to: '减少332.06万元、下降16.8%', rule: 'claim/change-pct' },
  { what: 'change amount', from: '减少151.81万元，下降7.4%', to: '减少161.81万元，下降7.4%', rule: 'claim/change-pct' },
  { what: 'share', from: '基本支出1,627.53万元，占84.8%', to: '基本支出1,627.53万元，占86.8%', rule: 'claim/share' },
  { what: 'direction word', from: '减少332.06万元、下降14.8%', to: '增加332.06万元、下降14.8%', rule: 'claim/direction' },
  { what: 'amount stated twice', from: '收入总计1,918.25万元', to: '收入总计1,928.25万元', rule: 'claim/restated' },
  { what: 'part of a total', from: '公务接待费1.91万元，主要用于', to: '公务接待费2.91万元，主要用于', rule: 'total/parts' },
  { what: 'count', from: '保有量为6辆', to: '保有量为7辆', rule: 'quantity/per-unit' },
  { what: 'base given explicitly', from: '收支较上年决算数2,250.31万元', to: '收支较上年决算数2,350.31万元', rule: 'claim/change-amount' },
  { what: 'zero-base wording', from: '本年收入84.58万元，较上年决算数增加84.58万元，增长100%', to: '本年收入84.58万元，较上年决算数增加84.58万元，增长50%', rule: 'claim/zero-base' },
];

describe('mutated figures are caught', () => {
  for (const m of MUTATIONS) {
    it(`should catch a changed ${m.what} in md and html`, async () => {
      expect(md.includes(m.from), `rendered md lacks "${m.from}"`).toBe(true);
      for (const [text, file] of [[md, 'm.md'], [html, 'm.html']] as const) {
        const errs = await errorsOf(enc(text.replace(m.from, m.to)), file);
        expect(errs.map((e) => e.ruleId), file).toContain(m.rule);
      }
    });
  }
  it('should catch mutations inside the DOCX', async () => {
    for (const m of MUTATIONS.slice(0, 3)) {
      const errs = await errorsOf(await mutateDocx(m.from, m.to), 'm.docx');
      expect(errs.map((e) => e.ruleId)).toContain(m.rule);
    }
  });
});
