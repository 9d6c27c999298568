/**
 * The DOCX names the official fonts (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312); many machines lack
 * some of them (Windows 10 ships 楷体 and 仿宋 but not the _GB2312 faces; Linux has none). The
 * document's font table tells Word and LibreOffice what to use instead: an alternate name
 * (w:altName) that Windows does ship, the GB2312 character set (w:charset 86) and the PANOSE class,
 * so a missing face falls back to a Chinese font of the same kind instead of a Japanese or Latin one.
 */
interface FontFallback {
  /** Name as the runs use it. */
  name: string;
  /** Alternate name used when the font is missing. */
  altName: string;
  panose: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable';
}

const FONT_FALLBACKS: FontFallback[] = [
  { name: '方正小标宋简体', altName: '宋体', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The w:font entries for the font table. */
function fontTableEntries(fonts: FontFallback[] = FONT_FALLBACKS): string {
  return fonts
    .map(
      (f) =>
        `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.altName)}"/><w:panose1 w:val="${f.panose}"/>` +
        `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join('');
}

/** The whole word/fontTable.xml (docx's Packer takes it as an override: no second zip pass). */
export function fontTableXml(fonts: FontFallback[] = FONT_FALLBACKS): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fontTableEntries(fonts) +
    '</w:fonts>'
  );
}
