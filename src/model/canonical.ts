/**
 * A model in canonical form, for comparing two models for sameness: tables in the nine-table order, rows by
 * canonical key then code, object keys sorted, amounts as 2-place strings, stated unknowns (null) dropped (a
 * blank cell is a blank cell whether it was written null or left out).
 */
import type { Disclosure } from './schema.js';
import { TABLE_KINDS } from './tables.js';
import { parseAmount, plain } from '../calc/money.js';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

function canonicalModel(m: Disclosure): unknown {
  const tables = [...m.tables]
    .sort((a, b) => TABLE_KINDS.indexOf(a.kind) - TABLE_KINDS.indexOf(b.kind))
    .map((t) => ({
      ...t,
      rows: [...t.rows]
        .map((r) => ({
          ...r,
          values: Object.fromEntries(
            Object.entries(r.values)
              .filter(([, v]) => v !== null)
              .map(([k, v]) => [k, plain(parseAmount(v as string | number) ?? parseAmount(0)!)]),
          ),
        }))
        .sort((a, b) => (a.key ?? '~').localeCompare(b.key ?? '~') || (a.code ?? '').localeCompare(b.code ?? '')),
    }));
  return sortKeys({ ...m, tables });
}

/** JSON text of the canonical form. */
export function canonicalJson(m: Disclosure): string {
  return JSON.stringify(canonicalModel(m), null, 1);
}
