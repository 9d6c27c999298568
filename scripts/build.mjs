#!/usr/bin/env node
/**
 * Build the command line into dist/: one ESM bundle per entry (the CLI and its worker thread) with code
 * splitting, so that a command loads only the chunks it imports (pdfjs only for a PDF, docx only for
 * rendering: both stay lazy `import()`s). Dependencies stay in node_modules (`packages: 'external'`), so
 * nothing is transpiled at run time and nothing is duplicated. Run by `npm run build` and by `prepare`
 * (so `npm ci` leaves a runnable `juesuan`); takes about a second.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/entry.ts', worker: 'src/cli/worker.ts' },
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
