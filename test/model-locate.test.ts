/**
 * `check model.json`: every finding is located by JSON path in the model file (and line/column of that path).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkModelFile } from '../src/engine/check.js';
import { jsonValueOffsets } from '../src/model/locate.js';
import { EXAMPLE_PATH } from './leaves-fixture.js';

describe('check model.json locations', () => {
  it('should give every finding a JSON path and the line of that path in the file', async () => {
    const m = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8'));
    m.performance.selfEvaluations[0].indicators[0].weight = 35;
    const text = JSON.stringify(m, null, 2);
    const r = await checkModelFile(new TextEncoder().encode(text), 'bad.json');
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) expect(f.location.jsonPath, f.message).toBeTruthy();
    const w = r.findings.find((f) => f.ruleId === 'perf/weight-sum')!;
    expect(w.severity).toBe('error');
    expect(w.location.jsonPath).toBe('performance.selfEvaluations[0]');
    const lines = text.split('\n');
    expect(w.location.line).toBeGreaterThan(1);
    expect(lines[w.location.line - 1]).toMatch(/^\s*\{/);
    const drift = r.findings.find((f) => f.ruleId === 'table/identity' && f.message.startsWith('表5'))!;
    expect(drift.location.jsonPath).toMatch(/^tables\[4\]\.rows\[0\]\.values\.total$/);
    expect(lines[drift.location.line - 1]).toContain('"total": "1833.68"');
  });

  it('should map JSON paths to offsets', () => {
    const t = '{ "a": [1, {"b": "x"}], "c": null }';
    const o = jsonValueOffsets(t);
    expect(t.slice(o.get('a[1].b')!)).toMatch(/^"x"/);
    expect(t.slice(o.get('c')!)).toMatch(/^null/);
  });
});
