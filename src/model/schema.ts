/**
 * The model of one department-year's 决算: plain JSON data, validated here at the boundary.
 * Amounts are strings or numbers in the table's unit (万元 by default), parsed exactly by calc/money.
 * `null` means "not stated"; 0 means zero.
 */
import { z } from 'zod';
import { VEHICLE_TYPES } from './vehicles.js';
import { parseAmount } from '../calc/money.js';
import { deriveModel, conflictMessage, type Conflict } from './derive.js';

z.config(z.locales.zhCN());

/** No department's 决算 comes near this: a figure beyond it is a typo or an exponent (10¹² 万元). */
const MAX_AMOUNT_WAN = 1e12;
/** The same bound for tables printed in 元. */
const MAX_AMOUNT_YUAN = MAX_AMOUNT_WAN * 10_000;

const amountBelow = (max: number, unit: string) =>
  z
    .union([z.string(), z.number()])
    .refine((v) => parseAmount(v) !== null, { message: '应为金额（如 1918.25 或 "1,918.25"）' })
    .refine((v) => parseAmount(v)?.abs().lte(max) ?? true, { message: `金额超出合理范围（绝对值不应超过 ${max.toExponential(0).replace('e+', '×10^')} ${unit}），请检查是否多写了位数` });

export const AmountSchema = amountBelow(MAX_AMOUNT_WAN, '万元');
/** Table cells: the table's own unit (万元 or 元) decides the bound, checked on the table. */
const CellAmount = amountBelow(MAX_AMOUNT_YUAN, '元');
export type Amount = z.infer<typeof AmountSchema>;
const Amt = AmountSchema;
const OptAmt = AmountSchema.nullable().optional();

/** A count (辆, 人次, 批次, 个, 台(套)). */
const Count = z.number().int().nonnegative();
const OptCount = Count.nullable().optional();

/** Prior-year (上年决算数) and budget (年初预算数, 全年预算数) figures of one quantity. */
const ComparativeSchema = z
  .object({
    prior: OptAmt,
    budget: OptAmt,
    fullYearBudget: OptAmt,
    /** Reason for the change vs 上年. */
    priorReason: z.string().optional(),
    /** Reason for the difference vs 预算. */
    budgetReason: z.string().optional(),
    purpose: z.string().optional(),
    /** Free remark kept with the data (e.g. why a value was chosen). */
    remark: z.string().optional(),
  })
  .strict();

export const RowSchema = z
  .object({
    /** Canonical key of a named row (see model/tables.ts), e.g. "in.total". */
    key: z.string().optional(),
    /** 功能分类 code (3/5/7 digits) or 经济分类 code (3/5 digits). */
    code: z.string().regex(/^\d{3}(\d{2}){0,2}$/, '科目编码应为3、5或7位数字').optional(),
    name: z.string().min(1),
    side: z.enum(['income', 'expense']).optional(),
    values: z.record(z.string(), CellAmount.nullable()),
  })
  .strict();
export type Row = z.infer<typeof RowSchema>;

export const TableSchema = z
  .object({
    kind: z.enum(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']),
    title: z.string().optional(),
    unit: z.enum(['万元', '元']).default('万元'),
    /** The table has no data and is published with a note (空表). */
    empty: z.boolean().optional(),
    note: z.string().optional(),
    rows: z.array(RowSchema),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.unit !== '万元') return;
    t.rows.forEach((row, i) => {
      for (const [col, v] of Object.entries(row.values)) {
        if (v !== null && (parseAmount(v)?.abs().gt(MAX_AMOUNT_WAN) ?? false)) {
          ctx.addIssue({ code: 'custom', path: ['rows', i, 'values', col], message: '金额超出合理范围（绝对值不应超过 1×10^12 万元），请检查是否多写了位数' });
        }
      }
    });
  });
export type Table = z.infer<typeof TableSchema>;

/** A spending that cannot be negative (三公经费). */
const OptSpent = AmountSchema.refine((v) => !(parseAmount(v)?.isNegative() ?? false), { message: '三公经费支出不能为负数' })
  .nullable()
  .optional();

const SanGongItem = z
  .object({ budget: OptSpent, actual: OptSpent, prior: OptSpent, budgetReason: z.string().optional(), priorReason: z.string().optional(), purpose: z.string().optional() })
  .strict();

const SanGongSchema = z
  .object({
    /** Derived from the four items when absent (model/derive.ts). */
    total: SanGongItem.default({}),
    abroad: SanGongItem,
    vehiclePurchase: SanGongItem,
    vehicleOperation: SanGongItem,
    reception: SanGongItem,
    /** Reasons stated for the whole 三公 (may be several, "一是…二是…"). */
    quantities: z
      .object({
        abroadGroups: OptCount,
        abroadPeople: OptCount,
        vehiclesPurchased: OptCount,
        vehiclesHeld: OptCount,
        receptionBatches: OptCount,
        receptionPeople: OptCount,
        /** 国内外事接待 (part of 国内公务接待). */
        foreignAffairsBatches: OptCount,
        foreignAffairsPeople: OptCount,
        /** 国（境）外公务接待 (外宾). */
        foreignGuestBatches: OptCount,
        foreignGuestPeople: OptCount,
      })
      .strict(),
  })
  .strict();

const PriorItem = z.object({ current: Amt, prior: OptAmt, reason: z.string().optional(), purpose: z.string().optional() }).strict();

export { VEHICLE_TYPES };

export const IndicatorSchema = z
  .object({
    level1: z.string(),
    level2: z.string(),
    name: z.string(),
    unit: z.string().optional(),
    /** 指标性质: ＝ ≥ ≤ 定性 */
    nature: z.enum(['=', '>=', '<=', 'qualitative']),
    target: z.string(),
    weight: z.number().nonnegative(),
    actual: z.string(),
    /** Stated completion (完成比例), as printed. */
    completion: z.string().optional(),
    /** Stated score; the generator computes it when absent. */
    score: z.number().nonnegative().optional(),
    /** For qualitative indicators: the band a reviewer chose. */
    band: z.enum(['achieved', 'partial', 'failed']).optional(),
    reason: z.string().optional(),
  })
  .strict();
export type Indicator = z.infer<typeof IndicatorSchema>;

export const SelfEvaluationSchema = z
  .object({
    project: z.string(),
    department: z.string(),
    implementer: z.string(),
    contact: z.string().optional(),
    funds: z
      .object({
        total: z.object({ budget: OptAmt, executed: OptAmt }).strict(),
        superior: z.object({ budget: OptAmt, executed: OptAmt }).strict().optional(),
        local: z.object({ budget: OptAmt, executed: OptAmt }).strict().optional(),
        /** 执行率 weight (10 under 财预〔2020〕10号; 0 where the local form has none). */
        weight: z.number().nonnegative().default(0),
      })
      .strict(),
    goal: z.string(),
    achievement: z.string(),
    indicators: z.array(IndicatorSchema),
    /** Stated total score; computed when absent. */
    totalScore: z.number().optional(),
    /** Level-2 categories printed even when empty, per the regional form. */
    showEmptyCategories: z.boolean().default(true),
  })
  .strict();
export type SelfEvaluation = z.infer<typeof SelfEvaluationSchema>;

export const DisclosureSchema = z
  .object({
    schemaVersion: z.literal(1),
    body: z
      .object({
        name: z.string().min(1),
        /** 部门 (department, consolidated) or 单位 (one budget unit). */
        level: z.enum(['部门', '单位']),
        region: z.object({ province: z.string(), city: z.string().optional(), county: z.string().optional() }).strict(),
        /** Short form used in the self-evaluation title, e.g. 北碚区. */
        regionShort: z.string().optional(),
      })
      .strict(),
    year: z.number().int().min(2000).max(2100),
    style: z
      .object({
        template: z.enum(['chongqing', 'shanghai']).default('chongqing'),
        pctDp: z.number().int().min(0).max(2).default(1),
        zeroBase: z.enum(['hundred', 'incomparable']).default('hundred'),
        /** Subject wording of era/region, e.g. 使用非财政拨款结余 vs 用事业基金弥补收支差额. */
        wording: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .default({ template: 'chongqing', pctDp: 1, zeroBase: 'hundred', wording: {} }),
    profile: z
      .object({
        functions: z.array(z.string()).min(1),
        institutions: z.string(),
        composition: z.string(),
      })
      .strict(),
    tables: z.array(TableSchema),
    /** 上年决算数 / 年初预算数 / 全年预算数 and the person's reasons, keyed by concept id (model/concepts.ts). */
    comparatives: z.record(z.string(), ComparativeSchema).default({}),
    sanGong: SanGongSchema,
    operatingCosts: PriorItem,
    meetings: PriorItem,
    training: PriorItem,
    assets: z
      .object({
        asOf: z.string().optional(),
        vehicles: z.record(z.enum(VEHICLE_TYPES), Count),
        generalEquipmentOver50: OptCount,
        specialEquipmentOver100: OptCount,
      })
      .strict(),
    procurement: z
      .object({
        /** Derived as goods + works + services when absent. */
        total: OptAmt,
        goods: Amt,
        works: Amt,
        services: Amt,
        sme: Amt,
        micro: Amt,
        purpose: z.string().optional(),
      })
      .strict(),
    performance: z
      .object({
        projectCount: Count,
        formCount: Count,
        funds: Amt,
        conclusion: z.string().optional(),
        selfEvaluations: z.array(SelfEvaluationSchema).default([]),
        keyEvaluation: z.string().optional(),
      })
      .strict(),
    glossary: z.array(z.object({ term: z.string(), definition: z.string() }).strict()),
    contact: z.object({ text: z.string().optional(), phone: z.string() }).strict(),
    /** Free notes on the data itself (sources, choices made). Not rendered. */
    dataNotes: z.array(z.string()).optional(),
  })
  .strict();

export type Disclosure = z.infer<typeof DisclosureSchema>;
export type DisclosureInput = z.input<typeof DisclosureSchema>;

interface SchemaIssue {
  path: string;
  message: string;
  /** For a figure that contradicts a derived one. */
  expected?: string;
  actual?: string;
}

/**
 * What no field may hold, whatever its schema: control characters in text (invisible, they break the
 * rendered document and hide edits) and numbers JSON cannot hold (`1e309` parses as Infinity, which a
 * schema would call "a number, expected a number"). Issues carry the JSON path.
 */
function rawIssues(data: unknown, path: PropertyKey[] = [], out: SchemaIssue[] = []): SchemaIssue[] {
  if (out.length >= 50) return out;
  if (typeof data === 'string') {
    const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/.exec(data);
    if (m) {
      const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      out.push({ path: formatPath(path), message: `含有控制字符 U+${cp}（第 ${m.index + 1} 个字符处），请删除后再试` });
    }
  } else if (typeof data === 'number') {
    if (!Number.isFinite(data)) out.push({ path: formatPath(path), message: '数值超出范围（过大的数在 JSON 中读作无穷大），请检查是否多写了位数或指数' });
  } else if (Array.isArray(data)) {
    data.forEach((v, i) => rawIssues(v, [...path, i], out));
  } else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) rawIssues(v, [...path, k], out);
  }
  return out;
}

/**
 * Validate unknown data; returns the model with every total derived (model/derive.ts), or readable issues
 * ("tables[2].rows[0].code: …"). A stated figure that contradicts a derived one beyond rounding is an issue
 * naming its JSON path, the expected and the actual value. `derive: false` gives the model as stated;
 * `derive: 'lenient'` fills what is missing and keeps contradicting figures as stated (for tests that
 * deliberately render an inconsistent model, and for tools that report conflicts themselves).
 */
export function validateDisclosure(
  data: unknown,
  opts: { derive?: boolean | 'lenient' } = {},
): { ok: true; model: Disclosure; drift?: Conflict[] } | { ok: false; issues: SchemaIssue[] } {
  const raw = rawIssues(data);
  if (raw.length > 0) return { ok: false, issues: raw };
  const r = DisclosureSchema.safeParse(data);
  if (r.success) {
    if (opts.derive === false) return { ok: true, model: r.data };
    const d = deriveModel(r.data);
    if (d.conflicts.length > 0 && opts.derive !== 'lenient') {
      return { ok: false, issues: d.conflicts.map((c) => ({ path: c.path, message: conflictMessage(c), expected: c.expected, actual: c.actual })) };
    }
    return { ok: true, model: d.model, drift: d.drift };
  }
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}

function formatPath(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += (s ? '.' : '') + String(p);
  }
  return s || '(根)';
}
