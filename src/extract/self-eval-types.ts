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
}

export interface ExtractedSelfEvaluation {
  project: PrintedValue;
  totalScore: PrintedValue;
  funds: { label: string; budget: PrintedValue; executed: PrintedValue; rate: PrintedValue }[];
  indicators: ExtractedIndicator[];
  /** The 合计 row: stated Σ weights and Σ scores. */
  weightTotal?: PrintedValue;
  scoreTotal?: PrintedValue;
  start: number;
  end: number;
}
