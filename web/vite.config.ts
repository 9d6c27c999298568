/**
 * Build of the web workbench: `npm run build:web` → web/dist (served by the server as static files).
 * pdf.js needs its CJK character maps at run time (non-embedded GB fonts in published PDFs), so they are
 * copied next to the bundle; the dev server serves them from node_modules.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { RULES } from '../src/rules/index.js';

/** The rules' Chinese descriptions for the findings view, without bundling the rules themselves. */
function ruleDescriptions(): Plugin {
  const id = 'virtual:rule-descriptions';
  return {
    name: 'rule-descriptions',
    resolveId: (s) => (s === id ? '\0' + id : undefined),
    load(s) {
      if (s !== '\0' + id) return undefined;
      const map = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.description]));
      return `export const RULE_DESCRIPTIONS = ${JSON.stringify(map)};`;
    },
  };
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function pdfjsAssets(): Plugin {
  let outDir = '';
  return {
    name: 'pdfjs-assets',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '').split('?')[0])).replace(/^([/\\]|\.\.)+/, '');
        const file = join(pdfjsRoot, rel);
        if (!file.startsWith(pdfjsRoot) || !existsSync(file)) return next();
        res.end(readFileSync(file));
      });
    },
    closeBundle() {
      for (const d of ['cmaps', 'standard_fonts']) cpSync(join(pdfjsRoot, d), join(outDir, 'pdfjs', d), { recursive: true });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: '/',
  plugins: [react(), pdfjsAssets(), ruleDescriptions()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // pdf.js's worker ships as .mjs; emitted as .js so any static server sends it with a JavaScript MIME type.
    rollupOptions: {
      output: { assetFileNames: (a) => (a.names?.[0]?.endsWith('.mjs') ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]') },
    },
  },
  server: { proxy: { '/api': process.env.JUESUAN_API ?? 'http://127.0.0.1:3000' } },
});
