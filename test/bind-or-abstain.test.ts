/**
 * Bind or abstain (issue: findings a reviewer can trust). Each case is a short text written here in one
 * region's wording, for one way a checker misreads documents: correct texts give no error, texts with a real
 * defect give exactly that error, and what cannot be bound is left to claim/unbound (info).
 */
import { describe, it, expect } from 'vitest';
import { checkBytes } from '../src/engine/check.js';
import { inputFromText } from '../src/engine/input.js';

async function check(text: string, file = 'case.txt') {
  const r = await checkBytes(new TextEncoder().encode(text), file);
  expect(r.internalErrors).toEqual([]);
  return r.findings;
}
const errorsOf = async (text: string) => (await check(text)).filter((f) => f.severity === 'error');

describe('1. an unknown term is not read as a known one inside it', () => {
  it('国有资本经营预算财政拨款收入 is not 财政拨款收入 (四川)', async () => {
    const text = '2022年度单位决算\n二、收入决算情况说明\n2022年本年收入合计500.00万元，其中：一般公共预算财政拨款收入450.00万元，占90.00%；政府性基金预算财政拨款收入0万元，占0%；国有资本经营预算财政拨款收入0万元，占0%；其他收入50.00万元，占10.00%。';
    expect(await errorsOf(text)).toEqual([]);
    const input = inputFromText(text);
    expect(input.claims.filter((c) => c.concept === '财政拨款收入')).toEqual([]);
    expect(input.claims.find((c) => c.concept === '国有资本经营预算财政拨款收入')?.value?.raw).toBe('0');
  });
  it('单位预留机动经费 (江苏 budget component) leaves the breakdown unknown, not wrong', async () => {
    const text = '2022年度部门决算\n本年支出合计1,000.00万元，其中：基本支出600.00万元，项目支出300.00万元，单位预留机动经费100.00万元。';
    const f = await check(text);
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.find((x) => x.ruleId === 'total/parts')?.messageId).toBe('unsure');
  });
  it('but known parts above their total are an error; short of it, with rarer parts unnamed, a warning', async () => {
    const over = '2022年度部门决算\n本年支出合计1,000.00万元，其中：基本支出600.00万元，项目支出500.00万元。';
    expect((await errorsOf(over)).map((f) => f.ruleId)).toEqual(['total/parts']);
    // 上缴上级支出, 经营支出, 对附属单位补助支出 are not named: they may be the 100.00 (none can be negative).
    const short = await check('2022年度部门决算\n本年支出合计1,000.00万元，其中：基本支出600.00万元，项目支出300.00万元。');
    expect(short.filter((x) => x.severity === 'error')).toEqual([]);
    expect(short.filter((x) => x.ruleId === 'total/parts').map((x) => [x.messageId, x.severity])).toEqual([['unstated', 'warning']]);
  });
  it('"本年收入合计…，其中财政拨款收入…" lists the main source only: the rest is not missing money (info)', async () => {
    const f = await check('2020年度部门决算\n本年收入合计1,000.00万元，其中财政拨款收入900.00万元，占90.00%。');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.filter((x) => x.ruleId === 'total/parts').map((x) => [x.messageId, x.severity])).toEqual([['unstated', 'info']]);
  });
  it('三公 items written without 费 are the items, not the 三公 total (内蒙古)', async () => {
    const text = '2021年度部门决算\n三、“三公”经费决算情况\n2021年度“三公”经费合计支出20.12万元，其中：因公出国(境)经费0万元，公务接待12.39万元，公务用车运行费用7.73万元。公务接待较上年减少0.58万元，减少4.47%。';
    expect(await errorsOf(text)).toEqual([]);
    const input = inputFromText(text);
    expect(input.claims.find((c) => c.concept === '公务接待费' && c.pct)?.value?.raw).toBe('12.39');
  });
  it('an organ name before the subject is not an unknown term; 教育事业收入 is', () => {
    const input = inputFromText('2016年度部门决算\n2016年度国家某局收入总计100.00万元，其中教育事业收入60.00万元。');
    expect(input.claims.find((c) => c.concept === '收入总计')?.value?.raw).toBe('100.00');
    expect(input.claims.find((c) => c.concept === '事业收入')).toBeUndefined();
  });
});

describe('2. two figures in a sentence take the roles their words give', () => {
  it('年初预算为A，支出决算为B (云南, 元)', async () => {
    const text = '2022年度部门决算\n一、“三公”经费支出决算总体情况\n2022年度一般公共预算财政拨款“三公”经费支出年初预算为27,080元,支出决算为26,085.58元,完成年初预算的96.33%。其中:公务接待费支出决算为3,080元,完成年初预算的100%;公务用车运行维护费支出决算为23,005.58元,完成年初预算的95.86%。\n二、具体情况\n2022年度“三公”经费支出决算中,公务用车运行维护费支出23,005.58元,占88.19%;公务接待费支出3,080元,占11.81%。';
    expect(await errorsOf(text)).toEqual([]);
    const input = inputFromText(text);
    expect(input.claims.find((c) => c.concept === '三公经费')?.value?.raw).toBe('26,085.58');
  });
  it('支出预算为A，支出决算为B, with a wrong 完成率, is an error about the 完成率 only', async () => {
    const text = '2020年度部门决算\n会议费支出预算为30.8万元，支出决算为25.7万元，完成预算的80.44%。';
    const e = await errorsOf(text);
    expect(e.map((f) => f.ruleId)).toEqual(['claim/completion']);
    expect(e[0].expected).toBe('83.44%');
  });
});

describe('3. amounts in 元 are checked as 元 and said in 元', () => {
  it('a wrong share in a 元 document names 元', async () => {
    const text = '2022年度部门决算\n“三公”经费支出决算为26,085.58元。其中：公务用车运行维护费支出23,005.58元，占88.19%；公务接待费支出3,080元，占12.81%。';
    const e = await errorsOf(text);
    expect(e.map((f) => f.ruleId)).toEqual(['claim/share']);
    expect(e[0].message).toContain('3,080元');
    expect(e[0].message).not.toContain('万元');
  });
  it('元 and 万元 figures are never summed together', async () => {
    const text = '2022年度部门决算\n“三公”经费支出决算为2.61万元，其中：因公出国（境）费0元，公务用车运行维护费23,005.58元，公务接待费3,080元。';
    expect(await errorsOf(text)).toEqual([]);
  });
});

describe('4–5. web residue: pinyin after characters, terms cut by line breaks', () => {
  it('預(yù)算 and 費(fèi) read as one word (甘肃、广东 mirrors)', async () => {
    const text = '2017年度部門決算\n2017年度，本單位財政撥款收入總計1516.64萬元。其中：一般公共預(yù)算財政撥款收入1486.64萬元，政府性基金預(yù)算財政撥款收入30萬元。\n因公出國(境)費(fèi)支出決算為7.8萬元，公務(wù)接待費(fèi)支出決算為1.76萬元。';
    expect(await errorsOf(text)).toEqual([]);
    const input = inputFromText(text);
    expect(input.claims.find((c) => c.concept === '一般公共预算财政拨款收入')?.value?.raw).toBe('1486.64');
    expect(input.claims.find((c) => c.concept === '公务接待费')?.value?.raw).toBe('1.76');
  });
  it('a term cut by a hard line break is joined; the 0 is the item, not the 三公 total', () => {
    const input = inputFromText('2020年度部门决算\n“三公”经费支出决算为5.00万元，其中：因公出国（境）\n费决算为0万元，公务接待费5.00万元。');
    expect(input.claims.find((c) => c.concept === '三公经费')?.value?.raw).toBe('5.00');
    expect(input.claims.find((c) => c.concept === '因公出国（境）费')?.value?.raw).toBe('0');
  });
});

describe('6. next year\'s budget beside this year\'s 决算', () => {
  it('a 预算安排 section and another year\'s figures are not this year\'s 决算', async () => {
    const text = '一、2022年“三公”经费预算安排情况\n2022年度“三公”经费预算总计21.8万元，其中：因公出国(境)经费0万元，公务接待11.8万元，公务用车运行费用10万元。\n二、2021年“三公”经费决算情况\n2021年度“三公”经费合计支出20.12万元，其中：因公出国(境)经费0万元，公务接待12.39万元，公务用车运行费用7.73万元。\n2022年度“三公”经费预算较2021年度增加1.68万元。';
    expect(await errorsOf(text)).toEqual([]);
  });
});

describe('7. 财政拨款收入总计 includes 年初结转: not a part of 本年收入合计', () => {
  it('reads 财政拨款收入总计 as the 财政拨款 收支总计', () => {
    const input = inputFromText('2017年度部门决算\n本单位财政拨款收入总计1516.64万元，与上年相比减少58.49万元，降低3.71%。');
    expect(input.claims.find((c) => c.value?.raw === '1516.64')?.concept).toBe('财政拨款收支总计');
  });
});

describe('8. wider vocabulary', () => {
  it('一般公务用车 is a vehicle class (江苏)', async () => {
    expect(await errorsOf('2019年度部门决算\n本部门共有车辆66辆，其中，一般公务用车13辆、执法执勤用车38辆、特种专业技术用车15辆。')).toEqual([]);
  });
  it('an unknown vehicle class leaves the class total unchecked', async () => {
    const f = await check('2019年度部门决算\n本部门共有车辆66辆，其中，巡逻用车13辆、执法执勤用车38辆、特种专业技术用车15辆。');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.find((x) => x.ruleId === 'quantity/vehicles')?.messageId).toBe('unknownClass');
  });
  it('三公 quantities worded 团组1个、累计1人次, 购置数0辆, 公务接待24批次,210人次', () => {
    const input = inputFromText('2019年度部门决算\n三、“三公”经费\n出国团组1个、累计1人次。公务用车购置数0辆。公务接待24批次,210人次。');
    const got = Object.fromEntries(input.claims.filter((c) => c.count).map((c) => [c.concept, c.count!.value]));
    expect(got).toMatchObject({ '量:出国团组': '1', '量:出国人数': '1', '量:购置车辆': '0', '量:国内接待批次': '24', '量:国内接待人数': '210' });
  });
  it('no 三公 spending at all: no quantities are asked for', async () => {
    const text = '2024年度部门决算\n七、财政拨款“三公”经费支出决算情况说明\n本部门2024年度无“三公”经费财政\n拨款支出，“三公”经费支出决算为0.00万元。';
    expect((await check(text)).filter((x) => x.ruleId === 'quantity/sangong-quantities')).toEqual([]);
  });
  it('a 三公 part split under two headings is read as one', async () => {
    const text = '2019年度部门决算\n一、“三公”经费财政拨款支出决算总体情况说明\n“三公”经费财政拨款支出决算为17.06万元。\n二、“三公”经费财政拨款支出决算具体情况说明\n出国团组1个、累计1人次。公务用车购置数0辆，公务用车保有量为2辆。公务接待24批次,210人次。';
    const f = await check(text);
    expect(f.filter((x) => x.ruleId === 'quantity/sangong-quantities' && x.severity !== 'info')).toEqual([]);
  });
});

describe('9. misreadings found in review', () => {
  it('收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 holds with all three parts', async () => {
    expect(await errorsOf('2020年度部门决算\n收入总计120.00万元，其中：本年收入合计100.00万元，使用非财政拨款结余10.00万元，年初结转和结余10.00万元。')).toEqual([]);
  });
  it('an implied negative base is reported', async () => {
    const e = await errorsOf('2020年度部门决算\n会议费10.00万元，较上年增加20.00万元，增长50.0%。');
    expect(e.map((f) => f.ruleId)).toContain('claim/negative-base');
  });
  it('"增加（减少）100.00万元" is a template column, not a change of 支出总计', () => {
    const input = inputFromText('2020年度部门决算\n支出总计1,000.00万元，较上年增加（减少）100.00万元。');
    expect(input.claims.find((c) => c.concept === '支出总计')?.delta).toBeUndefined();
  });
  it('the next item\'s figure is not carried over as 本年支出合计', () => {
    const input = inputFromText('2020年度部门决算\n本年支出合计较上年增加20.00万元，增长20.0%。其中，项目支出100.00万元。');
    const total = input.claims.filter((c) => c.concept === '本年支出合计');
    expect(total.every((c) => !c.value)).toBe(true);
  });
});

describe('claim checks reviewers flag', () => {
  it('a change with a printed base and no printed Δ ("比上年决算数43269.30万元增加17.62%")', async () => {
    const ok = await errorsOf('2020年度部门决算\n本年支出合计50,893.39万元，比上年决算数43,269.30万元增加17.62%。');
    expect(ok).toEqual([]);
    const bad = await errorsOf('2020年度部门决算\n本年支出合计50,893.39万元，比上年决算数43,269.30万元增加19.62%。');
    expect(bad.map((f) => f.ruleId)).toEqual(['claim/change-pct']);
  });
  it('"决算数大于预算数" against the item\'s own budget', async () => {
    expect(await errorsOf('2020年度部门决算\n培训费年初预算为10.00万元，支出决算为8.00万元，决算数小于预算数2.00万元。')).toEqual([]);
    const e = await errorsOf('2020年度部门决算\n培训费年初预算为10.00万元，支出决算为8.00万元，决算数大于预算数。');
    expect(e.map((f) => f.messageId)).toEqual(['relation']);
  });
  it('"完成年初预算100%，决算数大于预算数55.93万元" contradicts itself', async () => {
    const e = await errorsOf('2017年度部门决算\n2017年度，一般公共预算财政拨款支出1741.75万元，与上年相比减少53.7万元，降低2.99%；完成年初预算100%，决算数大于预算数55.93万元。');
    expect(e.map((f) => f.ruleId)).toEqual(['claim/vs-budget']);
  });
  it('the same item stated twice with two amounts', async () => {
    const e = await errorsOf('2024年度部门决算\n行政运行（项）120.00万元，年初预算为110.00万元，支出决算为125.00万元，完成年初预算的113.64%。');
    expect(e.map((f) => f.ruleId)).toContain('claim/item-restated');
  });
  it('what could not be bound is counted in one info', async () => {
    const f = await check('2020年度部门决算\n本部门某某专项资金支出10.00万元，较上年增加5.00万元。');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.find((x) => x.ruleId === 'claim/unbound')?.severity).toBe('info');
  });
});

describe('10. last year\'s figure written out beside this year\'s', () => {
  it('"上年决算数为B" is the base of the change, not a second 决算 of the year', async () => {
    const right = '2020年度部门决算\n2020年度财政拨款支出500.00万元，上年决算数为400.00万元，比上年增加100.00万元，增长25.00%。';
    expect(await errorsOf(right)).toEqual([]);
    const c = inputFromText(right).claims.find((x) => x.concept === '财政拨款支出');
    expect([c?.value?.raw, c?.baseValue?.raw, c?.basis]).toEqual(['500.00', '400.00', 'prior']);
    const wrong = right.replace('增长25.00%', '增长20.00%');
    const errs = await errorsOf(wrong);
    expect(errs.map((f) => [f.ruleId, f.expected, f.actual])).toEqual([['claim/change-pct', '25.00%', '20.00%']]);
  });
  it('the two-figure form "本年A，上一年度B，比上年增长P%" is checked against B', async () => {
    const right = '2020年度部门决算\n公务接待费2020年决算为5.00万元，2019年决算为4.00万元，比上年增长25.00%。';
    expect(await errorsOf(right)).toEqual([]);
    const wrong = right.replace('增长25.00%', '增长20.00%');
    expect((await errorsOf(wrong)).map((f) => [f.ruleId, f.expected, f.actual])).toEqual([['claim/change-pct', '25.00%', '20.00%']]);
  });
  it('a year two back is not taken for the base: abstained', async () => {
    const f = await check('2020年度部门决算\n公务接待费5.00万元，2018年为4.00万元，比上年增长20%。');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.find((x) => x.ruleId === 'claim/unbound')?.message).toContain('属于其他年度');
  });
  it('a change right in size and wrong in sign is one finding (direction), not also a "应为1.00，实为1.00"', async () => {
    const errs = await errorsOf('2020年度部门决算\n公务接待费5.00万元，较上年决算数4.00万元减少1.00万元。');
    expect(errs.map((f) => f.ruleId)).toEqual(['claim/direction']);
  });
});

describe('11. an item stated as none, and 持平 against a named base', () => {
  const sg = (purchasePrior: string) =>
    `2020年度部门决算\n2020年度“三公”经费支出共计10.00万元。较上年支出数减少4.00万元，下降28.6%。\n本部门2020年度未发生因公出国（境）费用支出。与上年持平。\n本部门2020年度未发生公务车购置费支出。较上年支出数减少${purchasePrior}万元，下降100%。\n公务车运行维护费6.00万元。较上年支出数减少1.00万元，下降14.3%。\n公务接待费4.00万元。与上年持平。`;
  it('"未发生公务车购置费支出。较上年支出数减少B" gives the item a 上年 of B: the 三公 bases add up', async () => {
    const input = inputFromText(sg('3.00'));
    const purchase = input.claims.filter((c) => c.concept === '公务用车购置费' && c.basis === 'prior');
    expect(purchase.map((c) => c.delta?.raw)).toEqual(['3.00']);
    expect((await check(sg('3.00'))).filter((f) => f.ruleId === 'total/implied-base' && f.severity !== 'info')).toEqual([]);
    // 上年 of the parts 3 + 7 + 4 = 14 = 10 + 4; with 5.00 for the purchase they exceed the total's: an error.
    expect((await errorsOf(sg('5.00'))).map((f) => f.ruleId)).toEqual(['total/implied-base']);
  });
  it('"与上年持平" and "与年初预算数持平" bind as a 持平 against that base', () => {
    const input = inputFromText('2020年度部门决算\n公务接待费5.00万元。与年初预算数持平。较上年支出数增加1.00万元，增长25.0%。');
    expect(input.claims.filter((c) => c.concept === '公务接待费').map((c) => [c.basis, c.direction?.dir])).toEqual([[undefined, undefined], ['budget', 'flat'], ['prior', 'up']]);
  });
});
