import { z } from 'zod';
import { MARITAL_STATUSES, MAX_AMOUNT_CNY, REGULATORY_RISK_LEVELS, RISK_LEVELS } from '../core/contract.js';

const DECLARED_RISKS = [...RISK_LEVELS, ...REGULATORY_RISK_LEVELS] as const;

/**
 * A client row of the contract after its text is parsed (dates are day numbers). Each check's
 * error is the reject reason it stands for, so the first issue of a failed parse names the reason.
 *
 * @example
 * ClientSchema.safeParse({ client_id: 'C1', birth_date: 7000, aum: -1 }); // issue 'negative_value'
 */
export const ClientSchema = z.strictObject({
  client_id: z.string().min(1, { error: 'missing_value' }),
  birth_date: z.int({ error: 'bad_date' }),
  aum: z.number({ error: 'bad_amount' }).min(-MAX_AMOUNT_CNY, { error: 'bad_amount' }).min(0, { error: 'negative_value' }).max(MAX_AMOUNT_CNY, { error: 'bad_amount' }),
  marital_status: z.enum(MARITAL_STATUSES, { error: 'unknown_code' }).optional(),
  dependants: z.int({ error: 'bad_amount' }).min(0, { error: 'negative_value' }).max(32767, { error: 'bad_amount' }).optional(),
  declared_risk: z.enum(DECLARED_RISKS, { error: 'unknown_code' }).optional(),
  risk_assessed_on: z.int({ error: 'bad_date' }).optional(),
  advisor_id: z.string().optional(),
  opened_on: z.int({ error: 'bad_date' }).optional(),
});

export type Client = z.infer<typeof ClientSchema>;

/**
 * True only when ClientSchema would accept the candidate: the same rules written out by hand,
 * about a tenth of the cost of `safeParse` per row (which was a quarter of reading 200,000
 * clients). The validator skips zod for rows that pass and still lets zod name the reason for
 * every other row, so this check may be stricter than the schema but never looser; the tests
 * hold the two together.
 *
 * @example
 * clearlyValidClient({ client_id: 'C1', birth_date: 7000, aum: 1 }); // true
 */
export function clearlyValidClient(c: Readonly<Record<keyof Client, unknown>>): boolean {
  return typeof c.client_id === 'string' && c.client_id.length > 0
    && Number.isSafeInteger(c.birth_date)
    && typeof c.aum === 'number' && c.aum >= 0 && c.aum <= MAX_AMOUNT_CNY
    && (c.marital_status === undefined || (MARITAL_STATUSES as readonly unknown[]).includes(c.marital_status))
    && (c.dependants === undefined || (Number.isSafeInteger(c.dependants) && (c.dependants as number) >= 0 && (c.dependants as number) <= 32767))
    && (c.declared_risk === undefined || (DECLARED_RISKS as readonly unknown[]).includes(c.declared_risk))
    && (c.risk_assessed_on === undefined || Number.isSafeInteger(c.risk_assessed_on))
    && (c.advisor_id === undefined || typeof c.advisor_id === 'string')
    && (c.opened_on === undefined || Number.isSafeInteger(c.opened_on));
}
