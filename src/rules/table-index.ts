/** Rules on rebuilt tables (src/rules/table/), listed explicitly. */
import type { Rule } from './define.js';

export const TABLE_RULES: Rule[] = [];
