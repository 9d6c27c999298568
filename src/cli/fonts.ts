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

/** The official font names (and the alternates the DOCX font table gives) mapped to the families of FONT_FILES. */
const LIBREOFFICE_ALIASES: { names: string[]; role: keyof typeof FONT_FILES; families: string[]; bold?: boolean }[] = [
  { names: ['方正小标宋简体', '方正小标宋_GBK', '小标宋', '宋体', 'SimSun'], role: 'title', families: ['Noto Serif SC', 'Noto Serif CJK SC'], bold: true },
  { names: ['黑体', 'SimHei'], role: 'hei', families: ['Noto Sans S Chinese', 'Noto Sans S Chinese Bold', 'Noto Sans SC', 'Noto Sans CJK SC'] },
  { names: ['楷体_GB2312', '楷体', 'KaiTi'], role: 'kai', families: ['LXGW WenKai', 'Noto Serif CJK SC'] },
  { names: ['仿宋_GB2312', '仿宋', 'FangSong', 'Times New Roman'], role: 'fang', families: ['Noto Serif SC', 'Noto Serif CJK SC'] },
];

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A fontconfig file for LibreOffice (passed as FONTCONFIG_FILE): the system configuration, plus the four
 * role fonts of the PDF route written into `dir`, the DOCX's official font names aliased to them, and
 * Simplified Chinese as the language of every request — without it fontconfig answers a CJK request
 * missing a face with the first CJK family it knows, Noto Sans CJK JP (Japanese glyph forms).
 * Returns the path of the file.
 */
export async function writeLibreOfficeFontconfig(dir: string): Promise<string> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const fonts = await loadPdfFonts();
  const fontDir = path.join(dir, 'fonts');
  await mkdir(fontDir, { recursive: true });
  await Promise.all((Object.keys(fonts) as (keyof PdfFonts)[]).map((role) => writeFile(path.join(fontDir, `juesuan-${role}.${role === 'hei' ? 'otf' : 'ttf'}`), fonts[role])));
  const rules = LIBREOFFICE_ALIASES.flatMap(({ names, families, bold }) =>
    names.map(
      (n) =>
        `<match target="pattern"><test qual="first" name="family"><string>${xmlEsc(n)}</string></test>` +
        `<edit name="family" mode="assign" binding="strong">${families.map((f) => `<string>${xmlEsc(f)}</string>`).join('')}</edit>` +
        (bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : '') +
        '</match>',
    ),
  );
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `<dir>${xmlEsc(fontDir)}</dir>`,
    `<cachedir>${xmlEsc(path.join(dir, 'fc-cache'))}</cachedir>`,
    ...rules,
    '<alias binding="strong"><family>serif</family><prefer><family>Noto Serif SC</family><family>Noto Serif CJK SC</family></prefer></alias>',
    '<alias binding="strong"><family>sans-serif</family><prefer><family>Noto Sans CJK SC</family><family>Noto Sans S Chinese</family></prefer></alias>',
    '<match target="pattern"><edit name="lang" mode="assign" binding="strong"><string>zh-cn</string></edit></match>',
    '</fontconfig>',
  ].join('\n');
  const file = path.join(dir, 'fonts.conf');
  await writeFile(file, xml);
  return file;
}
