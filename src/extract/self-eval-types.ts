/**
 * A 项目支出绩效自评表 read from a document: the values as printed (strings, so that "7*24%" survives),
 * with the offsets of each in SourceDoc.text. Owned by the performance module (extract/self-eval.ts).
 */
export interface PrintedValue {
  text: string;
  start?: number;
  end?: number;
}

export interface ExtractedIndicator {
  level1: string;
  level2: string;
  name: PrintedValue;
  unit: PrintedValue;
  nature: PrintedValue;
  target: PrintedValue;
  weight: PrintedValue;
  actual: PrintedValue;
  completion: PrintedValue;
  score: PrintedValue;
  reason: PrintedValue;
  /** Offsets of the whole row. */
  start?: number;
  end?: number;
}

/** Which budget column a form's 执行率 is computed against. */
export type BudgetKind = 'fullYear' | 'adjusted' | 'initial';

export interface ExtractedFunds {
  /** Row label as printed, trimmed: 年度总金额, 总额, 其中：上级资金, 区级资金, 财政资金 … */
  label: string;
  /** The budget 执行率 is computed against on this form (全年预算数 or 调整后预算数; 年初预算 if alone). */
  budget: PrintedValue;
  executed: PrintedValue;
  rate: PrintedValue;
  /** Which column `budget` came from. */
  budgetKind?: BudgetKind;
  /** 年初预算数 when the form prints it besides the budget. */
  initialBudget?: PrintedValue;
  /** 分值/权重 and 得分 of 执行率 (printed on the total row only). */
  weight?: PrintedValue;
  score?: PrintedValue;
  labelAt?: { start: number; end: number };
}

export interface ExtractedSelfEvaluation {
  project: PrintedValue;
  /** Stated 自评总分; text '' (no offsets) when the form prints none. */
  totalScore: PrintedValue;
  funds: ExtractedFunds[];
  indicators: ExtractedIndicator[];
  /** The 合计 row: stated Σ weights and Σ scores. */
  weightTotal?: PrintedValue;
  scoreTotal?: PrintedValue;
  start: number;
  end: number;
  /** Form title as printed (…项目支出绩效自评表). */
  title?: PrintedValue;
  department?: PrintedValue;
  implementer?: PrintedValue;
  /** 联系人及电话, as printed. */
  contact?: PrintedValue;
  goal?: PrintedValue;
  achievement?: PrintedValue;
  /** Stated 评价等级 (优/良/中/差), where the form prints one. */
  grade?: PrintedValue;
  /** The form is cut off at its start (an excerpt opening mid-form): no project, funds or head. */
  partial?: boolean;
  /** Points printed in a section header, e.g. 预算执行情况(10分) and 绩效指标(90分). */
  sectionPoints?: { execution?: PrintedValue; indicators?: PrintedValue };
}
