/**
 * Locations. Fixed on day one (architecture.md §2.4): offsets are [start, end) into the extracted text of
 * a document; line and column are 1-based; PDFs add the page and the box (PDF points, origin top-left).
 */

export interface Box {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** 0-based offsets into the document's extracted text. */
  offset?: number;
  length?: number;
  page?: number;
  box?: Box;
  /** Model files: the JSON path of the figure or part the finding is about (line/column then point into the file). */
  jsonPath?: string;
}

/** Line starts of a text, for offset → line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
