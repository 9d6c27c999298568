/**
 * Vocabulary: regional and era titles of the nine 部门决算 tables beyond those in src/model/tables.ts
 * (TABLE_SPECS titles and titleVariants are used too). Used by doc/nine-tables and doc/toc-tables to
 * recognise a printed table title. Data only: add a variant with the region/era that prints it.
 */
import type { TableKind } from '../model/tables.js';

export const EXTRA_TABLE_TITLES: Partial<Record<TableKind, string[]>> = {
  // domain.md §1.2: 柞水 收入决算总表 (in TABLE_SPECS); 苍南 2022 splits 表2/表3 into (分单位)/(分科目) — matched with the suffix dropped.
  t1: ['收入支出决算总表', '部门收入支出决算总表'],
  // 陕西 adds 会议费、培训费; 云南 prints 三公 with 机关运行经费; 广西 “…安排的“三公”经费…”; central 2021+ 财政拨款“三公”经费….
  t7: ['“三公”经费及会议费、培训费支出决算表', '“三公”经费、行政参公单位机关运行经费情况表', '一般公共预算财政拨款“三公”经费支出决算明细表'],
  // Central "明细表" variants.
  t5: ['一般公共预算财政拨款支出决算明细表'],
  t6: ['一般公共预算财政拨款基本支出决算明细表'],
  // 北京 2017 prints 表7/表8 as 政府性基金预算财政拨款收入支出决算表 plus a 基本支出 table (not one of the nine).
  t8: ['政府性基金预算财政拨款收入支出决算表'],
};

/** Parenthesised suffixes printed after a title that do not change which table it is. */
export const TITLE_SUFFIXES = '\\((?:分单位|分科目|功能科目|经济科目|按功能分类|按经济分类|续表?)\\)$|续表$';
