/**
 * `juesuan demo [-o out/]`: render the bundled example (北碚区政府办 2020) to md, html, docx and pdf
 * (pdf with the npm-installed fonts; no LibreOffice needed) into out/. Never overwrites (name.vN.ext).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { action, displayPath, loadModel, packageRoot, writeNew } from '../io.js';
import { generateDoc, renderFormat, type OutputFormat } from './render.js';

/** The bundled example model, in the package root (found from this file, built into dist/ or not). */
const EXAMPLE_MODEL = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'examples/cq-beibei-zfb-2020.json');

interface DemoResult {
  written: { format: OutputFormat; path: string }[];
  skipped: { format: OutputFormat; reason: string }[];
}

async function runDemo(outDir: string, log: (line: string) => void = () => {}): Promise<DemoResult> {
  const model = await loadModel(EXAMPLE_MODEL);
  const doc = await generateDoc(model);
  const stem = path.basename(EXAMPLE_MODEL, '.json');
  const result: DemoResult = { written: [], skipped: [] };
  const formats: OutputFormat[] = ['md', 'html', 'docx', 'pdf'];
  for (const format of formats) {
    const bytes = await renderFormat(format, doc);
    const p = await writeNew(path.join(outDir, `${stem}.${format}`), bytes);
    result.written.push({ format, path: p });
    log(`  ${format.padEnd(4)} ${displayPath(p)}`);
  }
  return result;
}

export function registerDemo(program: Command): Command {
  return program
    .command('demo')
    .description('用内置示例（重庆市北碚区人民政府办公室2020年度）生成 md、html、docx、pdf')
    .option('-o, --output <目录>', '输出目录', 'out')
    .action(
      action(async (opts: { output: string }) => {
        process.stdout.write(`示例模型：${displayPath(EXAMPLE_MODEL)}\n已写入：\n`);
        await runDemo(opts.output, (l) => process.stdout.write(l + '\n'));
      }),
    );
}
