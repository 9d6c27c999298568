/**
 * The open fonts of the PDF output, read from the npm packages that `npm ci` installs (no system
 * fonts, no LibreOffice). The only file access of PDF rendering; render/pdf.ts takes the bytes.
 *
 * Role → real font (all SIL OFL 1.1, Simplified Chinese forms):
 *   title (方正小标宋-like)  Noto Serif SC Bold       @expo-google-fonts/noto-serif-sc
 *   hei   (黑体-like)        Noto Sans SC ("Hans") Bold @embedpdf/fonts-sc
 *   kai   (楷体-like)        LXGW WenKai Regular      @fontsource/lxgw-wenkai (WOFF, unpacked in memory)
 *   fang  (仿宋-like)        Noto Serif SC Regular    @expo-google-fonts/noto-serif-sc
 * No open 仿宋 face is published on npm; the body uses the Song-style Noto Serif SC.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PdfFonts } from '../render/pdf.js';
import { woffToSfnt } from '../render/woff.js';
import { UserError } from './io.js';

const require = createRequire(import.meta.url);

/** A file inside an installed package (searched like require does; some packages export no package.json). */
function packageFile(pkg: string, file: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const p = path.join(dir, pkg, file);
    if (existsSync(p)) return p;
  }
  throw new UserError(`缺少 PDF 字体：未找到 ${pkg}/${file}（请在项目目录运行 npm ci）`);
}

/** Package and file of each role's font. */
export const FONT_FILES = {
  title: ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  hei: ['@embedpdf/fonts-sc', 'fonts/NotoSansHans-Bold.otf'],
  kai: ['@fontsource/lxgw-wenkai', 'files/lxgw-wenkai-latin-500-normal.woff'],
  fang: ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
} as const;

/** Real names of the fonts per role, for reports and the docs. */
export const FONT_NAMES: Record<keyof typeof FONT_FILES, string> = {
  title: 'Noto Serif SC Bold',
  hei: 'Noto Sans SC (Hans) Bold',
  kai: 'LXGW WenKai',
  fang: 'Noto Serif SC Regular',
};

let cached: Promise<PdfFonts> | undefined;

/** Read (once per process) the four role fonts. */
export function loadPdfFonts(): Promise<PdfFonts> {
  cached ??= (async () => {
    const read = async ([pkg, file]: readonly [string, string]) => new Uint8Array(await readFile(packageFile(pkg, file)));
    const [title, hei, kaiWoff, fang] = await Promise.all([
      read(FONT_FILES.title),
      read(FONT_FILES.hei),
      read(FONT_FILES.kai),
      read(FONT_FILES.fang),
    ]);
    const kai = woffToSfnt(kaiWoff, ['morx', 'feat', 'prop', 'bsln']);
    return { title, hei, kai, fang };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
