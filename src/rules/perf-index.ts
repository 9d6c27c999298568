/** 绩效自评表 rules (src/rules/perf/), listed explicitly. */
import type { Rule } from './define.js';
import executionRate from './perf/execution-rate.js';
import formCount from './perf/form-count.js';
import grade from './perf/grade.js';
import scoreSum from './perf/score-sum.js';
import scoreVsCompletion from './perf/score-vs-completion.js';
import scoreWithinWeight from './perf/score-within-weight.js';
import valueFormat from './perf/value-format.js';
import weightSum from './perf/weight-sum.js';

export const PERF_RULES: Rule[] = [executionRate, formCount, grade, scoreSum, scoreVsCompletion, scoreWithinWeight, valueFormat, weightSum];
