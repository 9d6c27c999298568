/**
 * `juesuan new --from last.json --year 2021 -o model.json`: start this year's model from last year's (model or
 * `juesuan extract` output): last year's 本年 figures become 上年数, its leaves and texts are drafts to revise
 * (listed in dataNotes), year-bound phrases follow the year. Never overwrites (name.v2.json).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { action, displayPath, readInputFile, UserError, writeNew } from '../io.js';

interface NewOptions {
  from?: string;
  year?: string;
  output?: string;
}

export async function runNew(opts: NewOptions): Promise<string> {
  // Imported here, not at the top: yaml and zod would otherwise load on every command (`check` too).
  const [{ parseModelText }, { validateDisclosure }, { carryForward }] = await Promise.all([
    import('../../model/parse.js'),
    import('../../model/schema.js'),
    import('../../model/carry.js'),
  ]);
  if (!opts.from) throw new UserError('请用 --from 给出上年的模型，例如 juesuan new --from last.json --year 2021 -o model.json');
  const bytes = await readInputFile(opts.from, '模型文件（.json 或 .yaml）');
  const data = parseModelText(opts.from, new TextDecoder().decode(bytes));
  const stated = validateDisclosure(data, { derive: false });
  const derived = validateDisclosure(data);
  if (!stated.ok || !derived.ok) {
    const issues = (!derived.ok ? derived.issues : !stated.ok ? stated.issues : []).slice(0, 20);
    throw new UserError([`${opts.from}：模型不符合要求：`, ...issues.map((i) => `  ${opts.from}: ${i.path}: ${i.message}`)].join('\n'));
  }
  const year = opts.year ? Number(opts.year) : derived.model.year + 1;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError(`--year：“${opts.year}”不是年份`);
  if (year <= derived.model.year) throw new UserError(`--year：${year} 不晚于上年模型的年度 ${derived.model.year}`);
  const { model } = carryForward(derived.model, year, stated.model);
  const target = opts.output ?? path.join(path.dirname(opts.from), `model-${year}.json`);
  return writeNew(target, JSON.stringify(model, null, 2) + '\n');
}

export function registerNew(program: Command): Command {
  return program
    .command('new')
    .description('以上年模型为起点生成本年模型：上年本年数转为上年数，文字作为待修订的草稿，年度随之更新')
    .requiredOption('--from <模型>', '上年的模型（.json 或 .yaml）')
    .option('--year <年度>', '本年度（默认上年 + 1）')
    .option('-o, --output <文件>', '输出模型（已存在时写入 name.v2.json）')
    .action(
      action(async (opts: NewOptions) => {
        process.stdout.write(`已写入 ${displayPath(await runNew(opts))}\n`);
      }),
    );
}
