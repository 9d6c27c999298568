/**
 * Checking speed: documents per second for the seed-sized text, and for the generator's DOCX, HTML and
 * Markdown of the example, on one core (the loop is sequential). Run alone: `npx tsx bench/check.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkBytes } from '../src/engine/check.js';
import { validateDisclosure } from '../src/model/schema.js';
import { generate } from '../src/generate/index.js';
import { renderMarkdown, renderHtml, renderDocx } from '../src/render/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function rate(name: string, bytes: Uint8Array, file: string, minMs = 3000): Promise<{ name: string; docs: number; 'docs/s': number; 'ms/doc': number; KB: number }> {
  for (let i = 0; i < 5; i++) await checkBytes(bytes, file); // warm up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    await checkBytes(bytes, file);
    n++;
  }
  const ms = performance.now() - t0;
  return { name, docs: n, 'docs/s': Math.round((n / ms) * 1000), 'ms/doc': Number((ms / n).toFixed(2)), KB: Math.round(bytes.length / 1024) };
}

export default async function benchCheck() {
  const seedPath = path.resolve(root, '../shared/corpus/seed/cq-beibei-zfb-2020.txt');
  const seed = new Uint8Array(readFileSync(seedPath));
  const v = validateDisclosure(JSON.parse(readFileSync(path.join(root, 'examples/cq-beibei-zfb-2020.json'), 'utf8')));
  if (!v.ok) throw new Error('example model invalid');
  const doc = generate(v.model);
  const enc = new TextEncoder();
  return [
    await rate('check seed text (txt)', seed, 'seed.txt'),
    await rate('check rendered md', enc.encode(renderMarkdown(doc)), 'seed.md'),
    await rate('check rendered html', enc.encode(renderHtml(doc)), 'seed.html'),
    await rate('check rendered docx', await renderDocx(doc), 'seed.docx'),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchCheck();
  for (const r of rows) console.log(JSON.stringify(r));
}
