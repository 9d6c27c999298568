#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs through `prepare`) in this
// process: no second process, no transpiling at start-up, and Ctrl-C / SIGTERM reach the command itself.
// Without a build (a fresh clone before `npm ci`), it runs the TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write('juesuan: 未找到编译结果 dist/（请运行 npm run build），暂以源码运行（较慢）\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
