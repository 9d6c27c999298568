/**
 * The generator: model → document tree (generate/ast.ts). Content only; renderers (render/*) turn the
 * tree into Markdown, HTML or DOCX. The template is chosen by model.style.template.
 */
import type { Disclosure } from '../model/schema.js';
import type { GeneratedDoc } from './ast.js';
import { generateChongqing } from './chongqing/index.js';

export type { GeneratedDoc, DocNode, Cell } from './ast.js';

export class UnsupportedTemplateError extends Error {
  constructor(readonly template: string) {
    super(`暂不支持“${template}”模板的生成，目前支持：chongqing（重庆）。`);
    this.name = 'UnsupportedTemplateError';
  }
}

export function generate(model: Disclosure): GeneratedDoc {
  switch (model.style.template) {
    case 'chongqing':
      return generateChongqing(model);
    default:
      throw new UnsupportedTemplateError(model.style.template);
  }
}
