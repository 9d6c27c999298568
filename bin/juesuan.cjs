#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `npm ci` runs through `prepare`) in this
// process: no second process, no transpiling at start-up, and Ctrl-C / SIGTERM reach the command itself.
// CommonJS, so that the launch (dist/launch.cjs, src/cli/launch.ts: a check's first worker thread) runs
// before Node sets up its ESM loader for the command line (dist/cli.js): ~7 ms sooner on a one-file check.
// Without a build (a fresh clone before `npm ci`), it runs the TypeScript sources through tsx instead.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = path.join(__dirname, '..', 'dist');
if (existsSync(path.join(dist, 'cli.js'))) {
  if (existsSync(path.join(dist, 'launch.cjs'))) require(path.join(dist, 'launch.cjs'));
  void import(pathToFileURL(path.join(dist, 'cli.js')).href);
} else {
  process.stderr.write('juesuan: 未找到编译结果 dist/（请运行 npm run build），暂以源码运行（较慢）\n');
  void import('tsx/esm/api').then(({ register }) => {
    register();
    return import(pathToFileURL(path.join(__dirname, '..', 'src/cli/main.ts')).href);
  });
}
