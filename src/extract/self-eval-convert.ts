/**
 * An extracted 项目支出绩效自评表 (self-eval.ts) converted to the model's SelfEvaluation, where its values
 * parse; problems name what did not. Apart from the reader because it validates with the model's schema (zod),
 * which `extract` needs and a check does not.
 */
import type { ExtractedSelfEvaluation, PrintedValue } from './self-eval-types.js';
import { SelfEvaluationSchema, type SelfEvaluation } from '../model/schema.js';
import { parseAmount } from '../calc/money.js';
import { bandOf, CENTRAL_POLICY, parseIndicatorNumber, parseNature, type ScoringPolicy } from '../calc/performance.js';
import { totalFunds } from './self-eval.js';


type ConvertResult = { ok: true; value: SelfEvaluation; notes: string[] } | { ok: false; problems: string[] };

function amountOrNull(v: PrintedValue | undefined): string | null {
  if (!v || v.text.trim() === '') return null;
  const d = parseAmount(v.text);
  return d === null ? null : d.toString();
}

/** Convert an extracted form to the model, where the values parse; problems name what did not. */
export function toSelfEvaluation(x: ExtractedSelfEvaluation, policy: ScoringPolicy = CENTRAL_POLICY): ConvertResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const indicators: SelfEvaluation['indicators'] = [];
  x.indicators.forEach((i, n) => {
    const label = `第${n + 1}个指标“${i.name.text}”`;
    const weight = parseIndicatorNumber(i.weight.text);
    if (weight === null) {
      problems.push(`${label}的权重“${i.weight.text}”不是数字`);
      return;
    }
    const targetNumeric = parseIndicatorNumber(i.target.text, i.unit.text) !== null;
    let nature = parseNature(i.nature.text);
    if (nature === null) {
      if (targetNumeric) {
        problems.push(`${label}的指标性质“${i.nature.text}”无法识别`);
        return;
      }
      nature = 'qualitative';
      notes.push(`${label}未注明指标性质，按定性指标处理`);
    }
    const score = i.score.text.trim() === '' ? null : parseIndicatorNumber(i.score.text);
    if (i.score.text.trim() !== '' && score === null) notes.push(`${label}的得分“${i.score.text}”不是数字，未采用`);
    const ind: SelfEvaluation['indicators'][number] = {
      level1: i.level1,
      level2: i.level2,
      name: i.name.text,
      nature,
      target: i.target.text,
      weight: weight.toNumber(),
      actual: i.actual.text,
    };
    if (i.unit.text && i.unit.text !== '无') ind.unit = i.unit.text;
    if (i.completion.text) ind.completion = i.completion.text;
    if (score !== null) ind.score = score.toNumber();
    if (nature === 'qualitative' && score !== null) {
      const b = bandOf(score, weight, policy);
      if (b) ind.band = b;
    }
    if (i.reason.text && i.reason.text !== '无') ind.reason = i.reason.text;
    indicators.push(ind);
  });
  const tf = totalFunds(x);
  const budgetPv = policy.executionBase === 'initialBudget' ? (tf?.budgetKind === 'initial' ? tf?.budget : tf?.initialBudget) : tf?.budget;
  const execWeight =
    policy.executionWeight ??
    (tf?.weight ? parseIndicatorNumber(tf.weight.text)?.toNumber() : undefined) ??
    (x.sectionPoints?.execution ? parseIndicatorNumber(x.sectionPoints.execution.text)?.toNumber() : undefined) ??
    0;
  const funds: SelfEvaluation['funds'] = {
    total: { budget: amountOrNull(budgetPv), executed: amountOrNull(tf?.executed) },
    weight: execWeight,
  };
  for (const f of x.funds) {
    if (f === tf) continue;
    const v = { budget: amountOrNull(f.budget), executed: amountOrNull(f.executed) };
    if (/上级/.test(f.label) && !funds.superior) funds.superior = v;
    else if (/(区|县|市|本)级|财政资金/.test(f.label) && !funds.local) funds.local = v;
  }
  if (problems.length) return { ok: false, problems };
  const total = x.totalScore.text ? parseIndicatorNumber(x.totalScore.text) : null;
  const candidate: SelfEvaluation = {
    project: x.project.text,
    department: x.department?.text ?? '',
    implementer: x.implementer?.text ?? '',
    ...(x.contact?.text ? { contact: x.contact.text } : {}),
    funds,
    goal: x.goal?.text ?? '',
    achievement: x.achievement?.text ?? '',
    indicators,
    showEmptyCategories: true,
  };
  if (total !== null) candidate.totalScore = total.toNumber();
  const r = SelfEvaluationSchema.safeParse(candidate);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { ok: true, value: r.data, notes };
}
