/** Rules on rebuilt tables (src/rules/table/), listed explicitly. */
import type { Rule } from './define.js';
import tableBodyName from './table/body-name.js';
import tableClassNames from './table/class-names.js';
import tableCross from './table/cross.js';
import tableEmptyNote from './table/empty-note.js';
import tableIdentity from './table/identity.js';
import tableText from './table/text.js';
import tableUnreliable from './table/unreliable.js';

export const TABLE_RULES: Rule[] = [tableBodyName, tableClassNames, tableCross, tableEmptyNote, tableIdentity, tableText, tableUnreliable];
