/**
 * The DOCX font table gives each official font a fallback of the same kind (render/docx-fonts.ts):
 * an alternate name Windows ships, the GB2312 charset and the PANOSE class.
 */
import { describe, it, expect } from 'vitest';
import JSZip from 'jszip';
import { renderDocx } from '../src/render/docx.js';
import { FONTS } from '../src/render/docx.js';
import { sampleDoc } from '../src/render/sample.js';

describe('DOCX font table', () => {
  it('should list every East Asian font the runs name, each with an altName and charset 86', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(sampleDoc()));
    const table = await zip.file('word/fontTable.xml')!.async('string');
    const document = await zip.file('word/document.xml')!.async('string');
    const used = new Set([...document.matchAll(/<w:rFonts [^>]*w:eastAsia="([^"]+)"/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(1);
    for (const name of used) {
      const entry = table.match(new RegExp(`<w:font w:name="${name}">(.*?)</w:font>`));
      expect(entry, `${name} in fontTable.xml`).not.toBeNull();
      expect(entry![1]).toMatch(/<w:altName w:val="[^"]+"\/>/);
      expect(entry![1]).toContain('<w:charset w:val="86"/>');
    }
    expect(table).toContain(`<w:font w:name="${FONTS.fang}"><w:altName w:val="仿宋"/>`);
    expect(table).toContain(`<w:font w:name="${FONTS.kai}"><w:altName w:val="楷体"/>`);
  });
});
