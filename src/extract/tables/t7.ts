/**
 * T7 (“三公”经费支出决算表) has a three-level merged header: 合计 / 因公出国（境）费 / 公务用车购置及运行
 * 维护费 {小计, 购置费, 运行维护费} / 公务接待费, each split into 预算数 and 决算数. The bottom header row's
 * 预算数/决算数 words give the twelve column bands; each is given to the leaf label above it.
 */
import type { PdfLine, PlacedItem } from '../../readers/pdf/lines.js';
import { type Band, type BandSpec, findBands } from './grid.js';
import { compact } from './locate.js';

const LEAVES: BandSpec[] = [
  { key: 'total', role: 'value', half: 0, labels: ['合计'] },
  { key: 'abroad', role: 'value', half: 0, labels: ['因公出国(境)费', '因公出国(境)费用', '因公出国(境)'] },
  { key: 'vehicle', role: 'value', half: 0, labels: ['小计', '公务用车购置及运行维护费'] },
  { key: 'purchase', role: 'value', half: 0, labels: ['公务用车购置费', '购置费'] },
  { key: 'operation', role: 'value', half: 0, labels: ['公务用车运行维护费', '运行维护费', '公务用车运行费'] },
  { key: 'reception', role: 'value', half: 0, labels: ['公务接待费'] },
];

/**
 * The other published layout: 预算数 and 决算数 once each on the top header row, each spanning its own group
 * of the six leaves (the generator's T7). Leaves left of the midpoint between the two words belong to the
 * left word's group.
 */
function groupBands(header: PdfLine[], words: PlacedItem[]): { bands: Band[]; missing: string[]; notes: string[] } {
  const mid = (words[0].x + words[0].w / 2 + words[1].x + words[1].w / 2) / 2;
  const bands: Band[] = [];
  const missing: string[] = [];
  words.forEach((w, k) => {
    const side = compact(w.norm) === '预算数' ? 'budget' : 'actual';
    const inGroup = (i: PlacedItem) => (i.x + i.w / 2 < mid) === (k === 0);
    const r = findBands(header.map((l) => ({ ...l, items: l.items.filter(inGroup) })), LEAVES);
    bands.push(...r.bands.map((b) => ({ ...b, key: `${side}.${b.key}` })));
    missing.push(...r.missing.map((m) => `${side}.${m}`));
  });
  return { bands, missing, notes: [] };
}

export function t7Bands(header: PdfLine[]): { bands: Band[]; missing: string[]; notes: string[] } {
  const notes: string[] = [];
  const leaves = findBands(header, LEAVES);
  const words = header
    .flatMap((l) => l.items)
    .filter((i) => /^(预算数|决算数)$/.test(compact(i.norm)))
    .sort((a, b) => a.x - b.x);
  const found = leaves.bands.filter((b) => b.found);
  if (words.length === 2 && compact(words[0].norm) !== compact(words[1].norm)) return groupBands(header, words);
  if (words.length === 12 || (words.length > 0 && found.length === 6)) {
    const bands: Band[] = [];
    const order = LEAVES.map((l) => l.key);
    words.forEach((w, k) => {
      const cx = w.x + w.w / 2;
      let leaf: string;
      if (found.length === 6) {
        // the leaf whose label is nearest above this word
        leaf = found.reduce((a, b) => (Math.abs(b.cx - cx) < Math.abs(a.cx - cx) ? b : a)).key;
      } else leaf = order[Math.floor(k / 2)];
      const side = compact(w.norm) === '预算数' ? 'budget' : 'actual';
      bands.push({ key: `${side}.${leaf}`, role: 'value', half: 0, labels: [w.norm], x0: w.x, x1: w.x + w.w, cx, found: true });
    });
    if (words.length === 12 && found.length === 6) {
      const byOrder = words.map((w, k) => `${compact(w.norm) === '预算数' ? 'budget' : 'actual'}.${order[Math.floor(k / 2)]}`);
      if (byOrder.some((k, i) => k !== bands[i].key)) notes.push('表头列的位置与标准顺序不一致，按位置取列');
    }
    const keys = new Set(bands.map((b) => b.key));
    const missing = order.flatMap((l) => ['budget', 'actual'].map((s) => `${s}.${l}`)).filter((k) => !keys.has(k));
    if (keys.size !== bands.length) notes.push('两个预算数/决算数落到同一列');
    return { bands, missing, notes };
  }
  // No 预算数/决算数 split: the leaf columns are 决算数.
  const bands = leaves.bands.map((b) => ({ ...b, key: `actual.${b.key}` }));
  notes.push('表头没有“预算数/决算数”，各列按决算数读取');
  return { bands, missing: leaves.missing, notes };
}
