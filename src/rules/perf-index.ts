/** 绩效自评表 rules (src/rules/perf/), listed explicitly. */
import type { Rule } from './define.js';
import executionRate from './perf/execution-rate.js';
import scoreSum from './perf/score-sum.js';
import scoreWithinWeight from './perf/score-within-weight.js';
import weightSum from './perf/weight-sum.js';

export const PERF_RULES: Rule[] = [executionRate, scoreSum, scoreWithinWeight, weightSum];
