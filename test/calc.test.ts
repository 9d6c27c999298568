import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { D, parseAmount, fmt, plain, round, convert, printedPlaces } from '../src/calc/money.js';
import {
  change, changePctPhrase, amountWord, rateWord, share, completion,
  checkSum, checkRatio, checkChangePct, checkPerUnit, printed, checkIdentity, baseFromChange,
} from '../src/calc/compare.js';

const d = (s: string | number) => new D(s);

describe('money', () => {
  it('should parse what documents print', () => {
    expect(parseAmount('1,918.25')!.toFixed(2)).toBe('1918.25');
    expect(parseAmount('１，９１８．２５')!.toFixed(2)).toBe('1918.25');
    expect(parseAmount('—')!.isZero()).toBe(true);
    expect(parseAmount('-')!.isZero()).toBe(true);
    expect(parseAmount('')!.isZero()).toBe(true);
    expect(parseAmount(' 9.76万元')!.toFixed(2)).toBe('9.76');
    expect(parseAmount('(3.00)')!.toFixed(2)).toBe('-3.00');
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('7*24')).toBeNull();
  });
  it('should round half up, away from zero', () => {
    expect(round(d('2.345')).toFixed(2)).toBe('2.35');
    expect(round(d('-2.345')).toFixed(2)).toBe('-2.35');
    expect(round(d('1.005')).toFixed(2)).toBe('1.01');
    expect(round(d('2.344999')).toFixed(2)).toBe('2.34');
  });
  it('should format with thousands separators', () => {
    expect(fmt(d('1918.25'))).toBe('1,918.25');
    expect(fmt(d('-1234567.891'))).toBe('-1,234,567.89');
    expect(fmt(d('0'))).toBe('0.00');
    expect(plain(d('1918.254'))).toBe('1918.25');
  });
  it('should convert units exactly', () => {
    expect(convert(d('146.89'), '元', '万元').toString()).toBe('0.014689');
    expect(convert(d('1.91'), '万元', '元').toString()).toBe('19100');
  });
  it('should count printed places', () => {
    expect(printedPlaces('1,918.25')).toBe(2);
    expect(printedPlaces('25')).toBe(0);
    expect(printedPlaces('14.8%')).toBe(1);
  });
});

describe('change', () => {
  it('should word a decrease like the seed', () => {
    const c = change(d('1918.25'), d('2250.31'));
    expect(c.delta.toFixed(2)).toBe('-332.06');
    expect(amountWord(c.direction)).toBe('减少');
    expect(changePctPhrase(c)).toBe('下降14.8%');
  });
  it('should word an increase', () => {
    const c = change(d('1826.48'), d('1747.66'));
    expect(amountWord(c.direction)).toBe('增加');
    expect(rateWord(c.direction)).toBe('增长');
    expect(changePctPhrase(c)).toBe('增长4.5%');
  });
  it('should say 持平 when equal', () => {
    const c = change(d('5.00'), d('5'));
    expect(c.direction).toBe('flat');
    expect(amountWord(c.direction)).toBe('持平');
    expect(changePctPhrase(c)).toBe('持平');
  });
  it('should follow the zero-base policy', () => {
    expect(changePctPhrase(change(d('84.58'), d('0')))).toBe('增长100%');
    expect(changePctPhrase(change(d('8.55'), d('0')), 1)).toBe('增长100.0%');
    expect(changePctPhrase(change(d('84.58'), d('0'), { zeroBase: 'incomparable' }))).toBe('无可比性');
    expect(changePctPhrase(change(d('0'), d('7.20')))).toBe('下降100%');
  });
  it('should round the percentage half up at the chosen precision', () => {
    // 2.345% exactly → 2.35 at two places
    const c = change(d('102.345'), d('100'), { pctDp: 2, amountDp: 3 });
    expect(c.pct!.toFixed(2)).toBe('2.35');
    expect(changePctPhrase(change(d('43.22'), d('57.60'), { pctDp: 0 }))).toBe('下降25%');
  });
  it('should handle negative values', () => {
    const c = change(d('-5'), d('10'));
    expect(c.direction).toBe('down');
    expect(c.pct!.toFixed(1)).toBe('150.0');
  });
});

describe('shares and 完成率', () => {
  it('should compute shares with an explicit denominator', () => {
    expect(share(d('1627.53'), d('1918.25'))!.toFixed(1)).toBe('84.8');
    expect(share(d('1'), d('0'))).toBeNull();
  });
  it('should refuse a 完成率 against a zero budget', () => {
    expect(completion(d('307.82'), d('0'))).toBeNull();
    expect(completion(d('307.82'), d('321.02'), 2)!.toFixed(2)).toBe('95.89');
  });
});

describe('checking stated figures', () => {
  it('should call a sum off by rounding "rounding", not wrong', () => {
    const r = checkSum(printed(d('1918.25')), [printed(d('1627.53')), printed(d('290.73'))]);
    expect(r.verdict).toBe('rounding');
    expect(r.difference.toFixed(2)).toBe('-0.01');
    const four = checkSum(printed(d('1833.68')), ['1462.95', '240.92', '65.37', '64.45'].map((x) => printed(d(x))));
    expect(four.verdict).toBe('rounding');
  });
  it('should call a sum off by more than rounding wrong', () => {
    expect(checkSum(printed(d('1918.35')), [printed(d('1627.53')), printed(d('290.73'))]).verdict).toBe('wrong');
  });
  it('should accept "下降25%" at integer precision', () => {
    expect(checkChangePct(printed(d('25'), 0), printed(d('14.38')), printed(d('57.60'))).verdict).toBe('exact');
    expect(checkChangePct(printed(d('26'), 0), printed(d('14.38')), printed(d('57.60'))).verdict).toBe('wrong');
  });
  it('should explain a percentage by rounding of its inputs', () => {
    // 0.005/0.01 printed: true values 0.005..0.015 → 33%..300%
    expect(checkRatio(printed(d('60.0'), 1), printed(d('0.01')), printed(d('0.02'))).verdict).toBe('rounding');
  });
  it('should accept 100% for a zero base only when the value changed', () => {
    expect(checkChangePct(printed(d('100'), 0), printed(d('84.58')), printed(d('0'))).verdict).toBe('exact');
    expect(checkChangePct(printed(d('50'), 0), printed(d('84.58')), printed(d('0'))).verdict).toBe('wrong');
  });
  it('should check per-capita figures across units', () => {
    // 人均接待费 146.89元 from 1.91万元 / 130人: 146.92 exactly, 146.89 is explained by rounding of 1.91
    const r = checkPerUnit(printed(d('146.89')), printed(d('1.91')), 130, 10000);
    expect(r.verdict).toBe('rounding');
    expect(r.expected!.toFixed(2)).toBe('146.92');
    expect(checkPerUnit(printed(d('150.00')), printed(d('1.91')), 130, 10000).verdict).toBe('wrong');
    expect(checkPerUnit(printed(d('5.46')), printed(d('32.76')), 6).verdict).toBe('exact');
  });
});

describe('identities with terms on both sides, and bases implied by changes', () => {
  it('should check 年初 + 收入 = 支出 + 年末 with four half units of tolerance', () => {
    // 007: 568.27 + 205.51 = 773.78 vs 712.79 + 60.98 = 773.77 → rounding
    const r = checkIdentity([printed(d('568.27')), printed(d('205.51'))], [printed(d('712.79')), printed(d('60.98'))]);
    expect(r.verdict).toBe('rounding');
    expect(r.tolerance.toFixed(2)).toBe('0.02');
    expect(checkIdentity([printed(d('568.27')), printed(d('205.51'))], [printed(d('712.79')), printed(d('50.98'))]).verdict).toBe('wrong');
  });
  it('should imply the base of a stated change, with both uncertainties', () => {
    const down = baseFromChange(printed(d('1911.05')), printed(d('151.81')), 'down');
    expect(down.value.toFixed(2)).toBe('2062.86');
    expect(down.half!.toFixed(2)).toBe('0.01');
    expect(baseFromChange(printed(d('1826.48')), printed(d('78.82')), 'up').value.toFixed(2)).toBe('1747.66');
  });
});

describe('properties: computing then re-checking always agrees', () => {
  const cents = fc.bigInt({ min: 0n, max: 10_000_000_00n }).map((c) => new D(c.toString()).div(100));
  it('change pct recomputed from printed delta and base is exact or rounding', () => {
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 0, max: 2 }), (cur, base, dp) => {
        const c = change(cur, base, { pctDp: dp });
        if (c.direction === 'flat') return true;
        const deltaP = printed(c.delta.abs());
        if (c.zeroBase) return checkChangePct(printed(new D(100), 0), deltaP, printed(base)).verdict !== 'wrong';
        return checkChangePct(printed(c.pct!, dp), deltaP, printed(base)).verdict === 'exact';
      }),
      { numRuns: 500 },
    );
  });
  it('shares recomputed are exact; sums of rounded parts are exact or rounding', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 1_000_000_000n }), { minLength: 1, maxLength: 12 }), (raw) => {
        // true values with 4 places, printed with 2
        const trueVals = raw.map((r) => new D(r.toString()).div(10000));
        const total = trueVals.reduce((a, b) => a.add(b), new D(0));
        const parts = trueVals.map((v) => printed(round(v)));
        const r = checkSum(printed(round(total)), parts);
        if (r.verdict === 'wrong') return false;
        const s = share(round(trueVals[0]), round(total), 1);
        if (s === null) return true;
        return checkRatio(printed(s, 1), parts[0], printed(round(total))).verdict === 'exact';
      }),
      { numRuns: 500 },
    );
  });
});

describe('amounts in messages', () => {
  it('should group every amount with decimals by thousands, whether printed grouped or not, and leave years, codes and counts alone', async () => {
    const { fillTemplate } = await import('../src/engine/run.js');
    expect(fillTemplate('决算数{a}万元，预算数{b}万元', { a: '1741.75', b: '1,685.82' })).toBe('决算数1,741.75万元，预算数1,685.82万元');
    expect(fillTemplate('{y}年 {code} {n}人 {p}%', { y: '2020', code: '2010301', n: 12345, p: '95.89' })).toBe('2020年 2010301 12345人 95.89%');
    expect(fillTemplate('{neg}', { neg: '-12345.6' })).toBe('-12,345.6');
  });
});
