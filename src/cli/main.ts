/**
 * juesuan command line. The only layer (with bench/) that touches files and the process.
 * Commands live one per file in ./commands/ and are listed in ./commands/index.ts.
 */
import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';
import { registerNew } from './commands/new.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerTemplate } from './commands/template.js';

const program = new Command();
program
  .name('juesuan')
  .description('部门决算公开：生成（render）、审核（check）、提取（extract）')
  .version('0.1.0')
  .showHelpAfterError();

for (const register of COMMANDS) register(program);
registerNew(program);
registerImport(program);
registerExport(program);
registerTemplate(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  // Commands report their own user errors with exit code 2; anything reaching here is unexpected.
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`juesuan: 内部错误：${msg}\n`);
  process.exitCode = 2;
});
