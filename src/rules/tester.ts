/**
 * A strict rule tester (after ESLint's RuleTester): valid cases must report nothing at error/warning
 * level, invalid cases must report exactly the listed messageIds (and severities when given).
 * It fails on duplicate cases, invalid cases with no expected finding, unknown messageIds, unfilled
 * {placeholders}, missing meta, and rules that mutate their input (the input is deep-frozen).
 */
import { describe, it, expect } from 'vitest';
import type { Rule } from './define.js';
import type { CheckInput } from '../engine/types.js';
import type { Severity, Finding } from './types.js';
import { runRules } from '../engine/run.js';

interface ValidCase {
  name?: string;
  input: Partial<CheckInput>;
  /** Allow info-level findings in a valid case (rounding notes). Default true. */
  allowInfo?: boolean;
}

interface InvalidCase {
  name?: string;
  input: Partial<CheckInput>;
  errors: { messageId: string; severity?: Severity; expected?: string; actual?: string }[];
}

function deepFreeze<T>(o: T): T {
  // Typed arrays (a reading view's offset map) cannot be frozen; rules only read them.
  if (o && typeof o === 'object' && !ArrayBuffer.isView(o) && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
  }
  return o;
}

function completeInput(p: Partial<CheckInput>): CheckInput {
  return {
    file: 'test.txt',
    doc: null,
    claims: [],
    sections: [],
    selfEvaluations: [],
    tables: [],
    year: null,
    style: 'unknown',
    bodyName: null,
    ...p,
  };
}

export function runOne(rule: Rule, input: Partial<CheckInput>): { findings: Finding[]; internal: string[] } {
  const full = deepFreeze(completeInput(input));
  const r = runRules(full, [rule]);
  return { findings: r.findings, internal: r.internalErrors.map((e) => e.message) };
}

export function runRuleTests(rule: Rule, tests: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    it('should have complete meta', () => {
      const m = rule.meta;
      expect(m.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(m.description.length).toBeGreaterThan(4);
      expect(m.basis.length).toBeGreaterThan(4);
      expect(Object.keys(m.messages).length).toBeGreaterThan(0);
      expect(['error', 'warning', 'info']).toContain(m.defaultSeverity);
      expect(tests.invalid.length).toBeGreaterThan(0);
      expect(tests.valid.length).toBeGreaterThan(0);
    });
    const seen = new Set<string>();
    const key = (c: { name?: string; input: Partial<CheckInput> }) => c.name ?? c.input.doc?.text ?? JSON.stringify(c.input);
    for (const c of [...tests.valid, ...tests.invalid]) {
      const k = key(c);
      if (seen.has(k)) throw new Error(`rule ${rule.meta.id}: duplicate test case ${k}`);
      seen.add(k);
    }
    tests.valid.forEach((c, i) => {
      it(`valid #${i + 1}${c.name ? ` (${c.name})` : ''}`, () => {
        const { findings, internal } = runOne(rule, c.input);
        expect(internal).toEqual([]);
        const bad = findings.filter((f) => f.severity !== 'info' || c.allowInfo === false);
        expect(bad.map((f) => `${f.severity} ${f.messageId}: ${f.message}`)).toEqual([]);
      });
    });
    tests.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? ` (${c.name})` : ''}`, () => {
        expect(c.errors.length).toBeGreaterThan(0);
        for (const e of c.errors) expect(Object.keys(rule.meta.messages)).toContain(e.messageId);
        const { findings, internal } = runOne(rule, c.input);
        expect(internal).toEqual([]);
        for (const f of findings) expect(f.message).not.toMatch(/\{\w+\}/);
        expect(findings.map((f) => f.messageId)).toEqual(c.errors.map((e) => e.messageId));
        c.errors.forEach((e, j) => {
          if (e.severity) expect(findings[j].severity).toBe(e.severity);
          if (e.expected !== undefined) expect(findings[j].expected).toBe(e.expected);
          if (e.actual !== undefined) expect(findings[j].actual).toBe(e.actual);
        });
      });
    });
  });
}
