/**
 * extract → model: a published disclosure read back into a model `render` accepts. Tables come from the
 * document's own tables (DOCX/HTML: the table grids, read like a workbook by xlsx/read; PDF: the rebuilt
 * tables with confidence ≥ 0.8); texts from the sections (职能职责, 机构设置, 单位构成, 名词解释, 联系方式);
 * figures, 上年数 and 预算数 from the claims. What could not be read is listed in dataNotes, never guessed:
 * a required amount that was not found is written 0.00 and listed there.
 */
import type { SourceDoc, SourceTable } from '../readers/types.js';
import { isPageNumberLine } from '../readers/normalize.js';
import type { CheckInput } from './types.js';
import type { DisclosureInput, Table } from '../model/schema.js';
import { VEHICLE_TYPES, validateDisclosure } from '../model/schema.js';
import { TABLE_SPECS, TABLE_KINDS, type TableKind } from '../model/tables.js';
import { tablesOfSheets, type ImportProblem, type Sheet } from '../xlsx/read.js';
import { flattenSections, matchHeading } from '../structure/sections.js';
import type { Section } from '../structure/types.js';
import type { ExtractedTable } from '../extract/table-types.js';
import { parseAmount, plain } from '../calc/money.js';
import { CONCEPT_BY_ID } from '../model/concepts.js';
import { className } from '../model/classification.js';

type V = string | number | null;

/** The document's tables as one sheet: each table preceded by the two text lines above it (title, unit line). */
function docTablesSheet(doc: SourceDoc): Sheet {
  const rows: V[][] = [];
  const merges: Sheet['merges'] = [];
  const linesBefore = (t: SourceTable): string[] => {
    const before = doc.text.slice(Math.max(0, t.start - 400), t.start).split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== '---');
    return before.slice(-2);
  };
  for (const t of doc.tables) {
    const [a, b] = linesBefore(t);
    const caption = b !== undefined && /单位[:：]/.test(b) ? a : b ?? a;
    const unit = b !== undefined && /单位[:：]/.test(b) ? b : '';
    rows.push([caption ?? ''], [unit]);
    const top = rows.length;
    const taken: boolean[][] = [];
    t.rows.forEach((cells, r) => {
      const row: V[] = (rows[top + r] ??= []);
      let c = 0;
      for (const cell of cells) {
        while (taken[r]?.[c]) c++;
        const rs = cell.rowSpan ?? 1;
        const cs = cell.colSpan ?? 1;
        row[c] = cell.text.trim() === '' ? null : cell.text.trim();
        for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) ((taken[r + i] ??= [])[c + j] = true);
        if (rs > 1 || cs > 1) merges.push({ s: { r: top + r, c }, e: { r: top + r + rs - 1, c: c + cs - 1 } });
        c += cs;
      }
    });
    rows.push([]);
  }
  return { name: '文档表格', rows: rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i] ?? null)), merges, r0: 0, c0: 0 };
}

/**
 * A PDF's text breaks every paragraph at each visual line and carries the page numbers: join the lines of a
 * paragraph back (a new one starts after 。！？ or at a numbered item, "2." "（三）"), drop page numbers.
 */
function unwrapPdfLines(text: string, norm: string): string {
  const out: string[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const n = norm.slice(pos, pos + line.length);
    pos += line.length + 1;
    if (isPageNumberLine(n) || n.trim() === '') continue;
    const prev = out.length ? out[out.length - 1] : null;
    if (prev !== null && !/[。！？!?]\s*$/.test(prev) && matchHeading(n) === null) out[out.length - 1] = prev.trimEnd() + line.trim();
    else out.push(line.trim());
  }
  // Justified lines and LibreOffice's CJK–Latin autospacing put spaces between a character and a figure ("内设 10 个").
  return out.map((l) => l.replace(/(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \u00a0]+(?=[\dA-Za-z])|(?<=[\dA-Za-z%])[ \u00a0]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g, '')).join('\n');
}

function sectionText(doc: SourceDoc, sections: Section[], id: string): string | null {
  const s = flattenSections(sections).find((x) => x.id === id);
  if (!s) return null;
  let t = doc.text.slice(s.headingEnd, s.end);
  if (doc.format === 'pdf') t = unwrapPdfLines(t, doc.norm.slice(s.headingEnd, s.end));
  t = t.trim();
  return t === '' ? null : t;
}

interface FigureLike {
  current?: string;
  prior?: string;
  budget?: string;
  fullYearBudget?: string;
}

interface ExtractParts {
  doc: SourceDoc;
  input: CheckInput;
  figures: Record<string, FigureLike>;
  counts: Record<string, number>;
  selfEvaluations: unknown[];
  rebuilt: ExtractedTable[];
}

/** Assemble the model; `unread` lists what could not be read (also written into dataNotes). */
export function toDisclosure(p: ExtractParts): { model: DisclosureInput; unread: string[] } {
  const { doc, input, figures, counts } = p;
  const unread: string[] = [];
  const fig = (id: string, basis: keyof FigureLike = 'current') => figures[id]?.[basis] ?? null;
  const need = (id: string, what: string): string => {
    const v = fig(id);
    if (v === null) unread.push(`${what}（暂填 0.00）`);
    return v ?? '0.00';
  };

  // Tables.
  let tables: Table[] = [];
  if (doc.format === 'pdf') {
    tables = p.rebuilt.filter((t) => t.confidence >= 0.8).map((t) => t.table);
    for (const t of p.rebuilt.filter((x) => x.confidence < 0.8)) unread.push(`${t.title}（重建置信度 ${t.confidence.toFixed(2)}，未采用）`);
  } else if (doc.tables.length > 0) {
    const problems: ImportProblem[] = [];
    const r = tablesOfSheets([docTablesSheet(doc)], problems);
    tables = r.tables;
    for (const q of problems) unread.push(`表格：${q.message}`);
  }
  const present = new Set(tables.map((t) => t.kind));
  for (const k of TABLE_KINDS) if (!present.has(k as TableKind)) unread.push(`表${TABLE_SPECS[k].no}“${TABLE_SPECS[k].title}”（表中的数字只取自说明文字）`);
  // A table that could not be read keeps the figures the text states about it (the concepts it is the source of).
  for (const [id, f] of Object.entries(figures)) {
    if (f.current === undefined) continue;
    const [base, code] = id.split(':');
    const src = CONCEPT_BY_ID.get(base)?.source;
    if (!src || 'path' in src || present.has(src.table)) continue;
    let t = tables.find((x) => x.kind === src.table);
    if (!t) tables.push((t = { kind: src.table, unit: '万元', rows: [] }));
    const rowId = code ?? src.row;
    let row = /^\d+$/.test(rowId) ? t.rows.find((r) => r.code === rowId) : t.rows.find((r) => r.key === rowId);
    if (!row) {
      const named = TABLE_SPECS[src.table].namedRows?.find((n) => n.key === rowId);
      row = /^\d+$/.test(rowId)
        ? { code: rowId, name: className(rowId) ?? rowId, values: {} }
        : { key: rowId, name: named?.label ?? (rowId === 'total' ? '合计' : rowId), ...(named?.side ? { side: named.side } : {}), values: {} };
      t.rows.push(row);
    }
    row.values[src.col] ??= f.current;
  }
  // Such a table states only what the text says: every other figure of it is unknown (null), not absent — an
  // absent cell counts 0 in derivation, which would make the stated totals contradict the parts never read.
  for (const t of tables) {
    if (present.has(t.kind) || t.empty) continue;
    const spec = TABLE_SPECS[t.kind];
    const cols = spec.columns.map((c) => c.key);
    const keys = [...(spec.namedRows ?? []).map((n) => n.key), ...(spec.codeRows ? ['total'] : [])];
    for (const key of keys) {
      if (t.rows.some((r) => r.key === key)) continue;
      const named = spec.namedRows?.find((n) => n.key === key);
      t.rows.push({ key, name: named?.label ?? '合计', ...(named?.side ? { side: named.side } : {}), values: {} });
    }
    for (const r of t.rows) for (const c of cols) if (!(c in r.values)) r.values[c] = null;
  }
  for (const k of ['t8', 't9'] as const) {
    if (present.has(k) || tables.some((t) => t.kind === k)) continue;
    const none = new RegExp(`无${k === 't8' ? '政府性基金' : '国有资本经营'}预算财政拨款(收入和)?支出|无${k === 't8' ? '政府性基金' : '国有资本经营'}预算财政拨款收支`).test(doc.norm);
    if (none) tables.push({ kind: k, unit: '万元', empty: true, rows: [] });
  }
  tables.sort((a, b) => TABLE_KINDS.indexOf(a.kind) - TABLE_KINDS.indexOf(b.kind));

  // Body, year, region.
  const name = input.bodyName ?? (unread.push('单位名称'), '（未能读取单位名称）');
  const province = /^(.{2,3}?(?:省|市|自治区))/.exec(name)?.[1] ?? (unread.push('所在省（市）'), '（未能读取）');
  const county = /(?:省|市|自治区)(.{1,5}?[区县])/.exec(name)?.[1];
  const year = input.year ?? (unread.push('年度'), 2000);
  const flat = doc.norm.replace(/\s+/g, '');
  const selfCount = (flat.match(/本单位/g) ?? []).length;
  const level = selfCount > (flat.match(/本部门/g) ?? []).length ? '单位' : '部门';

  // Texts.
  const functions = sectionText(doc, input.sections, '职能职责')
    ?.split('\n').map((l) => l.trim().replace(/^\d+[.．、]\s*/, '')).filter((l) => l !== '');
  if (!functions?.length) unread.push('主要职能');
  const institutions = sectionText(doc, input.sections, '机构设置') ?? (unread.push('机构设置'), '（未能读取）');
  const composition = sectionText(doc, input.sections, '单位构成') ?? (unread.push('单位构成'), '（未能读取）');
  const glossaryText = sectionText(doc, input.sections, '名词解释') ?? '';
  const glossary = [...glossaryText.matchAll(/^\s*[（(][一二三四五六七八九十]+[）)]\s*([^：:\n]+)[：:]\s*(.+)$/gmu)].map((m) => ({ term: m[1].trim(), definition: m[2].trim() }));
  if (glossary.length === 0) unread.push('名词解释');
  const contactText = sectionText(doc, input.sections, '联系方式') ?? '';
  const phone = /(\d{3,4}-?\d{7,8})/.exec(contactText)?.[1] ?? (unread.push('联系电话'), '（未能读取）');
  // "本单位决算公开信息反馈和联系方式：023-…": the words before the number, as the document puts them.
  const contactLead = /^([^\n：:]{2,60}?)[：:]\s*(?:电话[：:]?\s*)?\d{3,4}-?\d{7,8}/.exec(contactText.trim())?.[1]?.trim();
  const asOf = /截[至止]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/.exec(doc.norm)?.[1]?.replace(/\s/g, '');

  // Comparatives: every 上年数 / 预算数 the claims imply.
  const comparatives: Record<string, { prior?: string; budget?: string; fullYearBudget?: string }> = {};
  for (const [id, f] of Object.entries(figures)) {
    const c: { prior?: string; budget?: string; fullYearBudget?: string } = {};
    if (f.prior !== undefined) c.prior = f.prior;
    if (f.budget !== undefined) c.budget = f.budget;
    if (f.fullYearBudget !== undefined) c.fullYearBudget = f.fullYearBudget;
    if (Object.keys(c).length) comparatives[id] = c;
  }
  unread.push('各项增减原因、用途说明（文字未提取，请补写）');

  // "财政拨款收、支总计各减少332.06万元": the 上年数 the change implies.
  const fiscalChange = /财政拨款收[、,，]?\s*支总计各?\s*(增加|减少)\s*([\d,]+(?:\.\d+)?)\s*万元/.exec(doc.norm);
  const fiscalNow = fig('财政拨款收支总计');
  if (fiscalChange && fiscalNow !== null && !comparatives['财政拨款收支总计']?.prior) {
    const d = parseAmount(fiscalChange[2])!;
    const now = parseAmount(fiscalNow)!;
    comparatives['财政拨款收支总计'] = { ...comparatives['财政拨款收支总计'], prior: plain(fiscalChange[1] === '减少' ? now.add(d) : now.sub(d)) };
  }
  // 三公 by item: the T7 table where it was read, else the text.
  const t7 = tables.find((t) => t.kind === 't7')?.rows[0]?.values ?? {};
  const t7v = (col: string) => (t7[col] === undefined || t7[col] === null ? null : String(t7[col]));
  const T7COL: Record<string, string> = { '因公出国（境）费': 'abroad', 公务用车购置费: 'purchase', 公务用车运行维护费: 'operation', 公务接待费: 'reception' };
  const item = (id: string) => ({ actual: t7v(`actual.${T7COL[id]}`) ?? fig(id), budget: t7v(`budget.${T7COL[id]}`) ?? fig(id, 'budget'), prior: fig(id, 'prior') });
  const count = (k: string) => (counts[k] === undefined ? null : counts[k]);
  // Regional names of a type (上海: 部级领导干部用车); a type the text does not count is listed and entered as 0.
  const VEHICLE_ALIASES: Partial<Record<(typeof VEHICLE_TYPES)[number], string[]>> = { '副部（省）级及以上领导用车': ['部级领导干部用车'] };
  const vehicles = Object.fromEntries(
    VEHICLE_TYPES.map((v) => {
      const n = [v, ...(VEHICLE_ALIASES[v] ?? [])].map((k) => counts[`车辆:${k}`]).find((x) => x !== undefined);
      if (n === undefined) unread.push(`${v}数（暂填 0）`);
      return [v, n ?? 0];
    }),
  );
  const prior = (id: string) => fig(id, 'prior');

  const model: DisclosureInput = {
    schemaVersion: 1,
    body: { name, level, region: { province, ...(county ? { county } : {}) }, ...(county ? { regionShort: county } : {}) },
    year,
    style: { template: input.style === 'shanghai' ? 'shanghai' : 'chongqing', pctDp: 1, zeroBase: 'hundred', wording: {} },
    profile: { functions: functions?.length ? functions : ['（未能读取）'], institutions, composition },
    tables,
    comparatives,
    sanGong: {
      total: { ...(fig('三公经费', 'prior') !== null ? { prior: fig('三公经费', 'prior') } : {}), ...(fig('三公经费', 'budget') !== null ? { budget: fig('三公经费', 'budget') } : {}) },
      abroad: item('因公出国（境）费'),
      vehiclePurchase: item('公务用车购置费'),
      vehicleOperation: item('公务用车运行维护费'),
      reception: item('公务接待费'),
      quantities: {
        abroadGroups: count('出国团组'), abroadPeople: count('出国人数'), vehiclesPurchased: count('购置车辆'), vehiclesHeld: count('车辆保有量'),
        receptionBatches: count('国内接待批次'), receptionPeople: count('国内接待人数'), foreignAffairsBatches: count('外事接待批次'),
        foreignAffairsPeople: count('外事接待人数'), foreignGuestBatches: count('外宾接待批次'), foreignGuestPeople: count('外宾接待人数'),
      },
    },
    operatingCosts: { current: need('机关运行经费', '机关运行经费'), prior: prior('机关运行经费') },
    meetings: { current: need('会议费', '会议费'), prior: prior('会议费') },
    training: { current: need('培训费', '培训费'), prior: prior('培训费') },
    assets: { ...(asOf ? { asOf } : {}), vehicles: vehicles as DisclosureInput['assets']['vehicles'], generalEquipmentOver50: count('通用设备'), specialEquipmentOver100: count('专用设备') },
    procurement: {
      goods: need('政府采购货物支出', '政府采购货物支出'), works: need('政府采购工程支出', '政府采购工程支出'), services: need('政府采购服务支出', '政府采购服务支出'),
      sme: need('授予中小企业合同金额', '授予中小企业合同金额'), micro: need('授予小微企业合同金额', '授予小微企业合同金额'),
    },
    performance: {
      projectCount: counts['绩效自评项目数'] ?? 0,
      formCount: counts['自评表项目数'] ?? 0,
      funds: need('绩效自评资金', '绩效自评涉及资金'),
      selfEvaluations: p.selfEvaluations.filter((s) => !(s as { problems?: unknown }).problems) as DisclosureInput['performance']['selfEvaluations'],
    },
    glossary,
    contact: { ...(contactLead ? { text: contactLead } : {}), phone },
  };
  for (const s of ['因公出国（境）费', '公务用车运行维护费', '公务接待费']) if (fig(s) === null) unread.push(s);
  for (const s of p.selfEvaluations as { project?: string; funds?: { total?: { budget?: unknown } } }[]) {
    if (s.funds && (s.funds.total?.budget === null || s.funds.total?.budget === undefined)) unread.push(`绩效自评表“${s.project ?? ''}”的项目资金（执行率）`);
  }
  // Forms the document prints (a title line each, outside the 目录) that the reader gave none of.
  const titles = doc.norm.split('\n').filter((l) => /^\s*\S{0,30}项目(支出)?绩效(目标)?自评表\s*$/.test(l)).length;
  if (p.selfEvaluations.length === 0 && titles > 0) unread.push(`绩效自评表（文中${titles}张，表格未能读出，未填入）`);
  const badForms = p.selfEvaluations.filter((s) => (s as { problems?: unknown }).problems);
  for (const s of badForms) unread.push(`绩效自评表“${(s as { project?: string }).project ?? ''}”`);
  // Stated figures that contradict each other stay as read; the list says where.
  const check = validateDisclosure(model);
  if (!check.ok) for (const i of check.issues) unread.push(`${i.path}：${i.message}`);
  model.dataNotes = [`由 juesuan extract 从 ${doc.file} 提取。`, ...(unread.length ? [`未能读取或须核对：${unread.join('；')}。`] : [])];
  return { model, unread };
}
