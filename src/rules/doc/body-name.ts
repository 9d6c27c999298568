/**
 * doc/body-name: the body's own name written two ways — "上海市规划和自然资源局 2024年度部门决算表" in a
 * disclosure of 上海市普陀区规划和自然资源局 (the district dropped: another body's name). The cover name is
 * split into its region chain (上海市普陀区) and the rest (规划和自然资源局); a line that starts with a region
 * chain and the same rest must use the same chain, a shorter tail of it (普陀区…) or a longer one. Only
 * line starts are read (titles, headers, subjects of sentences): "根据上海市规划和自然资源局的部署" in a
 * sentence is a reference to the city's bureau, not a misspelling. A name found in a rebuilt table's header
 * is left to table/body-name.
 */
import { defineRule } from '../define.js';
import { linesOf } from './shared.js';

const REGION = '省|自治区|市|区|县|州|旗|盟';
/** Names of bodies end like this (a detected "name" that does not is not used). */
const BODY_END = /(局|办|室|中心|委员会|委|会|院|部|厅|处|所|站|队|馆|园|校|社|团|政府|公司)$/;
const SPLIT = new RegExp(`^(.*(?:${REGION}))([^省市区县州旗盟]{3,})$`);
const CHAIN = new RegExp(`^(?:中共)?(?:[\\u4e00-\\u9fa5]{1,8}?(?:${REGION}))+$`);
/** A sentence that starts with a preposition cites another body ("根据上海市规划和自然资源局的部署"). */
const LEAD_WORD = /^(?:根据|按照|依据|遵照|经|由|在|对|向|与|受|会同|配合|协助|报|报送|经过)/;
const NUMBERING = /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\))/;

function splitBodyName(name: string): { region: string; rest: string } | null {
  const n = name.replace(/\(.*\)$/, '').replace(/\s+/g, '');
  if (!BODY_END.test(n) || n.length > 40) return null;
  const m = SPLIT.exec(n);
  return m ? { region: m[1], rest: m[2] } : null;
}

export default defineRule({
  meta: {
    id: 'doc/body-name',
    type: 'consistency',
    defaultSeverity: 'warning',
    description: '文中本单位名称的写法应与封面一致',
    basis: 'domain.md §3.5（单位名称在封面、表格、正文间不一致）；rule-ideas.md v3_3 R006（如漏写“普陀区”）',
    messages: {
      variant: '单位名称此处写作“{variant}”（{n}处），与封面“{body}”不一致。',
    },
  },
  check(input, ctx) {
    const doc = input.doc;
    if (!doc || !input.bodyName) return;
    const parts = splitBodyName(input.bodyName);
    if (!parts) return;
    const { region, rest } = parts;
    // 中共 before a region, and an autonomous region's people named or not (楚雄彝族自治州 = 楚雄州), are the same name.
    const strip = (s: string) => s.replace(/^中共/, '').replace(/(?:[\u4e00-\u9fa5]{1,4}?族)+自治(?=[州县区旗])/g, '');
    const found = new Map<string, { start: number; end: number; n: number }>();
    for (const l of linesOf(input)) {
      const lead = l.text.length - l.text.trimStart().length;
      const compact = l.text.replace(/\s+/g, '');
      const numbering = NUMBERING.exec(compact)?.[0] ?? '';
      const line = compact.slice(numbering.length);
      const i = line.indexOf(rest);
      if (i <= 0) continue;
      const chain = line.slice(0, i);
      if (!CHAIN.test(chain) || LEAD_WORD.test(chain)) continue;
      if (strip(region).endsWith(strip(chain)) || strip(chain).endsWith(strip(region))) continue;
      const variant = chain + rest;
      const prev = found.get(variant);
      if (prev) prev.n++;
      else {
        // Offsets in the line: skip the numbering and the spaces before the name.
        let start = l.start + lead;
        let seen = 0;
        while (start < l.end && seen < numbering.length) if (!/\s/.test(doc.norm[start++])) seen++;
        while (start < l.end && /\s/.test(doc.norm[start])) start++;
        found.set(variant, { start, end: Math.min(l.end, start + variant.length), n: 1 });
      }
    }
    // A name printed in the tables' headers is table/body-name's finding.
    const inTables = new Set(input.tables.map((t) => t.bodyName?.replace(/\s+/g, '')).filter(Boolean));
    for (const [variant, f] of found) {
      if (inTables.has(variant)) continue;
      ctx.report({ messageId: 'variant', at: { start: f.start, end: f.end }, data: { variant, n: f.n, body: input.bodyName }, expected: input.bodyName, actual: variant });
    }
  },
});
