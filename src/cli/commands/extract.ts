/**
 * `juesuan extract <document> [-o model.json]`: read a published disclosure and write the model its claims
 * and tables filled, as JSON (to the file, never overwriting one, or to standard output). Exit 2 when the
 * document cannot be read, with a message naming the file and the problem.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ReadError } from '../../readers/types.js';
import { action, UserError, writeNew } from '../io.js';
import { MAX_FILE_BYTES, MAX_TEXT_BYTES } from './check.js';

const TEXT_LIKE = new Set(['.txt', '.md', '.html', '.htm']);

async function readDocument(file: string): Promise<Uint8Array> {
  try {
    const st = await fsp.stat(file);
    if (st.isDirectory()) throw new UserError(`${file}：是目录，应为一个文档文件`);
    const max = TEXT_LIKE.has(path.extname(file).toLowerCase()) ? MAX_TEXT_BYTES : MAX_FILE_BYTES;
    if (st.size > max) throw new UserError(`${file}：文件有 ${(st.size / 1048576).toFixed(1)} MB，超过了 ${(max / 1048576).toFixed(1)} MB 的上限，未读取`);
    return new Uint8Array(await fsp.readFile(file));
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`${file}：找不到这个文件`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`${file}：没有读取权限`);
    throw new UserError(`${file}：无法读取（${(err as Error).message}）`);
  }
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('从已公开的决算文档中提取模型（JSON）')
    .argument('[document...]', '文档文件（.txt .md .docx .html .htm .pdf）')
    .option('-o, --output <file>', '写入的模型文件（同名文件已存在时另存为 名称.v2.json，从不覆盖）；省略则输出到标准输出')
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
        const bytes = await readDocument(document);
        const { extractModel } = await import('../../engine/extract.js');
        let model: unknown;
        try {
          model = await extractModel(bytes, document);
        } catch (err) {
          if (err instanceof ReadError) {
            throw new UserError(err.message.includes(document) ? err.message : `${document}：${err.message}`);
          }
          throw err;
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
