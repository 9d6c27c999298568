/**
 * The rule registry: an explicit, sorted list (no directory scanning). Add a rule here when you add its file.
 */
import type { Rule } from './define.js';
import claimChangeAmount from './claim/change-amount.js';
import claimChangePct from './claim/change-pct.js';
import claimCompletion from './claim/completion.js';
import claimPurpose from './claim/purpose.js';
import claimDirection from './claim/direction.js';
import claimItemRestated from './claim/item-restated.js';
import claimNegativeBase from './claim/negative-base.js';
import claimRestated from './claim/restated.js';
import claimShare from './claim/share.js';
import claimUnbound from './claim/unbound.js';
import claimVsBudget from './claim/vs-budget.js';
import claimZeroBase from './claim/zero-base.js';
import docBodyName from './doc/body-name.js';
import docClassNameEra from './doc/class-name-era.js';
import docComparisonYear from './doc/comparison-year.js';
import docNegativeCells from './doc/negative-cells.js';
import docGlyphs from './doc/glyphs.js';
import docNineTables from './doc/nine-tables.js';
import docDamaged from './doc/damaged.js';
import docNumbering from './doc/numbering.js';
import docPctPrecision from './doc/pct-precision.js';
import docPunctuation from './doc/punctuation.js';
import docRequiredSections from './doc/required-sections.js';
import docStaleYear from './doc/stale-year.js';
import docTemplateResidue from './doc/template-residue.js';
import docTocTables from './doc/toc-tables.js';
import docUnitLevel from './doc/unit-level.js';
import docWording from './doc/wording.js';
import docYear from './doc/year.js';
import quantityPerUnit from './quantity/per-unit.js';
import quantitySangong from './quantity/sangong-quantities.js';
import quantityVehicles from './quantity/vehicles.js';
import totalBalance from './total/balance.js';
import totalImpliedBase from './total/implied-base.js';
import totalOperatingVsPublic from './total/operating-vs-public.js';
import totalParts from './total/parts.js';
import { PERF_RULES } from './perf-index.js';
import { TABLE_RULES } from './table-index.js';

export const RULES: Rule[] = [
  claimChangeAmount,
  claimChangePct,
  claimCompletion,
  claimPurpose,
  claimDirection,
  claimItemRestated,
  claimNegativeBase,
  claimRestated,
  claimShare,
  claimUnbound,
  claimVsBudget,
  claimZeroBase,
  docBodyName,
  docClassNameEra,
  docComparisonYear,
  docNegativeCells,
  docGlyphs,
  docNineTables,
  docDamaged,
  docNumbering,
  docPctPrecision,
  docPunctuation,
  docRequiredSections,
  docStaleYear,
  docTemplateResidue,
  docTocTables,
  docUnitLevel,
  docWording,
  docYear,
  ...PERF_RULES,
  quantityPerUnit,
  quantitySangong,
  quantityVehicles,
  ...TABLE_RULES,
  totalBalance,
  totalImpliedBase,
  totalOperatingVsPublic,
  totalParts,
];

export const RULES_META = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta]));
