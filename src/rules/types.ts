/**
 * The shape of a rule and of what it reports (architecture.md §2.1–2.6). Rules only look and report:
 * `check(input, ctx)` reads a frozen input and calls ctx.report; the engine stamps id and severity.
 */
import type { Location } from '../core/span.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleMeta {
  /** Stable forever: group/name, e.g. "claim/change-pct". */
  id: string;
  type: 'consistency' | 'completeness' | 'wording';
  defaultSeverity: Severity;
  description: string;
  /** The regulation or template clause the rule enforces. */
  basis: string;
  /** Message templates with {placeholders}, in plain Chinese. */
  messages: Record<string, string>;
}

export interface Related {
  label: string;
  location: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  location: Location;
  expected?: string;
  actual?: string;
  difference?: string;
  related?: Related[];
  /** The text at the location (for excerpts). */
  excerpt?: string;
}

export interface ReportInput {
  messageId: string;
  data?: Record<string, string | number>;
  /** [start, end) offsets in the document text; the engine turns them into a Location. */
  at?: { start: number; end: number } | Location;
  /** Override the default severity (e.g. info when rounding explains a difference). */
  severity?: Severity;
  expected?: string;
  actual?: string;
  difference?: string;
  related?: { label: string; at: { start: number; end: number } }[];
}
