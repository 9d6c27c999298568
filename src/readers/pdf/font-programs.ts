/**
 * Which embedded font programs pdfjs may leave unparsed when all we want is text.
 *
 * Most of pdfjs's time on a real disclosure is not text: it parses and recompiles every embedded font program
 * (a CID CFF font cost 1.6 s of a 25-page file) into an OpenType font that only drawing uses. pdfjs has no
 * option for this, so the worker module's source is patched at its one `new Font(fontName.name, fontFile, …)`
 * in translateFont: by then every property of the font has been read from the PDF exactly as with the program
 * (extractDataStructures saw the file), and only the Font constructor is told there is no program when the
 * text cannot depend on it (FONT_PROGRAM_NEEDED below). The patched source is imported from a data: URL; if
 * the source no longer has the lines the patch needs (a pdfjs upgrade), the worker is used as shipped: slower,
 * same results.
 *
 * When does the text depend on the program? Read from pdfjs 5's Font and PartialEvaluator (pdf.worker.mjs):
 * - A simple Type1 font without its program (`missingFile`): a code whose glyph name in the PDF's /Differences
 *   or the fallback encoding is "" or ".notdef" reads as a space, whatever the ToUnicode map says
 *   (Font._charToGlyph). LibreOffice embeds its CJK subsets as simple Type1 (CFF) fonts with the encoding inside
 *   the program ("Builtin") and codes from 1 upwards, and StandardEncoding has no glyph at 1–31: "人" (code 07)
 *   and "补" read as spaces, "对个人和家庭的补助" as "对个 和家庭的 助". This is what made the first version of the
 *   skip (any font with a ToUnicode stream) unsafe: the ToUnicode map was complete, pdfjs overrode it.
 * - A simple font whose program pdfjs would read as Type1 or CFF (whatever its dictionary says): codes the
 *   ToUnicode map leaves out get names from the program's built-in encoding (adjustType1ToUnicode). Kept.
 * - A simple TrueType font that is symbolic and has neither an /Encoding nor a ToUnicode map: its text comes
 *   from the program's name table and cmap (adjustTrueTypeToUnicode). Kept. So is one with a /FontMatrix
 *   other than 1/1000 (with the program, its widths are rescaled: adjustWidths).
 * - A composite font without an included ToUnicode map (or with /ToUnicode /Identity-H): the text comes from
 *   the CID system info or the program's cmap. Kept.
 * - A vertical font without its program: pdfjs swaps in vertical presentation forms. Kept.
 * - A font named as a standard font (Arial, SimSun, … getStdFontMap / getNonStdFontMap): without a program
 *   fallbackToSystemFont maps codes through a standard glyph map (for composite TrueType it rebuilds the
 *   ToUnicode map from it). Kept.
 * What remains takes its text from the ToUnicode map or the PDF's encoding and its advances from /Widths or
 * /W in both cases, and the program is skipped: a horizontal composite (Type0) font with its own ToUnicode map
 * (every CJK font of the corpus's disclosures: Word/WPS "CID TrueType Identity-H", pdfmake's CID TrueType and
 * CFF), and a simple font whose program is TrueType (checked by its first bytes) that is not a symbolic font
 * without encoding or map (the Latin fonts of Word's and LibreOffice's PDFs). Proven on every corpus PDF and on
 * our own rendered PDFs (pdfmake and LibreOffice routes, both example styles): items identical, at full
 * precision, to those of pdfjs's worker as shipped (test/pdf-speed.test.ts).
 */

/** Set by the patched worker when it loads. */
const TEXT_ONLY_MARK = '__juesuanTextOnlyWorker';
/** true: load every font program (pdfjs's default). For proving the skip changes nothing; process-wide. */
const FONT_GATE = '__juesuanFontPrograms';

const FONT_CONSTRUCTION = 'return new Font(fontName.name, fontFile, newProperties, this.options);';
/** Counts the font programs the patched worker skipped (in this thread). */
const SKIPPED = '__juesuanFontProgramsSkipped';
/** Names the injected check uses; all are top-level in pdf.worker.mjs. */
const NEEDED = ['class ToUnicodeMap', 'class IdentityToUnicodeMap', 'function normalizeFontName', 'const getStdFontMap', 'const getNonStdFontMap', 'function isTrueTypeFile', 'const FONT_IDENTITY_MATRIX', 'const FontFlags'];

/** Whether the Font constructor needs the program to give the same text (see above); `p` is its properties. */
const FONT_PROGRAM_NEEDED = `function __juesuanFontProgramNeeded(p, file) {
  if (globalThis.${FONT_GATE} === true) return true;
  if (p.vertical || p.toUnicode instanceof IdentityToUnicodeMap) return true;
  const name = normalizeFontName(String(p.name ?? ""));
  const std = getStdFontMap(), nonStd = getNonStdFontMap();
  if (std[name] || nonStd[name]) return true;
  if (p.composite) {
    if (!p.hasIncludedToUnicodeMap || !(p.toUnicode instanceof ToUnicodeMap)) return true;
  } else {
    if (p.type !== "TrueType" || !isTrueTypeFile(file)) return true;
    if (!Array.isArray(p.fontMatrix) || p.fontMatrix[0] !== FONT_IDENTITY_MATRIX[0]) return true;
    if (!p.hasIncludedToUnicodeMap && !p.hasEncoding && (p.flags & FontFlags.Symbolic)) return true;
  }
  globalThis.${SKIPPED} = (globalThis.${SKIPPED} ?? 0) + 1;
  return false;
}
`;

/**
 * TextState.clone, called for every text item and every `q`, makes the state it copies the prototype of the
 * copy (`Object.create(this)`); V8 then turns that object into a prototype (a slow map transition each time):
 * ~70 ms of a 30-page file, cold. Every TextState property is a class field, so each copy owns all of them and
 * never reads through that prototype: the copy gets TextState.prototype instead, same values, same behaviour.
 */
const TEXT_STATE_CLONE = `  clone() {
    const clone = Object.assign(Object.create(this), this);
    clone.textMatrix = this.textMatrix.slice();`;

/**
 * The worker module's source patched to skip font programs text does not need (and TextState.clone above,
 * where the source still has it), or null if the font part cannot be applied.
 */
export function patchPdfjsWorkerSource(src: string): string | null {
  if (!src.includes(FONT_CONSTRUCTION) || NEEDED.some((n) => !src.includes(n))) return null;
  return (
    src
      .replace(FONT_CONSTRUCTION, 'return new Font(fontName.name, fontFile && __juesuanFontProgramNeeded(newProperties, fontFile) ? fontFile : null, newProperties, this.options);')
      .replace(TEXT_STATE_CLONE, TEXT_STATE_CLONE.replace('Object.create(this)', 'Object.create(Object.getPrototypeOf(this))'))
      .replace(/\/\/# sourceMappingURL=.*$/m, '') +
    `\n${FONT_PROGRAM_NEEDED}globalThis.${TEXT_ONLY_MARK} = true;\n`
  );
}

/** Whether the in-thread worker is the patched one. */
export const textOnlyFonts = () => (globalThis as Record<string, unknown>)[TEXT_ONLY_MARK] === true;

/** How many font programs the reader has skipped in this thread so far. */
export const skippedFontPrograms = () => Number((globalThis as Record<string, unknown>)[SKIPPED] ?? 0);

/**
 * Load every embedded font program (as pdfjs does by default) instead of skipping those text does not need.
 * Only for proving that the skip changes nothing: it is process-wide, so do not mix it with concurrent reads.
 */
export function loadFontPrograms(on: boolean): void {
  (globalThis as Record<string, unknown>)[FONT_GATE] = on;
}

/**
 * Everything the worker patch is made of (its function and every text it inserts or looks for), for a cache of
 * patched sources to be keyed on (src/cli/pdfjs-cache.ts): a changed constant must change the key too.
 */
export const WORKER_PATCH_PARTS: readonly string[] = [patchPdfjsWorkerSource.toString(), FONT_CONSTRUCTION, FONT_PROGRAM_NEEDED, TEXT_STATE_CLONE, ...NEEDED, TEXT_ONLY_MARK, FONT_GATE, SKIPPED];
