#!/usr/bin/env node
/**
 * `npm start`: the workbench on this machine in one command. Builds what is missing — the command line
 * (dist/, normally made by `npm ci`) and the screens (web/dist/, by vite) — then runs `juesuan serve` with any
 * arguments given after `--` (e.g. `npm start -- --port 9000`). On first run serve creates the SQLite database
 * in ./data with the demo department and prints the address and the administrator's generated password once.
 * The example's PDF (out/cq-beibei-zfb-2020.pdf, rendered by `juesuan render` when missing) is there to upload.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;

function run(what, args, env = process.env) {
  process.stdout.write(`${what}…\n`);
  const r = spawnSync(node, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    process.stderr.write(`npm start：${what}失败（退出码 ${r.status ?? r.signal}）\n`);
    process.exit(2);
  }
}

function newest(p) {
  const s = statSync(p);
  return s.isDirectory() ? Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newest(path.join(p, f)))) : s.mtimeMs;
}

if (!existsSync(path.join(root, 'dist/cli.js'))) run('编译命令行（dist/）', ['scripts/build.mjs']);

// The screens: built when missing, or older than their sources (a pulled change).
const index = path.join(root, 'web/dist/index.html');
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((p) => path.join(root, p)).filter(existsSync);
if (!existsSync(index) || statSync(index).mtimeMs < Math.max(...sources.map(newest))) {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    process.stderr.write('npm start：找不到 vite（网页构建工具）。请先运行 npm ci（含开发依赖）。\n');
    process.exit(2);
  }
  run('构建网页（web/dist/）', [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { ...process.env, NODE_ENV: 'production' });
}

// A document to try the upload with: the example disclosure as a PDF (pdfmake; no LibreOffice needed).
const examplePdf = path.join(root, 'out/cq-beibei-zfb-2020.pdf');
if (!existsSync(examplePdf)) run('生成示例 PDF（out/cq-beibei-zfb-2020.pdf）', ['bin/juesuan.cjs', 'render', 'examples/cq-beibei-zfb-2020.json', '--format', 'pdf', '-o', examplePdf]);
process.stdout.write(`可上传的示例文档：${path.relative(process.cwd(), examplePdf) || examplePdf}\n`);

// serve in a child, so that Ctrl-C and SIGTERM stop it cleanly (it closes its threads and the database).
const child = spawn(node, [path.join(root, 'bin/juesuan.cjs'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
