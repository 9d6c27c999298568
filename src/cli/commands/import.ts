/**
 * `juesuan import <tables.xlsx|.xls> -o model.json [--base model.json]`: read the nine tables from a workbook into
 * a model. Every cell that cannot be placed is listed with its address; with any problem nothing is written
 * (exit 2). The texts and other parts come from the workbook's 模型数据 sheet (an exported workbook) or --base.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ReadError } from '../../readers/types.js';
import { action, displayPath, loadModel, readInputFile, UserError, writeNew } from '../io.js';
import { isolated, limitOptions, parseLimits, type LimitFlags } from '../limits.js';

interface ImportOptions extends LimitFlags {
  output?: string;
  base?: string;
}

export async function runImport(file: string, opts: ImportOptions): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.xls') throw new UserError(`${file}：应为 .xlsx 或 .xls 工作簿`);
  const { MAX_XLSX_BYTES } = await import('../../xlsx/read.js');
  const limits = parseLimits(opts);
  const st = await fsp.stat(file).catch(() => null);
  if (!st) throw new UserError(`${file}：文件不存在`, 2, 'not-found');
  if (st.size > MAX_XLSX_BYTES) throw new UserError(`${file}：文件有 ${(st.size / 1048576).toFixed(1)} MB，超过了 20 MB 的上限，未读取`, 2, 'too-large');
  const bytes = await readInputFile(file, 'Excel 工作簿');
  const base = opts.base ? await loadModel(opts.base) : undefined;
  let model;
  try {
    // The workbook is read on a worker with the per-file limits (a zip bomb or a sheet claiming a million rows
    // ends the worker, not the command): its listed problems come back as a ReadError.
    model = await isolated(limits, (pool) => pool.importWorkbook(bytes, file, base));
  } catch (err) {
    if (err instanceof ReadError) throw new UserError(err.message.includes(file) ? err.message : `${file}：${err.message}`, 2, err.code);
    throw err;
  }
  const target = opts.output ?? `${path.basename(file, ext)}.json`;
  return writeNew(target, JSON.stringify(model, null, 2) + '\n');
}

export function registerImport(program: Command): Command {
  const cmd = program
    .command('import')
    .description('从 Excel 工作簿（.xlsx/.xls）读取九张表，生成模型；任何单元格无法归属时逐格列出，不写文件')
    .argument('<工作簿>', '工作簿文件')
    .option('-o, --output <文件>', '模型文件（已存在时写入 name.v2.json）')
    .option('--base <模型>', '补全说明文字、“三公”、资产等的模型（工作簿没有“模型数据”表时必需）');
  return limitOptions(cmd, '读取')
    .action(
      action(async (workbook: string, opts: ImportOptions) => {
        const written = await runImport(workbook, opts);
        process.stdout.write(`已写入 ${displayPath(written)}\n`);
      }),
    );
}
