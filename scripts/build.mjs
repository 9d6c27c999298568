#!/usr/bin/env node
/**
 * Build the command line into dist/: one ESM bundle per entry (the CLI and its worker thread's loader) with
 * code splitting, so that a command loads only the chunks it imports (pdfjs only for a PDF pdfjs must read,
 * docx only for rendering: both stay lazy `import()`s), and the check worker with the engine as one classic
 * script that the loader compiles from a V8 code cache (see the second build). Dependencies stay in
 * node_modules (`packages: 'external'`), so nothing is transpiled at run time. Run by `npm run build` and by
 * `prepare` (so `npm ci` leaves a runnable `juesuan`); takes about a second.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/entry.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});
// A check worker thread: its loader (dist/worker.cjs, src/cli/worker-loader.ts) and the worker with the engine
// as one classic script (dist/worker-bundle.cjs), which the loader compiles from a V8 code cache. Both are
// CommonJS: a thread that starts from CommonJS never loads Node's ESM loader (~30 ms of compiling Node's own
// modules in each thread). Lazy imports stay lazy (each module is evaluated when first imported); packages stay
// in node_modules, except those every check loads (INLINE), which the engine's bundle carries so that the code
// cache covers them too: decimal.js compiled from node_modules was ~5 ms of each worker's start.
// `import.meta.url` is the file's own URL.
const INLINE = new Set(['decimal.js']);
const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((d) => !INLINE.has(d))
  .flatMap((d) => [d, `${d}/*`]);
// The engine's bundle is built first: the loader gets its content hash for its cache's name
// (src/cli/code-cache.ts cacheKey): npm installs files with fixed times, so another version's bundle of the
// same size would otherwise be taken for this one. Its whitespace and comments are taken out (810 → 630 KB
// that each thread reads and V8 checks against the cache): a one-file check ~2.6 ms sooner (medians of 50
// interleaved runs), a batch the same. Names and code stay as written: esbuild's keepNames, which a full
// minification needs to keep them, wraps every function it creates, and cost a batch of 12 PDFs ~25 ms.
// The launch (src/cli/launch.ts) is built as CommonJS too, for bin/juesuan.cjs to run before Node's ESM loader.
for (const [entry, out, inline] of [
  ['src/cli/worker.ts', 'worker-bundle.cjs', true],
  ['src/cli/worker-loader.ts', 'worker.cjs', false],
  ['src/cli/launch.ts', 'launch.cjs', false],
]) {
  const bundleHash = inline ? '' : createHash('sha256').update(readFileSync(path.join(outdir, 'worker-bundle.cjs'))).digest('hex').slice(0, 20);
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(outdir, out),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    ...(inline ? { external } : { packages: 'external' }),
    define: { 'import.meta.url': '__juesuanModuleUrl', JUESUAN_BUNDLE_HASH: JSON.stringify(bundleHash) },
    ...(inline ? { minifyWhitespace: true } : {}),
    banner: { js: "var __juesuanModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}
