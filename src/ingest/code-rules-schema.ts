import { z } from 'zod';
import { FIELD_VOCABULARIES_BY_FIELD } from './field-vocabularies.js';

/**
 * Source column → the value(s) it must hold for the condition to hold; `""` matches an empty
 * field. Every listed column must match (and), any listed value of a column will do (or).
 */
export const ConditionSchema = z.record(z.string().min(1), z.union([z.string(), z.array(z.string()).min(1)]))
  .refine((c) => Object.keys(c).length > 0, 'name at least one column');
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * Ordered rules deciding one coded field from several source columns: the first case whose
 * `when` holds gives the value; when none holds, `otherwise` (a contract value, or "reject" to
 * reject the row as unknown_code). There is no silent fall-through: `otherwise` is required.
 *
 * @example
 * CodeRulesSchema.parse({ cases: [{ when: { TYPE: 'PRIJEM', OPERATION: 'VKLAD' }, then: 'deposit' }], otherwise: 'reject' });
 */
export const CodeRulesSchema = z.strictObject({
  cases: z.array(z.strictObject({ when: ConditionSchema, then: z.string().min(1) })).min(1),
  otherwise: z.string().min(1),
});
export type CodeRules = z.infer<typeof CodeRulesSchema>;

/**
 * Rows left out on purpose (automatic interest postings, reversals): the first rule whose `when`
 * holds skips the row under its `reason`. Skipped rows are counted, never rejected.
 *
 * @example
 * SkipRuleSchema.parse({ reason: 'reversal', when: { STORNO: 'Y' } });
 */
export const SkipRuleSchema = z.strictObject({
  reason: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name such as "interest_posting"'),
  when: ConditionSchema,
});
export type SkipRule = z.infer<typeof SkipRuleSchema>;

interface RuledMapping {
  readonly rules?: Readonly<Record<string, CodeRules | undefined>>;
  readonly columns?: Readonly<Record<string, unknown>>;
  readonly codes?: Readonly<Record<string, unknown>>;
  readonly constants?: Readonly<Record<string, unknown>>;
}

/**
 * A field decided by rules takes its value from them alone, so a column, code map or constant
 * for the same field would be ignored: that is a contradiction, refused like a misspelt key.
 * Rule values must be contract values (currency: an ISO code).
 */
export function checkRulesAgainstMapping(m: RuledMapping, ctx: z.core.$RefinementCtx): void {
  for (const [field, rules] of Object.entries(m.rules ?? {})) {
    if (!rules) continue;
    for (const key of ['columns', 'codes', 'constants'] as const) {
      if (m[key] && Object.hasOwn(m[key], field)) {
        ctx.addIssue({ code: 'custom', path: [key, field], message: `${field} is decided by rules.${field}; remove ${key}.${field} (it would be ignored)` });
      }
    }
    const vocabulary = FIELD_VOCABULARIES_BY_FIELD[field];
    const valid = (v: string): boolean => (vocabulary ? vocabulary.includes(v) : /^[A-Z]{3}$/.test(v));
    const allowed = vocabulary ? vocabulary.join(', ') : 'an ISO 4217 code';
    rules.cases.forEach((c, i) => {
      if (!valid(c.then)) ctx.addIssue({ code: 'custom', path: ['rules', field, 'cases', i, 'then'], message: `"${c.then}" is not a ${field} value; use one of: ${allowed}` });
    });
    if (rules.otherwise !== 'reject' && !valid(rules.otherwise)) {
      ctx.addIssue({ code: 'custom', path: ['rules', field, 'otherwise'], message: `"${rules.otherwise}" is not a ${field} value; use "reject" or one of: ${allowed}` });
    }
  }
}
