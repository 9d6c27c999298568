/**
 * Counts and per-unit figures (三公 实物量, vehicles by type, equipment, 绩效 project counts, 人均/车均).
 * Each becomes a Claim with `count` (or `value` for per-unit figures) and a concept id `量:<name>`.
 */
import type { Claim, Num } from './types.js';
import { printedPlaces, cleanNumberText } from '../calc/money.js';
import { VEHICLE_TYPES } from '../model/vehicles.js';
import { normalizeText } from '../readers/normalize.js';
import QVOCAB from '../vocab/quantities.json' with { type: 'json' };

/** Vehicle classes: the model's, and the wordings of src/vocab/quantities.json. */
export const VEHICLE_CLASSES: string[] = [...new Set([...VEHICLE_TYPES, ...QVOCAB.vehicleClasses.map((v) => v.name)])];

/** Numbers start only at the start of a digit run (linear time on long runs of digits). */
const N = String.raw`(?<![\d.])(\d+)`;
const A = String.raw`(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;

interface Pattern {
  re: RegExp;
  /** One concept per captured group, in order. */
  concepts: string[];
  unit: 'count' | '元' | '万元';
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const QUANTITY_PATTERNS: Pattern[] = [
  { re: new RegExp(`${N}\\s*个团组[,、]?\\s*(?:共计)?${N}\\s*人`, 'g'), concepts: ['量:出国团组', '量:出国人数'], unit: 'count' },
  { re: new RegExp(`公务用车购置\\s*${N}\\s*辆`, 'g'), concepts: ['量:购置车辆'], unit: 'count' },
  { re: new RegExp(`保有量(?:为)?\\s*${N}\\s*辆`, 'g'), concepts: ['量:车辆保有量'], unit: 'count' },
  { re: new RegExp(`国内公务接待\\s*${N}\\s*批次[,、]?\\s*${N}\\s*人`, 'g'), concepts: ['量:国内接待批次', '量:国内接待人数'], unit: 'count' },
  { re: new RegExp(`外事接待\\s*${N}\\s*批次[,、]?\\s*${N}\\s*人`, 'g'), concepts: ['量:外事接待批次', '量:外事接待人数'], unit: 'count' },
  { re: new RegExp(`国\\(境\\)外公务接待\\s*${N}\\s*批次[,、]?\\s*${N}\\s*人`, 'g'), concepts: ['量:外宾接待批次', '量:外宾接待人数'], unit: 'count' },
  { re: new RegExp(`人均接待费\\s*${A}\\s*元`, 'g'), concepts: ['量:人均接待费'], unit: '元' },
  { re: new RegExp(`车均购置费\\s*${A}\\s*万元`, 'g'), concepts: ['量:车均购置费'], unit: '万元' },
  { re: new RegExp(`车均(?:运行)?维护费\\s*${A}\\s*万元`, 'g'), concepts: ['量:车均维护费'], unit: '万元' },
  { re: new RegExp(`共有车辆\\s*${N}\\s*辆`, 'g'), concepts: ['量:车辆总数'], unit: 'count' },
  ...QVOCAB.patterns.map((p) => ({ re: new RegExp(p.re.replaceAll('N', N), 'g'), concepts: p.concepts, unit: 'count' as const })),
  ...VEHICLE_CLASSES.map((t) => ({ re: new RegExp(`${esc(normalizeText(t))}\\s*${N}\\s*辆`, 'g'), concepts: [`量:车辆:${t}`], unit: 'count' as const })),
  { re: new RegExp(`通用设备\\s*${N}\\s*台`, 'g'), concepts: ['量:通用设备'], unit: 'count' },
  { re: new RegExp(`专用设备\\s*${N}\\s*台`, 'g'), concepts: ['量:专用设备'], unit: 'count' },
  { re: new RegExp(`对\\s*${N}\\s*个项目开展了?绩效自评`, 'g'), concepts: ['量:绩效自评项目数'], unit: 'count' },
  { re: new RegExp(`自评表形式开展自评\\s*${N}\\s*项`, 'g'), concepts: ['量:自评表项目数'], unit: 'count' },
];

function num(raw: string, start: number, unit: Num['unit']): Num {
  return { raw, value: cleanNumberText(raw), dp: printedPlaces(raw), start, end: start + raw.length, unit };
}

export function extractQuantities(norm: string, firstId: number, skip: [number, number][] = [], toSource: (i: number) => number = (i) => i): Claim[] {
  const out: Claim[] = [];
  let id = firstId;
  for (const p of QUANTITY_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(norm); m; m = p.re.exec(norm)) {
      const s0 = m.index;
      const src0 = toSource(s0);
      if (skip.some(([a, b]) => src0 >= a && src0 < b)) continue;
      let from = 0;
      p.concepts.forEach((concept, i) => {
        const raw = m![i + 1];
        const rel = m![0].indexOf(raw, from);
        from = rel + raw.length;
        const start = s0 + rel;
        const n = num(raw, start, p.unit === 'count' ? 'count' : p.unit);
        const c: Claim = {
          id: ++id, concept, subject: concept.slice(2), subjectStart: s0, subjectEnd: s0 + m![0].length,
          sentenceStart: s0, sentenceEnd: s0 + m![0].length, sectionPath: [],
        };
        if (p.unit === 'count') {
          c.count = n;
          c.countWhat = concept.slice(2);
        } else c.value = n;
        out.push(c);
      });
    }
  }
  return out.sort((a, b) => a.subjectStart - b.subjectStart);
}
