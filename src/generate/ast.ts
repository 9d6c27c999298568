/**
 * The generated document as a small tree, independent of the output format. Content handlers
 * (generate/chongqing/…) build it from the model; renderers (render/md, render/html, render/docx)
 * turn it into a file. Every figure in it comes from calc/compare.
 */

export interface Cell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export type DocNode =
  | { type: 'title'; text: string; subtitle?: string }
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { type: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right' }
  | {
      type: 'table';
      /** Title printed above the table (e.g. 北碚区2020年度项目支出绩效自评表). */
      caption?: string;
      /** Line under the caption: 单位：万元 / 填报单位… */
      subcaption?: string;
      header: Cell[][];
      body: Cell[][];
      /** Relative column widths. */
      widths?: number[];
      note?: string;
    }
  | { type: 'pageBreak' };

export interface GeneratedDoc {
  title: string;
  nodes: DocNode[];
}
