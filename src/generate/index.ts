/**
 * The generator: model → document tree (generate/ast.ts). Content only; renderers (render/*) turn the
 * tree into Markdown, HTML or DOCX. The template is chosen by model.style.template.
 */
import type { Disclosure } from '../model/schema.js';
import type { GeneratedDoc } from './ast.js';
import { generateChongqing } from './chongqing/index.js';
import { generateShanghai } from './shanghai/index.js';


/**
 * The styles, chosen per region by model.style.template: each is a function model → tree, made of
 * data (titles, notes, fixed sentences) and a few handlers. Adding one is adding a line here.
 */
const STYLES: Record<string, { label: string; generate: (m: Disclosure) => GeneratedDoc }> = {
  chongqing: { label: '重庆', generate: generateChongqing },
  shanghai: { label: '上海 2024', generate: generateShanghai },
};

export class UnsupportedTemplateError extends Error {
  constructor(readonly template: string) {
    super(`暂不支持“${template}”模板的生成，目前支持：${Object.entries(STYLES).map(([k, s]) => `${k}（${s.label}）`).join('、')}。`);
    this.name = 'UnsupportedTemplateError';
  }
}

export function generate(model: Disclosure): GeneratedDoc {
  const style = Object.hasOwn(STYLES, model.style.template) ? STYLES[model.style.template] : undefined;
  if (!style) throw new UnsupportedTemplateError(model.style.template);
  return style.generate(model);
}
