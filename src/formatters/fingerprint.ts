/**
 * A finding's fingerprint: the same finding gets the same value when the document is edited elsewhere (no
 * line, column or offset goes in), so a baseline entry keeps matching; the rule, the message (which carries
 * the figures) and the expected / actual values do. 16 hex digits (two FNV-1a 32-bit hashes). Pure.
 */
import type { Finding } from '../rules/types.js';

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function fingerprint(f: Finding): string {
  const key = [f.ruleId, f.messageId, f.message, String(f.expected ?? ''), String(f.actual ?? '')].join('\u0001');
  return fnv1a(key, 0x811c9dc5).toString(16).padStart(8, '0') + fnv1a(key, 0x01234567).toString(16).padStart(8, '0');
}
