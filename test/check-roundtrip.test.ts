/**
 * Round trip: what the generator renders (md, html, docx) checks clean with the same calculus, and
 * figures mutated in the rendered documents are caught.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkBytes } from '../src/engine/check.js';
import { validateDisclosure, type Disclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown, renderHtml, renderDocx } from '../src/render/index.js';
import { MUTATIONS, mutateDocx } from './mutations.js';

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
      const errs = await errorsOf(await mutateDocx(docx, m.from, m.to), 'm.docx');
      expect(errs.map((e) => e.ruleId)).toContain(m.rule);
    }
  });
});
