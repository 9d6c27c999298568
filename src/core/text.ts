/**
 * Whitespace as JavaScript's `\s` knows it, tested per UTF-16 code unit without a regex per character (text
 * scans over whole documents run in every check).
 */

/** What `\s` matches in a JavaScript regular expression, for one UTF-16 code unit (without a regex per character). */
export function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whether text[from, to) holds at least n characters other than whitespace (`\s`). */
export function hasNonSpace(text: string, from: number, to: number, n: number): boolean {
  let k = 0;
  const end = Math.min(to, text.length);
  for (let i = Math.max(0, from); i < end; i++) if (!isSpace(text.charCodeAt(i)) && ++k >= n) return true;
  return false;
}
