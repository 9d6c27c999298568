/** The built-in formatters, an explicit map (no directory scanning). */
import { html } from './html.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const FORMATTERS = { stylish, json, sarif, html } satisfies Record<string, Formatter>;

export type FormatterName = keyof typeof FORMATTERS;

export function isFormatterName(name: string): name is FormatterName {
  return Object.prototype.hasOwnProperty.call(FORMATTERS, name);
}

export type { FormatResult, RunSummary } from './types.js';
