/**
 * A leaves-only model for tests: the example's texts, comparatives and 三公 items, with tables that state only
 * what a person knows (项 rows with their 基本/项目 split, 经济分类 款 of 基本支出, income by source, 年初结转).
 * Every total, T2, T3, T4, T7 and the 类/款 rows are left to model/derive.ts. The 项 figures are made up for the
 * test (the seed states none); they add up to round 类 amounts so that a reader can follow them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Loose = any;

export const EXAMPLE_PATH = path.resolve(process.cwd(), 'examples/cq-beibei-zfb-2020.json');

export function leavesModel(): Loose {
  const m: Loose = JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8'));
  const r = (code: string, name: string, values: Record<string, string>) => ({ code, name, values });
  m.tables = [
    {
      kind: 't1', unit: '万元', rows: [
        { key: 'in.general', side: 'income', name: '一般公共预算财政拨款收入', values: { amount: '1800.00' } },
        { key: 'in.fund', side: 'income', name: '政府性基金预算财政拨款收入', values: { amount: '84.58' } },
        { key: 'in.capital', side: 'income', name: '国有资本经营预算财政拨款收入', values: { amount: '0.00' } },
        { key: 'in.superior', side: 'income', name: '上级补助收入', values: { amount: '0.00' } },
        { key: 'in.business', side: 'income', name: '事业收入', values: { amount: '0.00' } },
        { key: 'in.operating', side: 'income', name: '经营收入', values: { amount: '0.00' } },
        { key: 'in.subordinate', side: 'income', name: '附属单位上缴收入', values: { amount: '0.00' } },
        { key: 'in.other', side: 'income', name: '其他收入', values: { amount: '0.00' } },
        { key: 'in.nonfiscal', side: 'income', name: '用事业基金弥补收支差额', values: { amount: '0.00' } },
        { key: 'in.opening', side: 'income', name: '年初结转和结余', values: { amount: '7.20' } },
        { key: 'out.distribution', side: 'expense', name: '结余分配', values: { amount: '0.00' } },
      ],
    },
    { kind: 't2', unit: '万元', rows: [] },
    { kind: 't3', unit: '万元', rows: [] },
    {
      kind: 't4', unit: '万元', rows: [
        { key: 'in.opening', side: 'income', name: '年初财政拨款结转和结余', values: { general: '7.20', fund: '0.00', capital: '0.00' } },
      ],
    },
    {
      kind: 't5', unit: '万元', rows: [
        // 款 rows name the level between 类 and 项; their figures are derived.
        r('20103', '政府办公厅（室）及相关机构事务', {}),
        r('20805', '行政事业单位养老支出', {}),
        r('21011', '行政事业单位医疗', {}),
        r('22102', '住房改革支出', {}),
        r('2010301', '行政运行', { basic: '1100.00', project: '0.00' }),
        r('2010302', '一般行政管理事务', { basic: '0.00', project: '200.00' }),
        r('2010350', '事业运行', { basic: '150.00', project: '0.00' }),
        r('2080501', '行政单位离退休', { basic: '180.00', project: '0.00' }),
        r('2080505', '机关事业单位基本养老保险缴费支出', { basic: '60.00', project: '0.00' }),
        r('2101101', '行政单位医疗', { basic: '50.00', project: '0.00' }),
        r('2210201', '住房公积金', { basic: '60.00', project: '0.00' }),
      ],
    },
    {
      kind: 't6', unit: '万元', rows: [
        r('30101', '基本工资', { amount: '600.00' }),
        r('30102', '津贴补贴', { amount: '300.00' }),
        r('30108', '机关事业单位基本养老保险缴费', { amount: '100.00' }),
        r('30302', '退休费', { amount: '150.00' }),
        r('30201', '办公费', { amount: '200.00' }),
        r('30211', '差旅费', { amount: '150.00' }),
        r('30231', '公务用车运行维护费', { amount: '32.76' }),
        r('30299', '其他商品和服务支出', { amount: '67.24' }),
      ],
    },
    { kind: 't7', unit: '万元', rows: [] },
    {
      kind: 't8', unit: '万元', rows: [
        r('23401', '基础设施建设', {}),
        r('2340101', '公共卫生体系建设', { opening: '0.00', income: '84.58', basic: '0.00', project: '84.58' }),
      ],
    },
    { kind: 't9', unit: '万元', empty: true, rows: [] },
  ];
  m.operatingCosts.current = '450.00';
  m.comparatives['公用经费'].prior = '367.61';
  return m;
}
