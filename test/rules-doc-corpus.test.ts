/**
 * The document kind of every corpus file, and the new text-level doc rules over every corpus file: no
 * error from them anywhere, and exactly the warnings listed below, each verified by reading the text.
 * Reads ../shared/corpus (seed/, text/, pdf/, budget/); the PDFs are read once, in beforeAll.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../src/readers/index.js';
import { buildInput } from '../src/engine/input.js';
import { runRules } from '../src/engine/run.js';
import { detectKind, type DocKind } from '../src/structure/kind.js';
import type { CheckInput } from '../src/engine/types.js';
import type { Finding } from '../src/rules/types.js';
import bodyName from '../src/rules/doc/body-name.js';
import classNameEra from '../src/rules/doc/class-name-era.js';
import comparisonYear from '../src/rules/doc/comparison-year.js';
import negativeCells from '../src/rules/doc/negative-cells.js';
import nineTables from '../src/rules/doc/nine-tables.js';
import punctuation from '../src/rules/doc/punctuation.js';
import requiredSections from '../src/rules/doc/required-sections.js';
import templateResidue from '../src/rules/doc/template-residue.js';
import tocTables from '../src/rules/doc/toc-tables.js';
import glyphs from '../src/rules/doc/glyphs.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
const NEW_RULES = [bodyName, classNameEra, comparisonYear, glyphs, negativeCells, nineTables, punctuation, requiredSections, templateResidue, tocTables];

/** Kinds written down after reading each file's beginning (corpus/README.md says what each is). */
const KINDS: Record<string, DocKind> = {
  'seed/cq-beibei-zfb-2020.txt': 'dept-final',
  'text/004-cq-beibei-bianban-2020-partial.txt': 'dept-final', // breadcrumb says 其他单位决算, title 2020年度部门决算
  'text/005-cq-rongchang-zfb-2020-partial.txt': 'dept-final',
  'text/006-cq-changshou-jiguanshiwuju-2020-partial.txt': 'dept-final',
  'text/007-cq-kaizhou-ggzyjy-2020-partial.txt': 'dept-final', // 单位基本情况, but titled 部门决算
  'text/008-cq-shiji-ggzyjy-shiwuzhongxin-2020-partial.txt': 'dept-final',
  'text/014-yn-chuxiong-ncpjc-2019-partial.txt': 'dept-final',
  'text/015-yn-baoshan-guoziwei-2021-partial.txt': 'dept-final',
  'text/016-jx-yudu-geaoxiang-2019-partial.txt': 'dept-final',
  'text/017-hb-suizhou-zengdu-gongan-2019-partial.txt': 'dept-final', // "决算公开表（含汇总表）" in its contents is not a regional total
  'text/018-hb-suizhou-zengdu-difangchu-2021-partial.txt': 'dept-final',
  'text/019-gd-qingyuan-qingxin-jiedaiban-2019-partial.txt': 'dept-final',
  'text/020-xj-urumqi-zhengwufuwu-2023-partial-trad.txt': 'dept-final',
  'text/021-hn-suining-tongjiju-2021-partial.txt': 'dept-final',
  'text/022-gx-wenlvting-2021-partial.txt': 'dept-final',
  'text/023-zj-cangnan-2022-toc-partial.txt': 'dept-final',
  'text/024-sn-zhashui-shenjiju-2020-partial.txt': 'dept-final',
  'text/025-sc-luzhou-zhongyiyiyuan-2023-unit-partial.txt': 'unit-final', // 2023年度泸州市中医医院单位决算
  'text/026-central-satcm-2016-partial-trad.txt': 'dept-final',
  'text/027-zj-qiantang-zhifaju-2021-partial.txt': 'dept-final',
  'text/028-sc-qingshen-fgj-2023-perf-selfeval.txt': 'self-eval', // 部门预算项目支出绩效自评表 (not a budget)
  'text/029-sc-daying-sifaju-2023-perf-selfeval-partial.txt': 'self-eval',
  'text/032-bj-shenjiju-2017-partial.txt': 'dept-final',
  'text/033-bj-jiguanshiwu-guanliban-2017-partial.txt': 'dept-final',
  'text/034-xj-bole-caizhengju-toc-partial.txt': 'dept-final',
  'text/035-gs-tianshui-youeryuan-2017-partial-trad.txt': 'dept-final', // a kindergarten that titles itself 部门决算
  'text/036-gd-qingyuan-shengtaihuanjing-2019-sangong-partial-trad.txt': 'sangong',
  'text/037-yn-xundian-wenlv-2022-sangong-yuan-partial.txt': 'sangong', // “三公”经费决算情况说明, published on its own
  'text/038-sc-daying-wenlv-2022-p2-partial.txt': 'unit-final', // 第二部分 2022年度单位决算情况说明
  'text/039-nm-ordos-2021-sangong-and-2022-budget.txt': 'sangong', // 2022 三公 预算 and 2021 三公 决算 on one page
  'text/040-hlx-2018-sangong-partial.txt': 'sangong',
  'text/041-gx-wuzhou-nongchanpin-jiance-2020-p10-partial.txt': 'sangong', // page 10 of a 决算: its 三公 part
  'text/042-hn-taojiang-2019-sangong.txt': 'sangong',
  'text/043-zj-longquan-2018-sangong-huizong.txt': 'summary', // 经龙泉市财政局汇总
  'text/044-tj-binhai-zhengfujuesuan-2022-partial.txt': 'gov-final', // 决算草案…的报告 to the 人大常委会
  'text/045-ha-shengji-2015-sangong-news-trad.txt': 'press', // 从河南省财政厅了解到
  'text/046-central-youzhengju-2012-news.txt': 'press', // 人民网北京7月18日电
  'text/047-central-zhongyangbenji-2010-sangong-news-trad.txt': 'press', // 8日，财政部公布了
  'text/048-central-caizhengbu-2019-zfcg-news-partial.txt': 'press', // the Ministry's 政府采购 figures, as reported ("有关负责人解释")
  'text/049-cq-qianjiang-2017-sangong-huizong.txt': 'summary',
  'text/050-gd-shantou-yixueyuan-2016.txt': 'dept-final', // the college's own 部门决算 (高等学校信息公开)
  'text/051-hn-yueyangxian-2015-sangong-huizong-trad.txt': 'summary',
  'pdf/sh-putuo-guihuaziyuan-2024.pdf': 'dept-final',
  'pdf/sh-putuo-shehuigongzuobu-2024.pdf': 'dept-final',
  'pdf/sh-template-2024-final.pdf': 'dept-final',
  'budget/js-gaoyuan-2019-budget.pdf': 'dept-budget',
};

/**
 * Warnings the new rules give, as "rule@line", each read in the text:
 * - 040 line 10: “三公"经费 — an opening Chinese quote closed by an ASCII one.
 * - 规划资源 line 573: "上海市普陀区规划和自然资源局部门(单位)共有车辆" — the template's 部门（单位） left unchosen.
 *   (Its header "上海市规划和自然资源局 2024年度部门决算表" is table/body-name's finding, so doc/body-name stays quiet.)
 * - 社会工作部 lines 302, 313: "无政府性基金/国有资本经营预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："
 *   — the template's instruction published under tables 8 and 9.
 * - 036 lines 6–8: "?。ㄒ唬┮蚬鰢ň常┵M(fèi)", "?。ǘ┕珓?w" — the mirror's mojibake as stored (box-drawing glued to
 *   ideographs): doc/glyphs.
 * The template itself is checked separately (placeholders everywhere by design).
 */
const WARNINGS: Record<string, string[]> = {
  'text/036-gd-qingyuan-shengtaihuanjing-2019-sangong-partial-trad.txt': ['doc/glyphs@6', 'doc/glyphs@7', 'doc/glyphs@8'],
  'text/040-hlx-2018-sangong-partial.txt': ['doc/punctuation@10'],
  'pdf/sh-putuo-guihuaziyuan-2024.pdf': ['doc/template-residue@573'],
  'pdf/sh-putuo-shehuigongzuobu-2024.pdf': ['doc/template-residue@302', 'doc/template-residue@313'],
};

/**
 * Infos worth pinning: the seed's tables are a separate attachment (0 of 9 tables in its text); 规划资源 line 550
 * "平均得分99.33分（其中，…发现问题0个。" — a bracket the text never closes (info: a PDF paragraph).
 */
const INFOS: Record<string, string[]> = {
  'seed/cq-beibei-zfb-2020.txt': ['doc/nine-tables@1'],
  'pdf/sh-putuo-guihuaziyuan-2024.pdf': ['doc/punctuation@550'],
};

const files = existsSync(CORPUS)
  ? ['seed', 'text', 'pdf', 'budget'].flatMap((d) => readdirSync(path.join(CORPUS, d)).filter((f) => /\.(txt|pdf)$/.test(f)).sort().map((f) => `${d}/${f}`))
  : [];
const inputs = new Map<string, CheckInput>();

describe('document kind and the new doc rules on the corpus', () => {
  beforeAll(async () => {
    for (const f of files) {
      const doc = await readDocument(new Uint8Array(readFileSync(path.join(CORPUS, f))), f);
      inputs.set(f, buildInput(doc, doc.rebuiltTables ?? []));
    }
  }, 240_000);

  it('should find the corpus and know every file in it', () => {
    expect(existsSync(CORPUS), `missing ${CORPUS}: the tests need ../shared/corpus`).toBe(true);
    expect(files.sort()).toEqual(Object.keys(KINDS).sort());
  });

  for (const f of Object.keys(KINDS)) {
    it(`should recognise ${f} as ${KINDS[f]}`, () => {
      const input = inputs.get(f)!;
      expect(input.kind).toBe(KINDS[f]);
      expect(detectKind(input.doc!.norm)).toBe(KINDS[f]);
    });

    it(`should give no error and only verified warnings on ${f}`, () => {
      const r = runRules(inputs.get(f)!, NEW_RULES);
      expect(r.internalErrors).toEqual([]);
      const tag = (x: Finding) => `${x.ruleId}@${x.location.line}`;
      expect(r.findings.filter((x) => x.severity === 'error').map((x) => `${tag(x)} ${x.message}`)).toEqual([]);
      if (f.includes('sh-template')) {
        // A template: its instructions are residue by design; they are summed up once.
        expect(r.findings.some((x) => x.messageId === 'many')).toBe(true);
        return;
      }
      expect(r.findings.filter((x) => x.severity === 'warning').map(tag)).toEqual(WARNINGS[f] ?? []);
      const infos = r.findings.filter((x) => x.severity === 'info' && x.ruleId !== 'doc/required-sections').map(tag);
      expect(infos).toEqual(INFOS[f] ?? []);
      // A budget or a text that is not a body's own disclosure is never asked for 决算 parts.
      expect(r.findings.filter((x) => x.ruleId === 'doc/required-sections' && x.severity !== 'info')).toEqual([]);
    });
  }
});
