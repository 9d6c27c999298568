/**
 * Vocabulary: wording slips doc/wording reports — placeholders, template alternatives, an empty reason and
 * doubled words. Data only: each entry is a regular expression source (matched with the g flag on the
 * normalised text, where full-width brackets are ASCII) and the message it reports, with its source.
 */

interface WordingCheck {
  pattern: string;
  messageId: 'placeholder' | 'alternative' | 'emptyReason' | 'duplicated';
  source: string;
}

export const WORDING_CHECKS: WordingCheck[] = [
  // Placeholders of the 上海 template ("上海市XX局", "XXX万元") and of budget templates (rule-ideas.md V33-112, BUD-002).
  { pattern: '(?<![A-Za-z])(XX+|ＸＸ+|××+|xx+)(?![A-Za-z])|待填写|请填写|待补充|\\(略\\)|\\[略\\]|TODO', messageId: 'placeholder', source: 'rule-ideas.md V33-112、BUD-002' },
  // The template's alternatives kept together: "增加（减少）", "增加/减少" (rule-ideas.md CMM-005 [branch]).
  { pattern: '(增加|减少|增长|下降)\\s*\\(\\s*(增加|减少|增长|下降)\\s*\\)|增加\\s*\\/\\s*减少|增长\\s*\\/\\s*下降', messageId: 'alternative', source: 'rule-ideas.md CMM-005' },
  // "主要原因是。" — a reason announced and not given (rule-ideas.md CMM-005 [branch]).
  { pattern: '(主要原因(?:是|为)?|主要用于)\\s*[。;]', messageId: 'emptyReason', source: 'rule-ideas.md CMM-005' },
  // "增加增加", "决算决算" (rule-ideas.md CMM-002, v3_3 R003).
  { pattern: '(增加|减少|增长|下降|预算|决算|支出|收入|财政拨款|主要原因|万元)\\1', messageId: 'duplicated', source: 'rule-ideas.md CMM-002、R003' },
];
