/**
 * `juesuan extract <document> [-o model.json]`: read a published disclosure and write the model its claims
 * and tables filled, as JSON (to the file, never overwriting one, or to standard output). Exit 2 when the
 * document cannot be read or exceeds the per-file time or memory limit (it is read on a worker, as `check`
 * reads: src/cli/limits.ts), with a message naming the file and the problem.
 */
import type { Command } from 'commander';
import { ReadError } from '../../readers/types.js';
import { action, readInputFile, UserError, writeNew } from '../io.js';
import { isolated, limitOptions, parseLimits, type LimitFlags } from '../limits.js';

export function registerExtract(program: Command): Command {
  const cmd = program
    .command('extract')
    .description('从已公开的决算文档中提取模型（JSON）')
    .argument('[文档...]', '文档文件（.txt .md .docx .html .htm .pdf）')
    .option('-o, --output <文件>', '写入的模型文件（同名文件已存在时另存为 名称.v2.json，从不覆盖）；省略则输出到标准输出');
  return limitOptions(cmd, '提取')
    .addHelpText('after', '\n文档在独立的工作线程中读取，有时限（--timeout）和内存上限（--max-memory），超出时报告文件名并以 2 退出。\n退出码：0 成功；2 文档无法读取、超出时限或内存上限，或参数有误。\n')
    // Usage errors are refused here with exit code 2 rather than by commander (exit 1).
    .allowUnknownOption()
    .action(
      action(async (args: string[], opts: { output?: string } & LimitFlags) => {
        const unknown = args.filter((a) => a.length > 1 && a.startsWith('-'));
        if (unknown.length > 0) throw new UserError(`未知的选项：${unknown.join(' ')}（运行 juesuan extract --help 查看用法）`);
        if (args.length === 0) throw new UserError('请给出要提取的文档，例如 juesuan extract 决算.pdf -o model.json');
        if (args.length > 1) throw new UserError(`一次只能提取一个文档，收到 ${args.length} 个：${args.join('、')}`);
        const document = args[0];
        const limits = parseLimits(opts);
        const bytes = await readInputFile(document);
        let model: unknown;
        try {
          // On a worker with the per-file limits, as `check` does: a hostile document fails by name (exit 2).
          model = await isolated(limits, (pool) => pool.extractModel(bytes, document));
        } catch (err) {
          if (err instanceof ReadError) {
            throw new UserError(err.message.includes(document) ? err.message : `${document}：${err.message}`);
          }
          // Not the reader's refusal: still name the file, so a batch script knows which one failed.
          const msg = err instanceof Error ? err.message : String(err);
          throw new UserError(`${document}：提取时出错（${msg}）；如确认文档无误，请附上该文件报告此问题`);
        }
        const json = JSON.stringify(model, null, 2) + '\n';
        if (opts.output === undefined) process.stdout.write(json);
        else {
          const written = await writeNew(opts.output, json);
          process.stderr.write(`juesuan: 模型已写入 ${written}\n`);
        }
      }),
    );
}
