/**
 * `juesuan extract <document> [-o model.json]`: read a published disclosure and write the model its claims
 * and tables filled, as JSON (to the file, never overwriting one, or to standard output). Exit 2 when the
 * document cannot be read, with a message naming the file and the problem.
 */
import type { Command } from 'commander';
import { ReadError } from '../../readers/types.js';
import { action, readInputFile, UserError, writeNew } from '../io.js';

export function registerExtract(program: Command): Command {
  return program
    .command('extract')
    .description('从已公开的决算文档中提取模型（JSON）')
    .argument('[文档...]', '文档文件（.txt .md .docx .html .htm .pdf）')
    .option('-o, --output <文件>', '写入的模型文件（同名文件已存在时另存为 名称.v2.json，从不覆盖）；省略则输出到标准输出')
    .addHelpText('after', '\n退出码：0 成功；2 文档无法读取或参数有误。\n')
    // Usage errors are refused here with exit code 2 rather than by commander (exit 1).
    .allowUnknownOption()
    .action(
      action(async (args: string[], opts: { output?: string }) => {
        const unknown = args.filter((a) => a.length > 1 && a.startsWith('-'));
        if (unknown.length > 0) throw new UserError(`未知的选项：${unknown.join(' ')}（运行 juesuan extract --help 查看用法）`);
        if (args.length === 0) throw new UserError('请给出要提取的文档，例如 juesuan extract 决算.pdf -o model.json');
        if (args.length > 1) throw new UserError(`一次只能提取一个文档，收到 ${args.length} 个：${args.join('、')}`);
        const document = args[0];
        const bytes = await readInputFile(document);
        const { extractModel } = await import('../../engine/extract.js');
        let model: unknown;
        try {
          model = await extractModel(bytes, document);
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
