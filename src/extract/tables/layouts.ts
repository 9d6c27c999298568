/**
 * The printed layout of each of the nine tables as band specs (what the header labels look like, in
 * left-to-right order, per half for two-sided tables), derived from the model's TABLE_SPECS.
 */
import { TABLE_SPECS, type TableKind } from '../../model/tables.js';
import type { BandSpec } from './grid.js';

const CODE_LABELS = ['科目编码', '功能分类科目编码', '经济分类科目编码', '支出功能分类科目编码', '编码', '科目代码', '功能分类'];
const NAME_LABELS = ['科目名称', '项目名称'];
const ITEM_LABELS = ['项目'];
const AMOUNT_LABELS = ['决算数', '金额', '本年决算数', '决算金额'];

function leaf(label: string): string {
  const parts = label.split('·');
  return parts[parts.length - 1];
}

function valueBands(kind: TableKind, half = 0): BandSpec[] {
  return TABLE_SPECS[kind].columns.map((c) => ({
    key: c.key,
    role: 'value' as const,
    half,
    labels: [leaf(c.label), ...(c.variants ?? [])],
  }));
}

/** Band specs of a table kind (T7 is laid out separately, see t7.ts). */
export function bandSpecs(kind: TableKind): BandSpec[] {
  switch (kind) {
    case 't1':
      return [
        { key: 'name', role: 'name', half: 0, labels: ITEM_LABELS },
        { key: 'amount', role: 'value', half: 0, labels: AMOUNT_LABELS },
        { key: 'name', role: 'name', half: 1, labels: ITEM_LABELS },
        { key: 'amount', role: 'value', half: 1, labels: AMOUNT_LABELS },
      ];
    case 't4':
      return [
        { key: 'name', role: 'name', half: 0, labels: ITEM_LABELS },
        { key: 'in', role: 'value', half: 0, labels: AMOUNT_LABELS },
        { key: 'name', role: 'name', half: 1, labels: ITEM_LABELS },
        ...valueBands('t4', 1),
      ];
    case 't6':
      // Two halves side by side as published; a table printed in one column (the generator's) has no second.
      return [0, 1].flatMap((half) => [
        { key: 'code', role: 'code' as const, half, labels: CODE_LABELS, optional: half === 1 },
        { key: 'name', role: 'name' as const, half, labels: NAME_LABELS, optional: true },
        { key: 'amount', role: 'value' as const, half, labels: AMOUNT_LABELS, optional: half === 1 },
      ]);
    default:
      return [
        { key: 'code', role: 'code', half: 0, labels: CODE_LABELS, optional: true },
        { key: 'name', role: 'name', half: 0, labels: NAME_LABELS, optional: true },
        ...valueBands(kind),
      ];
  }
}

/** Header words that may be repeated at the top of a continuation page. */
export function headerVocabulary(kind: TableKind): string[] {
  return [
    ...CODE_LABELS, ...NAME_LABELS, ...ITEM_LABELS, ...AMOUNT_LABELS, '收入', '支出', '类', '款', '项', '栏次',
    '经济分类', '预算数', '本年支出', ...bandSpecs(kind).flatMap((b) => b.labels),
  ];
}
