/** Valid/invalid cases for the claim, total, quantity and document rules, on small texts. */
import { runRuleTests } from '../src/rules/tester.js';
import { inputFromText as t } from '../src/engine/input.js';
import changeAmount from '../src/rules/claim/change-amount.js';
import changePct from '../src/rules/claim/change-pct.js';
import completion from '../src/rules/claim/completion.js';
import direction from '../src/rules/claim/direction.js';
import restated from '../src/rules/claim/restated.js';
import share from '../src/rules/claim/share.js';
import zeroBase from '../src/rules/claim/zero-base.js';
import parts from '../src/rules/total/parts.js';
import balance from '../src/rules/total/balance.js';
import impliedBase from '../src/rules/total/implied-base.js';
import opsVsPublic from '../src/rules/total/operating-vs-public.js';
import perUnit from '../src/rules/quantity/per-unit.js';
import vehicles from '../src/rules/quantity/vehicles.js';
import wording from '../src/rules/doc/wording.js';
import year from '../src/rules/doc/year.js';
import numbering from '../src/rules/doc/numbering.js';

const Y = '2020年度';

runRuleTests(changeAmount, {
  valid: [{ input: t(`${Y}收入总计1,918.25万元。收支较上年决算数2250.31万元减少332.06万元、下降14.8%。`) }],
  invalid: [{ input: t(`${Y}收入总计1,918.25万元。收支较上年决算数2250.31万元减少342.06万元。`), errors: [{ messageId: 'wrong', expected: '332.06' }] }],
});

runRuleTests(changePct, {
  valid: [
    { input: t(`${Y}收入合计1,911.05万元，较上年决算数减少151.81万元，下降7.4%。`) },
    { name: 'integer precision', input: t(`${Y}“三公”经费支出共计43.22万元，较年初预算数减少14.38万元，下降25%。`) },
  ],
  invalid: [
    { input: t(`${Y}收入合计1,911.05万元，较上年决算数减少151.81万元，下降8.4%。`), errors: [{ messageId: 'wrong', severity: 'error', expected: '7.4%' }] },
    { name: 'rounding explains', input: t(`${Y}会议费0.03万元，较上年决算数增加0.01万元，增长33.3%。`), errors: [{ messageId: 'rounding', severity: 'info' }] },
  ],
});

runRuleTests(zeroBase, {
  valid: [
    { input: t(`${Y}本年收入84.58万元，较上年决算数增加84.58万元，增长100%。`) },
    { name: 'to zero', input: t(`${Y}年末结转和结余0.00万元，较上年决算数减少7.20万元，下降100%。`) },
  ],
  invalid: [
    { input: t(`${Y}会议费84.58万元，较上年决算数增加84.58万元，增长50%。`), errors: [{ messageId: 'zeroBase' }] },
    { input: t(`${Y}年末结转和结余0.00万元，较上年决算数减少7.20万元，下降90%。`), errors: [{ messageId: 'toZero' }] },
  ],
});

runRuleTests(direction, {
  valid: [{ input: t(`${Y}收入总计100.00万元。收支较上年决算数120.00万元减少20.00万元，下降16.7%。`) }],
  invalid: [
    { input: t(`${Y}收入总计100.00万元。收支较上年决算数120.00万元增加20.00万元，下降16.7%。`), errors: [{ messageId: 'conflict' }] },
    { input: t(`${Y}收入总计100.00万元。收支较上年决算数90.00万元减少10.00万元。`), errors: [{ messageId: 'sign', expected: '增加' }] },
    { input: t(`${Y}会议费2.00万元，较上年决算数增加0.00万元。`), errors: [{ messageId: 'zeroChange', severity: 'warning' }] },
  ],
});

runRuleTests(share, {
  valid: [{ input: t(`${Y}支出合计1,918.25万元。其中：基本支出1,627.53万元，占84.8%；项目支出290.73万元，占15.2%。`) }],
  invalid: [
    { input: t(`${Y}支出合计1,918.25万元。其中：基本支出1,627.53万元，占80.8%。`), errors: [{ messageId: 'wrong', expected: '84.8%' }] },
    { name: 'explicit denominator', input: t(`${Y}政府采购支出总额768.56万元。授予中小企业合同金额688.76万元，占政府采购支出总额的80.6%。`), errors: [{ messageId: 'wrong', expected: '89.6%' }] },
    // guihuaziyuan: 9746.50 / 9759.38 = 99.868% printed 99.86% — cut off, not rounded
    { name: 'truncated', input: t(`${Y}支出合计9,759.38万元。一般公共预算财政拨款支出9,746.50万元，占本年支出合计的99.86%。`), errors: [{ messageId: 'truncated', severity: 'warning', expected: '99.87%' }] },
  ],
});

runRuleTests(completion, {
  valid: [{ input: t(`住房公积金年初预算为20.00万元，支出决算为19.00万元，完成年初预算的95.00%。`) }],
  invalid: [
    { name: 'zero budget (Putuo)', input: t(`行政运行年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。`), errors: [{ messageId: 'zeroBudget' }] },
    { input: t(`住房公积金年初预算为20.00万元，支出决算为19.00万元，完成年初预算的85.00%。`), errors: [{ messageId: 'wrong', expected: '95.00%' }] },
  ],
});

runRuleTests(restated, {
  valid: [{ input: t(`${Y}收入总计1,918.25万元，支出总计1,918.25万元。`) }],
  invalid: [
    { input: t(`${Y}收入总计1,918.25万元，支出总计1,928.25万元。`), errors: [{ messageId: 'pair' }] },
    { input: t(`${Y}收入总计1,918.25万元。本部门收入总计1,928.25万元。`), errors: [{ messageId: 'differs' }] },
  ],
});

runRuleTests(parts, {
  valid: [{ input: t(`${Y}政府采购支出总额768.56万元，其中：政府采购货物支出303.46万元、政府采购工程支出0.00万元、政府采购服务支出465.10万元。`) }],
  invalid: [
    { input: t(`${Y}政府采购支出总额778.56万元，其中：政府采购货物支出303.46万元、政府采购工程支出0.00万元、政府采购服务支出465.10万元。`), errors: [{ messageId: 'wrong', expected: '768.56' }] },
    { name: 'rounding', input: t(`${Y}支出合计1,918.25万元。其中：基本支出1,627.53万元；项目支出290.73万元。`), errors: [{ messageId: 'rounding', severity: 'info' }] },
  ],
});

const fund = (close: string) => t(`（五）政府性基金预算收支决算情况说明\n${Y}政府性基金预算财政拨款年初结转结余0.00万元，年末结转结余${close}万元。本年收入84.58万元。本年支出84.58万元。`);
runRuleTests(balance, {
  valid: [{ input: fund('0.00') }],
  invalid: [{ input: fund('5.00'), errors: [{ messageId: 'wrong', expected: '0.00' }] }],
});

const sg = (rec: string) => t(`${Y}“三公”经费支出共计43.22万元，较年初预算数减少14.38万元，下降25%。\n因公出国（境）费用8.55万元，较年初预算数增加8.55万元，增长100.0%。\n公务车运行维护费32.76万元，较年初预算数减少0.14万元，下降0.4%。\n公务接待费1.91万元，较年初预算数减少${rec}万元。`);
runRuleTests(impliedBase, {
  valid: [{ input: sg('22.79') }],
  invalid: [
    // Parts short of the total while 公务用车购置费's budget is not given: it may be the difference (a warning).
    { input: sg('12.79'), errors: [{ messageId: 'unstated', severity: 'warning' }] },
    // Parts above the total: wrong whatever the unnamed part is.
    { input: sg('32.79'), errors: [{ messageId: 'wrong', severity: 'error' }] },
  ],
});

runRuleTests(opsVsPublic, {
  valid: [{ input: t(`${Y}公用经费456.53万元。机关运行经费支出456.53万元。`) }],
  invalid: [{ input: t(`${Y}公用经费456.53万元。机关运行经费支出556.53万元。`), errors: [{ messageId: 'exceeds', severity: 'warning' }] }],
});

runRuleTests(perUnit, {
  valid: [{ input: t(`公务车运行维护费32.76万元。公务车保有量为6辆。车均维护费5.46万元。`) }],
  invalid: [{ input: t(`公务车运行维护费32.76万元。公务车保有量为6辆。车均维护费6.46万元。`), errors: [{ messageId: 'wrong', expected: '5.46' }] }],
});

runRuleTests(vehicles, {
  valid: [
    { input: t(`本部门共有车辆6辆，其中，机要通信用车5辆、应急保障用车1辆、执法执勤用车0辆。`) },
    // 主要领导干部用车 contains the class name 领导干部用车, and 其他用车 was listed twice: each 辆 counts once.
    { name: 'every class of the 2019 template, 主要领导干部用车 among them', input: t(`截至2020年12月31日，本部门共有车辆12辆，其中，副部（省）级及以上领导用车1辆、主要领导干部用车2辆、机要通信用车3辆、应急保障用车1辆、执法执勤用车2辆、特种专业技术用车1辆、离退休干部用车1辆、其他用车1辆。`) },
  ],
  invalid: [
    { input: t(`本部门共有车辆7辆，其中，机要通信用车5辆、应急保障用车1辆、执法执勤用车0辆。`), errors: [{ messageId: 'sum', expected: '6' }] },
    { input: t(`本部门共有车辆13辆，其中，主要领导干部用车2辆、机要通信用车3辆、其他用车1辆。`), errors: [{ messageId: 'sum', expected: '6' }] },
  ],
});

runRuleTests(wording, {
  valid: [{ input: t(`${Y}会议费2.15万元，主要原因是厉行节约。`) }],
  invalid: [
    { input: t(`${Y}会议费XX万元，较上年增加（减少）1万元，主要原因是。增加增加。`), errors: [{ messageId: 'placeholder' }, { messageId: 'alternative' }, { messageId: 'emptyReason' }, { messageId: 'duplicated' }] },
  ],
});

runRuleTests(year, {
  valid: [{ input: t(`2020年度收入总计1,918.25万元。2019年度收入总计2,000.00万元。2020年度收入总计1,918.25万元。`) }],
  invalid: [{ input: t(`2020年度收入总计1,918.25万元。2020年度支出总计1,918.25万元。2018年度收入总计1,918.25万元。`), errors: [{ messageId: 'other', actual: '2018' }] }],
});

runRuleTests(numbering, {
  valid: [{ input: t(`一、部门基本情况\n本部门负责全区政务工作的统筹协调和服务保障，内设科室若干。\n二、部门决算情况说明\n本年度收支情况如下所述，详见各表及说明文字部分内容。`) }],
  invalid: [{ input: t(`一、部门基本情况\n本部门负责全区政务工作的统筹协调和服务保障，内设科室若干。\n三、部门决算情况说明\n本年度收支情况如下所述，详见各表及说明文字部分内容。`), errors: [{ messageId: 'gap' }] }],
});

import purpose from '../src/rules/claim/purpose.js';
runRuleTests(purpose, {
  valid: [
    { input: t(`（三）具体情况\n8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：行政单位、事业单位住房公积金支出。`) },
    { name: 'subject of no known family', input: t(`1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。`) },
  ],
  invalid: [
    // sh-putuo-shehuigongzuobu-2024 说明五(三) item 8
    { input: t(`（三）具体情况\n8、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：事业单位医疗保险支出。`), errors: [{ messageId: 'mismatch', severity: 'warning', actual: '事业单位医疗保险支出' }] },
  ],
});

import unitLevel from '../src/rules/doc/unit-level.js';
runRuleTests(unitLevel, {
  valid: [{ input: t(`本部门2020年度收入总计100.00万元。本部门无下级单位。`) }, { name: 'no subordinate units wording', input: t(`本部门2020年度收入总计100.00万元。本单位无下级预算单位。`) }],
  invalid: [{ input: t(`本部门2020年度收入总计100.00万元。本部门支出100.00万元。本单位2020年度未发生公务车购置费支出。`), errors: [{ messageId: 'mixed', severity: 'info' }] }],
});

runRuleTests(parts, {
  valid: [{ name: '三公 with the vehicle subtotal', input: t(`“三公”经费财政拨款支出决算为 0.39万元，其中：因公出国（境）费支出决算为 0.00 万元；公务用车购置及运行维护费支出决算为 0.00 万元；公务接待费支出决算为 0.39万元。`) }],
  invalid: [{ name: '三公 subtotal off', input: t(`“三公”经费财政拨款支出决算为 0.49万元，其中：因公出国（境）费支出决算为 0.00 万元；公务用车购置及运行维护费支出决算为 0.00 万元；公务接待费支出决算为 0.39万元。`), errors: [{ messageId: 'wrong', expected: '0.39' }] }],
});

runRuleTests(wording, {
  valid: [{ name: 'no residue', input: t(`上海市规划局2024年度收入总计100.00万元。`) }],
  invalid: [{
    name: 'a template: three placeholders named, then one note (placed at the first)',
    input: t(`上海市XX局2024年度部门决算。XX年度收入XX万元。支出XX万元。XX项目。`),
    errors: [{ messageId: 'placeholder' }, { messageId: 'template' }, { messageId: 'placeholder' }, { messageId: 'placeholder' }],
  }],
});
