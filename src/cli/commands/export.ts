/**
 * `juesuan export <model> --format xlsx|csv|fdp -o <file or dir>`: the nine tables as a formatted workbook (as
 * published; `juesuan import` reads it back to the same model), as one long CSV (万元), or as a Fiscal Data
 * Package (a new directory with datapackage.json and the CSV). Never overwrites: name.v2.ext / dir.v2.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action, displayPath, loadModel, nextFreePath, UserError, writeNew } from '../io.js';

const EXPORT_FORMATS = ['xlsx', 'csv', 'fdp'] as const;

interface ExportOptions {
  format?: string;
  output?: string;
}

/** Write the export; returns the paths written. */
export async function runExport(modelFile: string, opts: ExportOptions): Promise<string[]> {
  const ext = opts.output ? path.extname(opts.output).slice(1).toLowerCase() : '';
  const format = (opts.format ?? (ext === 'xlsx' || ext === 'csv' ? ext : 'xlsx')).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UserError(`--format：不支持“${opts.format}”，应为 ${EXPORT_FORMATS.join('、')} 之一`);
  const model = await loadModel(modelFile);
  const stem = path.basename(modelFile, path.extname(modelFile));
  if (format === 'xlsx') {
    const { writeXlsx } = await import('../../xlsx/write.js');
    return [await writeNew(opts.output ?? `${stem}.xlsx`, await writeXlsx(model))];
  }
  const { toCsv } = await import('../../export/csv.js');
  if (format === 'csv') return [await writeNew(opts.output ?? `${stem}.csv`, toCsv(model))];
  const { dataPackage, FDP_CSV_NAME } = await import('../../export/fdp.js');
  const dir = nextFreePath(path.resolve(opts.output ?? `${stem}-fdp`));
  if (existsSync(dir)) throw new UserError(`${displayPath(dir)}：已存在`);
  await fsp.mkdir(dir, { recursive: true });
  const csv = await writeNew(path.join(dir, FDP_CSV_NAME), toCsv(model));
  const pkg = await writeNew(path.join(dir, 'datapackage.json'), JSON.stringify(dataPackage(model, path.basename(csv)), null, 2) + '\n');
  return [pkg, csv];
}

export function registerExport(program: Command): Command {
  return program
    .command('export')
    .description('导出九张表：xlsx（按公开格式）、csv（长表，万元）、fdp（Fiscal Data Package）；不覆盖已有文件')
    .argument('<模型>', '模型文件（.json 或 .yaml）')
    .option('-f, --format <格式>', `格式：${EXPORT_FORMATS.join(' | ')}（默认取 -o 的扩展名，否则 xlsx）`)
    .option('-o, --output <文件>', '输出文件（fdp 为目录）')
    .action(
      action(async (model: string, opts: ExportOptions) => {
        for (const p of await runExport(model, opts)) process.stdout.write(`已写入 ${displayPath(p)}\n`);
      }),
    );
}
