/**
 * Formatter contract. A formatter is a pure function `(results, ctx) → string` (architecture.md §2.11),
 * built from a stream of three pieces (head, one piece per file, tail) so the CLI can print a report for
 * hundreds of files as it goes without holding every document in memory. `format(results)` is, by
 * construction, exactly `head() + file(r1) + … + tail()`.
 */
import type { ReportResult } from '../engine/types.js';
import type { RuleMeta } from '../rules/types.js';

export interface FormatContext {
  rulesMeta: Record<string, RuleMeta>;
  /** Absolute working directory: absolute file paths under it are shown relative to it. */
  cwd?: string;
  /** ANSI colour (stylish only). */
  color?: boolean;
  /** Tool version for machine-readable reports (SARIF). */
  toolVersion?: string;
}

/** A file the CLI could not check at all (unreadable, not a supported document, …). */
export interface ReadFailure {
  code: string;
  message: string;
}

/**
 * What a formatter receives per file: a CheckResult, or — for a file that could not be read — a result with
 * no findings, doc null and `readError` set. Plain CheckResults are accepted as they are.
 */
export type FormatResult = ReportResult & { readError?: ReadFailure };

/** What the run knows at the end beyond the results: files skipped, findings accepted in a baseline. */
export interface RunSummary {
  /** Files in the given directories or globs that were not checked (not a document type, or ignored). */
  skipped: number;
  /** Findings left out because a baseline accepts them. */
  suppressed: number;
}

export interface FormatStream {
  head(): string;
  file(result: FormatResult): string;
  tail(summary?: RunSummary): string;
}

export interface Formatter {
  (results: FormatResult[], ctx: FormatContext): string;
  stream(ctx: FormatContext): FormatStream;
}

/** Builds the pure whole-report function from a stream factory. */
export function makeFormatter(stream: (ctx: FormatContext) => FormatStream): Formatter {
  const format = (results: FormatResult[], ctx: FormatContext): string => {
    const s = stream(ctx);
    let out = s.head();
    for (const r of results) out += s.file(r);
    return out + s.tail();
  };
  return Object.assign(format, { stream });
}
