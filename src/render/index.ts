/** Output formats: format name → renderer. Renderers are pure (tree in, text or bytes out). */
import type { GeneratedDoc } from '../generate/ast.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './md.js';

export { renderDocx, renderHtml, renderMarkdown };
/** PDF needs font bytes (cli/fonts.ts reads them from npm packages), so it is not in RENDERERS. */
export { renderPdf } from './pdf.js';

export type Format = 'md' | 'html' | 'docx';

interface Renderer {
  /** File extension without the dot. */
  ext: string;
  mime: string;
  render(doc: GeneratedDoc): Promise<Uint8Array | string>;
}

const RENDERERS: Record<Format, Renderer> = {
  md: { ext: 'md', mime: 'text/markdown; charset=utf-8', render: async (d) => renderMarkdown(d) },
  html: { ext: 'html', mime: 'text/html; charset=utf-8', render: async (d) => renderHtml(d) },
  docx: {
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: (d) => renderDocx(d),
  },
};

/** Render to bytes (UTF-8 for text formats). */
export async function renderTo(format: Format, doc: GeneratedDoc): Promise<Uint8Array> {
  const out = await RENDERERS[format].render(doc);
  return typeof out === 'string' ? new TextEncoder().encode(out) : out;
}
