/**
 * juesuan command line. The only layer (with bench/) that touches files and the process.
 * Commands live one per file in ./commands/ and are listed in ./commands/index.ts; each loads what it
 * needs only when it runs (the engine, pdfjs, docx), so `--help` starts at once. Help and usage errors are
 * in Chinese; a usage error (unknown command or option, no command) exits with 2.
 */
import { Command, CommanderError, Help, type Option } from 'commander';
import { COMMANDS } from './commands/index.js';
import { installSignalHandlers } from './io.js';

/** commander's English usage errors, in Chinese (help text is translated by HELP_ZH below). */
const ERRORS_ZH: [RegExp, string][] = [
  [/error: unknown command '([^']*)'/g, '错误：没有“$1”这个命令（可用：check、render、extract、new、import、export、template、demo、serve、worker）'],
  [/error: unknown option '([^']*)'/g, '错误：未知的选项“$1”'],
  [/error: missing required argument '([^']*)'/g, '错误：缺少参数 $1'],
  [/error: option '([^']*)' argument missing/g, '错误：选项 $1 需要一个值'],
  [/error: too many arguments[^.]*\. Expected (\d+) arguments? but got (\d+)\./g, '错误：参数过多（应为 $1 个，收到 $2 个）'],
  [/\(Did you mean ([^?]*)\?\)/g, '（是否想用 $1？）'],
  [/^error: /gm, '错误：'],
];

function zh(s: string): string {
  for (const [re, to] of ERRORS_ZH) s = s.replace(re, to);
  return s;
}

const TITLES: Record<string, string> = { 'Usage:': '用法', 'Options:': '选项：', 'Arguments:': '参数：', 'Commands:': '命令：', 'Global Options:': '全局选项：' };
const usageZh = (s: string): string => s.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');
/** Terminal columns of a string: CJK and full-width characters take two (commander counts one). */
const displayWidth = (s: string): number => {
  let w = 0;
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
};

const HELP_ZH = {
  styleTitle: (s: string) => TITLES[s] ?? s,
  styleUsage: usageZh,
  styleSubcommandTerm: usageZh,
  displayWidth,
  optionDescription(this: Help, option: Option): string {
    return Help.prototype.optionDescription.call(this, option).replace(/\(default: ([^)]*)\)/g, '（默认：$1）');
  },
};
const OUTPUT_ZH = { writeOut: (s: string) => void process.stdout.write(s), writeErr: (s: string) => void process.stderr.write(zh(s)) };

const program = new Command();
program
  .name('juesuan')
  .description('部门决算公开：生成（render）、审核（check）、提取（extract）')
  .version('0.1.0', '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .helpCommand('help [命令]', '显示某个命令的帮助')
  .addHelpText('after', '\n退出码：0 成功；1 审核发现“错误”级别的问题；2 无法运行（参数有误、文件无法读取等）。\n运行 juesuan 命令 --help 查看各命令的用法。\n')
  .configureHelp(HELP_ZH)
  .configureOutput(OUTPUT_ZH)
  .showHelpAfterError('（运行 juesuan --help 查看用法）')
  .exitOverride();

for (const register of COMMANDS) {
  const cmd = register(program);
  cmd.helpOption('-h, --help', '显示帮助').configureHelp(HELP_ZH).configureOutput(OUTPUT_ZH).exitOverride();
}

installSignalHandlers();
// A reader that stops reading (`juesuan --help | head -1`) ends our output, not the command with a stack trace:
// what is left unwritten is dropped (`check` also stops checking, ./commands/check.ts).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

if (process.argv.length <= 2) {
  // No command: the help, on stderr, and the exit code of a usage error.
  program.outputHelp({ error: true });
  process.exitCode = 2;
} else {
  program.parseAsync(process.argv).catch((err: unknown) => {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0; usage errors get 2 (commander says 1).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    // Commands report their own user errors with exit code 2; anything reaching here is unexpected.
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`juesuan: 内部错误：${msg}\n`);
    process.exitCode = 2;
  });
}
