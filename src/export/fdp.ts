/**
 * A Fiscal Data Package (Frictionless Data, fiscal-data-package 1.0): datapackage.json describing the long CSV
 * (export/csv.ts) as its one resource, with the model's measure (amount in 万元: currency CNY, factor 10000,
 * phase executed = 决算) and its dimensions: direction, table/row, and the functional (支出功能分类) and
 * economic (支出经济分类) classification hierarchies (类 › 款 › 项 by code and parent code).
 */
import type { Disclosure } from '../model/schema.js';
import { CSV_FIELDS } from './csv.js';

export const FDP_CSV_NAME = 'juesuan-long.csv';

const FIELD_TYPES: Record<string, string> = { year: 'integer', amount: 'number' };

const TITLES: Record<string, string> = {
  body: '部门（单位）', year: '年度', phase: '阶段', table: '表', table_title: '表名', row: '行', name: '项目名称',
  direction: '收支方向', measure: '栏目', measure_label: '栏目名称',
  functional_code: '支出功能分类科目编码', functional_level: '功能分类级次', functional_parent: '功能分类上级编码',
  economic_code: '支出经济分类科目编码', economic_level: '经济分类级次', economic_parent: '经济分类上级编码',
  amount: '金额（万元）',
};

function slug(m: Disclosure): string {
  const hex = [...new TextEncoder().encode(m.body.name)].slice(0, 12).map((b) => b.toString(16).padStart(2, '0')).join('');
  return `juesuan-${hex}-${m.year}`;
}

/** A classification dimension over the CSV's `<type>_code / _level / _parent` columns (类 › 款 › 项 by parent code). */
function classification(type: 'functional' | 'economic', levels: string): Record<string, unknown> {
  return {
    dimensionType: 'classification',
    classificationType: type,
    attributes: {
      code: { source: `${type}_code`, title: '科目编码' },
      level: { source: `${type}_level`, title: `级次（${levels}）` },
      parent: { source: `${type}_parent`, title: '上级科目编码', parent: 'code' },
      label: { source: 'name', title: '科目名称', labelfor: 'code' },
    },
    primaryKey: ['code'],
  };
}

export function dataPackage(m: Disclosure, csvPath = FDP_CSV_NAME): Record<string, unknown> {
  return {
    profile: 'fiscal-data-package',
    name: slug(m),
    title: `${m.body.name}${m.year}年度${m.body.level}决算`,
    countryCode: 'CN',
    fiscalPeriod: { start: `${m.year}-01-01`, end: `${m.year}-12-31` },
    resources: [
      {
        name: 'juesuan-long',
        path: csvPath,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: CSV_FIELDS.map((f) => ({ name: f, title: TITLES[f], type: FIELD_TYPES[f] ?? 'string' })),
          primaryKey: ['table', 'row', 'measure'],
        },
      },
    ],
    model: {
      measures: {
        amount: { source: 'amount', title: '决算数', currency: 'CNY', factor: 10000, phase: 'executed' },
      },
      dimensions: {
        direction: {
          dimensionType: 'other',
          attributes: { direction: { source: 'direction', title: '收支方向（revenue 收入 / expenditure 支出 / balance 结转结余与总计）' } },
          primaryKey: ['direction'],
        },
        phase: { dimensionType: 'other', attributes: { phase: { source: 'phase', title: '决算' } }, primaryKey: ['phase'] },
        table: {
          dimensionType: 'other',
          attributes: {
            table: { source: 'table' }, table_title: { source: 'table_title' }, row: { source: 'row' }, name: { source: 'name' },
            measure: { source: 'measure' }, measure_label: { source: 'measure_label' },
          },
          primaryKey: ['table', 'row', 'measure'],
        },
        'functional-classification': classification('functional', '类、款、项'),
        'economic-classification': classification('economic', '类、款'),
        entity: { dimensionType: 'entity', attributes: { body: { source: 'body' } }, primaryKey: ['body'] },
        date: { dimensionType: 'datetime', attributes: { year: { source: 'year' } }, primaryKey: ['year'] },
      },
    },
  };
}
