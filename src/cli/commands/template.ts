/**
 * `juesuan template --format xlsx [-o 模板.xlsx] [--year 2021]`: a workbook to fill in: the nine tables with their
 * published headers and named rows, figures blank, and the 模型数据 sheet with the texts to write. Filled in,
 * it goes back through `juesuan import`.
 */
import type { Command } from 'commander';
import { action, displayPath, UserError, writeNew } from '../io.js';
import { blankModel } from '../../model/blank.js';

interface TemplateOptions {
  format?: string;
  output?: string;
  year?: string;
}

export async function runTemplate(opts: TemplateOptions): Promise<string> {
  const format = (opts.format ?? 'xlsx').toLowerCase();
  if (format !== 'xlsx') throw new UserError(`--format：不支持“${opts.format}”，目前只有 xlsx`);
  const year = opts.year ? Number(opts.year) : new Date().getUTCFullYear() - 1;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError(`--year：“${opts.year}”不是年份`);
  const { writeXlsx } = await import('../../xlsx/write.js');
  return writeNew(opts.output ?? `决算模板-${year}.xlsx`, await writeXlsx(blankModel(year)));
}

export function registerTemplate(program: Command): Command {
  return program
    .command('template')
    .description('写出待填写的九张表工作簿（xlsx）')
    .option('-f, --format <格式>', '格式：xlsx', 'xlsx')
    .option('-o, --output <文件>', '输出文件（已存在时写入 name.v2.xlsx）')
    .option('--year <年度>', '决算年度（默认上一年）')
    .action(
      action(async (opts: TemplateOptions) => {
        process.stdout.write(`已写入 ${displayPath(await runTemplate(opts))}\n`);
      }),
    );
}
