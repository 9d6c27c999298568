declare module 'virtual:rule-descriptions' {
  /** Rule id → the rule's Chinese description, taken from src/rules at build time. */
  export const RULE_DESCRIPTIONS: Record<string, string>;
}
