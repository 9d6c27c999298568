/**
 * The seed disclosure checks with no error; the rounding differences are info, "7*24%" a warning, and
 * every other check that applies to it is shown to hold (the claims it rests on were extracted).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { checkBytes } from '../src/engine/check.js';
import { readDocument } from '../src/readers/index.js';
import { buildInput } from '../src/engine/input.js';

const SEED = path.resolve(process.cwd(), '../shared/corpus/seed/cq-beibei-zfb-2020.txt');

describe('the seed (重庆北碚区政府办公室 2020)', () => {
  it('should find the shared corpus', () => {
    expect(existsSync(SEED), `missing ${SEED}: the tests need ../shared/corpus`).toBe(true);
  });

  it('should give no error, the known rounding notes as info and 7*24% as a warning', async () => {
    const r = await checkBytes(new Uint8Array(readFileSync(SEED)), 'seed.txt');
    expect(r.internalErrors).toEqual([]);
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message)).toEqual([]);
    const warnings = r.findings.filter((f) => f.severity === 'warning');
    expect(warnings.map((f) => f.ruleId)).toEqual(['perf/value-format']);
    expect(warnings[0].actual).toBe('7*24%');
    const infos = r.findings.filter((f) => f.severity === 'info').map((f) => `${f.ruleId} ${f.actual ?? ''}`);
    // The differences corpus/README.md lists for the seed, each explained by rounding or noted:
    expect(infos).toContain('total/parts 1,911.05'); // 收入合计 1,911.05 vs 1,826.48 + 84.58
    expect(infos).toContain('total/parts 1,918.25'); // 基本 + 项目 = 1,918.26
    expect(infos).toContain('total/parts 1,833.68'); // four 类 = 1,833.69
    expect(infos).toContain('quantity/per-unit 146.89'); // 1.91万元 / 130人 = 146.92元
    expect(infos).toContain('doc/pct-precision '); // "下降25%" without the decimal used elsewhere
    expect(infos.some((i) => i.startsWith('quantity/sangong-quantities'))).toBe(true); // 0个团组，1人
  });

  it('should have extracted the claims the checks rest on', async () => {
    const doc = await readDocument(new Uint8Array(readFileSync(SEED)), 'seed.txt');
    const input = buildInput(doc);
    const withChange = input.claims.filter((c) => c.delta && c.pct);
    // every "较…增加/减少X万元，增长/下降Y%" statement in the seed (counted by hand: 29)
    expect(withChange.length).toBe(29);
    const shares = input.claims.filter((c) => c.share);
    expect(shares.length).toBe(9); // 财政拨款收入, 基本, 项目, four 类, 中小企业, 小微企业
    const concepts = new Set(input.claims.map((c) => c.concept));
    for (const c of ['收入总计', '本年收入合计', '一般公共预算财政拨款支出:201', '一般公共预算财政拨款支出:221', '人员经费', '三公经费', '公务接待费', '机关运行经费', '会议费', '培训费', '政府采购支出总额', '量:车辆保有量', '量:国内接待人数']) {
      expect(concepts.has(c), c).toBe(true);
    }
    expect(input.selfEvaluations.length).toBe(2);
  });
});
