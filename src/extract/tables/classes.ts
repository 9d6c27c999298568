/**
 * Class codes for tables that print the 类 name without its code (the expense side of T1 and T4): the
 * model's dictionary (model/classification.ts) after list markers and spaces are stripped.
 */
import { classCodeByName } from '../../model/classification.js';

/**
 * Strip a list marker such as "一、", "（一）", "1." from a subject name, and a 类 code printed in the same
 * cell ("201 一般公共服务支出", as the generator's own T1 does).
 */
export function stripMarker(s: string): string {
  return s
    .replace(/^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])/, '')
    .replace(/^\s*(\d{3})\s*(?=[\u4e00-\u9fff])/, '');
}

/** The 3-digit class code for a printed class name (the name decides; a code printed before it is dropped). */
export function classCode(name: string): string | undefined {
  const compact = name.replace(/\s/g, '');
  return classCodeByName(stripMarker(compact)) ?? undefined;
}
