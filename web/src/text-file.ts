/**
 * The text of an uploaded TXT/Markdown file as the server's text reader makes it (src/readers/text.ts):
 * UTF-8, UTF-16 with a BOM, else GB18030; BOM dropped; CR/CRLF to LF. Used when the server does not send the
 * extracted text, so findings' offsets can still be marked. Pure (TextDecoder only), tested without a DOM.
 */

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function textOfFile(bytes: Uint8Array): string {
  const raw = decode(bytes);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Whether every finding's offset points at its line and column in this text (so the marks are right). */
export function offsetsAgree(text: string, locs: { line: number; column: number; offset?: number }[]): boolean {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return locs.every((l) => l.offset === undefined || (starts[l.line - 1] !== undefined && starts[l.line - 1] + l.column - 1 === l.offset));
}
