/**
 * A small hand-built document exercising every node type and merged cells. Used by the renderer
 * tests and as a smoke input for the renderers before/without the generator.
 */
import type { GeneratedDoc } from '../generate/ast.js';

export function sampleDoc(): GeneratedDoc {
  return {
    title: '重庆市北碚区人民政府办公室2020年度部门决算情况说明',
    nodes: [
      { type: 'title', text: '重庆市北碚区人民政府办公室2020年度部门决算情况说明', subtitle: '（示例）' },
      { type: 'heading', level: 1, text: '一、部门基本情况' },
      { type: 'heading', level: 2, text: '（一）职能职责' },
      { type: 'paragraph', text: '1.负责区政府会议的准备工作，协助区领导同志组织实施会议决定事项。' },
      { type: 'heading', level: 3, text: '1.总体情况。' },
      { type: 'heading', level: 4, text: '（1）一般公共服务支出' },
      {
        type: 'paragraph',
        text: '2020年度收入总计1,918.25万元，支出总计1,918.25万元。特殊字符 <b>&amp; | * _ 保持原样。',
      },
      { type: 'paragraph', text: '单位：万元', align: 'right', indent: false },
      { type: 'pageBreak' },
      {
        type: 'table',
        caption: '收入支出决算总表',
        subcaption: '单位：万元',
        widths: [3, 1, 2, 2],
        header: [
          [
            { text: '项目', rowSpan: 2 },
            { text: '行次', rowSpan: 2 },
            { text: '本年收入', colSpan: 2 },
          ],
          [{ text: '财政拨款' }, { text: '其他收入' }],
        ],
        body: [
          [{ text: '一般公共服务支出', rowSpan: 2 }, { text: '1', align: 'center' }, { text: '1,462.95', align: 'right' }, { text: '0.00', align: 'right' }],
          [{ text: '2', align: 'center' }, { text: '12.00', align: 'right' }, { text: '—', align: 'right' }],
          [{ text: '合计', colSpan: 2, align: 'center', bold: true }, { text: '1,474.95', align: 'right', bold: true }, { text: '0.00', align: 'right', bold: true }],
        ],
        note: '注：本表反映部门本年度的总收支和年末结转结余情况。',
      },
      { type: 'pageBreak' },
      { type: 'heading', level: 1, text: '二、名词解释' },
      { type: 'paragraph', text: '财政拨款收入：指区级财政当年拨付的资金。' },
    ],
  };
}
