/**
 * Class codes for tables that print the 类 name without its code (the expense side of T1 and T4): the
 * model's dictionary (model/classification.ts) after list markers and spaces are stripped.
 */
import { classCodeByName } from '../../model/classification.js';

/** Strip a list marker such as "一、", "（一）", "1." from a subject name. */
export function stripMarker(s: string): string {
  return s.replace(/^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])/, '');
}

/** The 3-digit class code for a printed class name, if it is one. */
export function classCode(name: string): string | undefined {
  return classCodeByName(stripMarker(name.replace(/\s/g, ''))) ?? undefined;
}
