/**
 * Unit tests of the 重庆 handlers on variants of the seed example: 持平, zero base (both policies),
 * falling to zero, increases where the seed has decreases, missing reasons and purposes, percentage
 * precision, empty tables, computed 自评 scores, and a property test that every generated change
 * sentence passes the auditor's own checks (calc/compare).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateDisclosure, type Disclosure, type DisclosureInput } from '../src/model/schema.js';
import { generate, UnsupportedTemplateError } from '../src/generate/index.js';
import type { DocNode, GeneratedDoc } from '../src/generate/ast.js';
import { D, plain } from '../src/calc/money.js';
import { checkChangePct, checkDelta, DIRECTION_WORDS, printed } from '../src/calc/compare.js';

const EXAMPLE = path.resolve(process.cwd(), 'examples/cq-beibei-zfb-2020.json');
const base: DisclosureInput = JSON.parse(readFileSync(EXAMPLE, 'utf8'));

type Table = Extract<DocNode, { type: 'table' }>;

/** The example as loose JSON: the edits poke at it freely, then the schema validates the result. */
type Loose = any;

function model(edit: (m: Loose) => void = () => {}): Disclosure {
  const m: Loose = structuredClone(base);
  edit(m);
  // The edits poke single figures (a 收入合计 of 0.00, an emptied T8) without moving the figures that depend on
  // them: lenient derivation fills the example's derived totals and keeps the poked figures as stated.
  const r = validateDisclosure(m, { derive: 'lenient' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
}

function text(doc: GeneratedDoc): string {
  return doc.nodes.map((n) => (n.type === 'table' || n.type === 'pageBreak' ? '' : n.text)).join('\n');
}

/** The paragraph that contains `marker`. */
function para(doc: GeneratedDoc, marker: string): string {
  const hits = doc.nodes.filter((n): n is Extract<DocNode, { type: 'paragraph' }> => n.type === 'paragraph' && n.text.includes(marker));
  if (hits.length === 0) throw new Error(`no paragraph with ${marker}`);
  return hits[0].text;
}

function tables(doc: GeneratedDoc): Table[] {
  return doc.nodes.filter((n): n is Table => n.type === 'table');
}

describe('change wording', () => {
  it('should write 持平 and no reason when the value equals its base', () => {
    const doc = generate(model((m) => { m.comparatives['人员经费'].prior = '1171.00'; }));
    const t = para(doc, '人员经费1,171.00万元');
    expect(t).toContain('人员经费1,171.00万元，与上年决算数持平。');
    expect(t).not.toContain('增人增资和目标绩效提标');
  });

  it('should write 持平 for the 收支总计 and the 财政拨款 totals', () => {
    const doc = generate(model((m) => {
      m.comparatives['收支总计'].prior = '1918.25';
      m.comparatives['财政拨款收支总计'].prior = '1918.25';
    }));
    expect(para(doc, '1.总体情况')).toContain('收支与上年决算数持平。');
    expect(para(doc, '财政拨款收、支总计')).toBe('2020年度财政拨款收、支总计1,918.25万元。与2019年相比，财政拨款收、支总计持平。');
  });

  it('should write 增长100% for a zero base under the hundred policy', () => {
    const doc = generate(model());
    expect(para(doc, '本年收入84.58万元')).toContain('本年收入84.58万元，较上年决算数增加84.58万元，增长100%，主要原因是');
  });

  it('should write 无可比性 for a zero base under the incomparable policy', () => {
    const doc = generate(model((m) => { m.style!.zeroBase = 'incomparable'; }));
    expect(para(doc, '本年收入84.58万元')).toContain('本年收入84.58万元，较上年决算数增加84.58万元，上年决算数为0，无可比性，主要原因是');
    expect(para(doc, '因公出国（境）费用8.55万元')).toContain('费用支出较年初预算数增加8.55万元，年初预算数为0，无可比性，主要原因是');
    expect(text(doc)).not.toMatch(/增长100%/);
  });

  it('should write 下降100% when the current value is zero', () => {
    const doc = generate(model((m) => { m.meetings.current = '0.00'; }));
    expect(para(doc, '本年度会议费支出')).toContain('本年度会议费支出0.00万元，较上年决算数减少11.16万元，下降100%，主要原因是');
  });

  it('should turn the words around for an increase', () => {
    const doc = generate(model((m) => { m.training.prior = '5.00'; m.comparatives['一般公共预算财政拨款支出:210'].budget = '60.00'; }));
    expect(para(doc, '本年度培训费支出')).toContain('培训费支出9.76万元，较上年决算数增加4.76万元，增长95.2%');
    expect(para(doc, '卫生健康支出')).toContain('卫生健康支出65.37万元，占3.6%，较年初预算数增加5.37万元，增长9.0%');
  });

  it('should follow style.pctDp for changes and shares', () => {
    const doc = generate(model((m) => { m.style!.pctDp = 2; }));
    expect(para(doc, '1.总体情况')).toContain('减少332.06万元、下降14.76%');
    expect(para(doc, '3.支出情况')).toContain('基本支出1,627.53万元，占84.84%；项目支出290.73万元，占15.16%');
    // An exact whole stays "占100%" at any precision.
    expect(para(doc, '2.收入情况')).toContain('财政拨款收入1,911.05万元，占100%。');
  });

  it('should leave a change out when the model states no base', () => {
    const doc = generate(model((m) => { delete m.comparatives['本年支出合计']; }));
    expect(para(doc, '3.支出情况')).toContain('2020年度支出合计1,918.25万元。其中：基本支出');
  });
});

describe('missing texts', () => {
  it('should end sentences cleanly when reasons and purposes are missing', () => {
    const doc = generate(model((m) => {
      for (const c of Object.values(m.comparatives as Record<string, Record<string, unknown>>)) {
        delete c.priorReason; delete c.budgetReason; delete c.purpose;
      }
      for (const k of ['total', 'abroad', 'vehiclePurchase', 'vehicleOperation', 'reception']) {
        delete m.sanGong[k].priorReason; delete m.sanGong[k].budgetReason; delete m.sanGong[k].purpose;
      }
      for (const k of ['operatingCosts', 'meetings', 'training']) { delete m[k].reason; delete m[k].purpose; }
      delete m.procurement.purpose;
      delete m.performance.conclusion;
    }));
    const all = text(doc);
    // (the fixed lead-in "…主要用于以下几个方面：" of 比较情况 is not a person's text)
    expect(all).not.toMatch(/主要原因|主要(?:是)?用于(?!以下几个方面)|用途主要包括/);
    expect(all).not.toMatch(/[，、：]。|。。|是。|，，/);
    expect(para(doc, '2.收入情况')).toBe('2.收入情况。2020年度收入合计1,911.05万元，较上年决算数减少151.81万元，下降7.4%。其中：财政拨款收入1,911.05万元，占100%。');
    expect(para(doc, '公务接待费1.91万元')).toBe('公务接待费1.91万元。费用支出较年初预算数减少22.79万元，下降92.3%。较上年支出数减少16.31万元，下降89.5%。');
    expect(para(doc, '涉及资金')).toMatch(/涉及资金283\.53万元。$/);
  });

  it('should keep a reason that is written with a trailing full stop single-stopped', () => {
    const doc = generate(model((m) => { m.meetings.reason = '厉行勤俭节约。'; }));
    expect(para(doc, '本年度会议费支出')).toContain('主要原因是厉行勤俭节约。本年度培训费');
  });
});

describe('三公', () => {
  it('should state an item that was not spent, with its fall against 上年', () => {
    const doc = generate(model((m) => {
      m.sanGong.abroad.actual = '0.00';
      m.sanGong.total.actual = '34.67';
    }));
    const t = para(doc, '因公出国（境）费用支出');
    expect(t).toBe('本部门2020年度未发生因公出国（境）费用支出。较上年支出数减少16.52万元，下降100%，主要原因是减少了两次临时因公出国（境）任务。');
  });

  it('should compute per-capita and per-vehicle figures from the model', () => {
    const doc = generate(model((m) => { m.sanGong.quantities.receptionPeople = 100; m.sanGong.quantities.vehiclesHeld = 4; }));
    expect(para(doc, '人均接待费')).toContain('人均接待费191.00元，车均购置费0.00万元，车均维护费8.19万元');
  });
});

describe('empty tables', () => {
  it('should render an empty table with its header and note', () => {
    const doc = generate(model());
    const t9 = tables(doc).find((t) => /国有资本经营预算财政拨款支出决算表/.test(t.caption ?? ''))!;
    expect(t9.body).toEqual([]);
    expect(t9.header.flat().map((c) => c.text)).toEqual(['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
    expect(t9.note).toBe('本部门2020年度无国有资本经营预算财政拨款支出，故本表为空表。');
    expect(para(doc, '国有资本经营')).toBe('本部门2020年度无国有资本经营预算财政拨款支出。');
  });

  it('should use the standard note when the model gives none, and say so in the text', () => {
    const doc = generate(model((m) => {
      const t8 = m.tables.find((t: { kind: string }) => t.kind === 't8');
      t8.rows = []; t8.empty = true;
      delete m.comparatives['政府性基金预算财政拨款收入'];
      delete m.comparatives['政府性基金预算财政拨款支出'];
    }));
    const t8 = tables(doc).find((t) => /政府性基金预算财政拨款收入支出决算表/.test(t.caption ?? ''))!;
    expect(t8.note).toBe('本部门本年度无政府性基金预算财政拨款收入和支出，故本表为空表。');
    expect(para(doc, '政府性基金')).toBe('本部门2020年度无政府性基金预算财政拨款收支。');
  });

  it('should nest the 三公 table header as model/tables.ts labels it (预算数/决算数 › items › 小计)', () => {
    const t7 = tables(generate(model())).find((t) => /“三公”经费支出决算表/.test(t.caption ?? ''))!;
    expect(t7.header.length).toBe(3);
    expect(t7.header[0].map((c) => [c.text, c.colSpan ?? 1])).toEqual([['预算数', 6], ['决算数', 6]]);
    // model/tables.ts nests only 小计 under 公务用车购置及运行维护费; 购置费/运行维护费 are their own columns.
    expect(t7.header[1].map((c) => [c.text, c.rowSpan ?? 1])).toEqual([
      ['合计', 2], ['因公出国（境）费', 2], ['公务用车购置及运行维护费', 1], ['公务用车购置费', 2], ['公务用车运行维护费', 2], ['公务接待费', 2],
      ['合计', 2], ['因公出国（境）费', 2], ['公务用车购置及运行维护费', 1], ['公务用车购置费', 2], ['公务用车运行维护费', 2], ['公务接待费', 2],
    ]);
    expect(t7.header[2].map((c) => c.text)).toEqual(['小计', '小计']);
    expect(t7.body[0].map((c) => c.text)).toEqual(['57.60', '0.00', '32.90', '0.00', '32.90', '24.70', '43.22', '8.55', '32.76', '0.00', '32.76', '1.91']);
  });

  it('should pair the income and expense sides of table 1 with the totals at the bottom', () => {
    const t1 = tables(generate(model())).find((t) => /收入支出决算总表$/.test(t.caption ?? ''))!;
    const last = t1.body[t1.body.length - 1].map((c) => c.text);
    expect(last).toEqual(['收入总计', '1,918.25', '支出总计', '1,918.25']);
    const rowOf = (name: string) => t1.body.find((r) => r[0].text === name)!.map((c) => c.text);
    expect(rowOf('本年收入合计')).toEqual(['本年收入合计', '1,911.05', '本年支出合计', '1,918.25']);
  });
});

describe('自评表 scores', () => {
  it('should compute missing scores with calc/performance and keep stated ones', () => {
    const doc = generate(model((m) => {
      const e = m.performance.selfEvaluations[0];
      delete e.totalScore;
      Object.assign(e.indicators[0], { nature: '>=', actual: '90', completion: undefined, score: undefined });
    }));
    const t = tables(doc).find((x) => /绩效自评表/.test(x.caption ?? ''))!;
    const row = t.body.find((r) => r.some((c) => c.text === '计划工作完成率'))!.map((c) => c.text);
    expect(row).toEqual(['产出指标', '数量指标', '计划工作完成率', '%', '≥', '100', '30', '90', '90%', '27', '无']);
    expect(t.body[0].map((c) => c.text)).toEqual(['项目名称', '信息中心专项经费', '自评总分（分）', '97']);
    expect(t.body[t.body.length - 1].map((c) => c.text)).toEqual(['合计', '—', '—', '—', '—', '—', '—', '100', '—', '—', '97', '—']);
  });

  it('should print the 定性 nature when the model has no regional wording for it', () => {
    const doc = generate(model((m) => { m.style!.wording = {}; }));
    const t = tables(doc).find((x) => /绩效自评表/.test(x.caption ?? ''))!;
    expect(t.body.find((r) => r.some((c) => c.text === '有效提高'))!.map((c) => c.text)).toContain('定性');
  });
});

describe('template', () => {
  it('should refuse a template it cannot write', () => {
    // The schema only admits known templates; a model built in code can still name another.
    const m = model();
    expect(() => generate({ ...m, style: { ...m.style, template: 'beijing' as 'shanghai' } })).toThrow(UnsupportedTemplateError);
  });
});

describe('property: generated changes pass the auditor calculus', () => {
  // Edge values (zero, equal, one cent, rounding boundaries) mixed with random amounts.
  const amount = fc.oneof(
    fc.constantFrom('0.00', '0.01', '100.00', '1911.05', '2062.86', '0.05', '99999.99'),
    fc.integer({ min: 0, max: 9_999_999 }).map((n) => plain(new D(n).div(100))),
  );
  it('should word every 收入合计 change so that direction, amount and percentage check out', () => {
    fc.assert(
      fc.property(amount, amount, fc.constantFrom(0, 1, 2), (cur, prev, dp) => {
        const doc = generate(model((m) => {
          m.style!.pctDp = dp;
          m.tables.find((t: { kind: string }) => t.kind === 't1').rows.find((r: { key?: string }) => r.key === 'in.total').values.amount = cur;
          m.comparatives['本年收入合计'].prior = prev;
        }));
        const t = para(doc, '2.收入情况');
        const curD = new D(cur);
        const prevD = new D(prev);
        if (curD.eq(prevD)) {
          expect(t).toContain('与上年决算数持平');
          expect(t).not.toContain('主要原因');
          return;
        }
        const m = t.match(/较上年决算数(增加|减少)([\d,]+\.\d{2})万元，(增长|下降)(\d+(?:\.\d+)?)%/u);
        expect(m, t).not.toBeNull();
        const [, word, delta, rate, pct] = m!;
        const dir = curD.gt(prevD) ? 'up' : 'down';
        expect(DIRECTION_WORDS[word]).toBe(dir);
        expect(DIRECTION_WORDS[rate]).toBe(dir);
        const deltaD = new D(delta.replace(/,/g, ''));
        expect(checkDelta(printed(dir === 'up' ? deltaD : deltaD.neg()), printed(curD), printed(prevD)).verdict).toBe('exact');
        const pctDp = pct.includes('.') ? pct.split('.')[1].length : 0;
        const chk = checkChangePct(printed(new D(pct), pctDp), printed(deltaD), printed(prevD));
        if (prevD.isZero() || curD.isZero()) expect(pct).toBe('100');
        else {
          expect(pctDp).toBe(dp);
          expect(chk.verdict).toBe('exact');
        }
      }),
      { numRuns: 80 },
    );
  });
});
