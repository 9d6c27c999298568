/**
 * Figure mutations shared by the round-trip tests (check-roundtrip: md/html/docx; pdf-roundtrip: PDF made
 * from the mutated DOCX). Each: a figure as rendered, what it is changed to, and the rule that must catch it.
 * Every `from` appears once in the rendered seed and inside one DOCX run, so it can be replaced in
 * word/document.xml as well as in the md/html text.
 */
import JSZip from 'jszip';

export interface Mutation {
  what: string;
  from: string;
  to: string;
  rule: string;
}

export const MUTATIONS: Mutation[] = [
  { what: 'percentage of a change', from: '减少332.06万元、下降14.8%', to: '减少332.06万元、下降16.8%', rule: 'claim/change-pct' },
  { what: 'change amount', from: '减少151.81万元，下降7.4%', to: '减少161.81万元，下降7.4%', rule: 'claim/change-pct' },
  { what: 'share', from: '基本支出1,627.53万元，占84.8%', to: '基本支出1,627.53万元，占86.8%', rule: 'claim/share' },
  { what: 'direction word', from: '减少332.06万元、下降14.8%', to: '增加332.06万元、下降14.8%', rule: 'claim/direction' },
  { what: 'amount stated twice', from: '收入总计1,918.25万元', to: '收入总计1,928.25万元', rule: 'claim/restated' },
  { what: 'part of a total', from: '公务接待费1.91万元，主要用于', to: '公务接待费2.91万元，主要用于', rule: 'total/parts' },
  { what: 'count', from: '保有量为6辆', to: '保有量为7辆', rule: 'quantity/per-unit' },
  { what: 'base given explicitly', from: '收支较上年决算数2,250.31万元', to: '收支较上年决算数2,350.31万元', rule: 'claim/change-amount' },
  { what: 'zero-base wording', from: '本年收入84.58万元，较上年决算数增加84.58万元，增长100%', to: '本年收入84.58万元，较上年决算数增加84.58万元，增长50%', rule: 'claim/zero-base' },
];

/** The DOCX with `from` replaced by `to` in word/document.xml (it must sit inside one run). */
export async function mutateDocx(docx: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  if (!xml.includes(from)) throw new Error(`docx does not contain ${from} in one run`);
  zip.file('word/document.xml', xml.replace(from, to));
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
}

/** Run the async jobs two at a time (the machine has two cores; each soffice run is one process). */
export async function twoAtATime<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}
