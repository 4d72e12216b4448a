import { z } from 'zod';
import { MARITAL_STATUSES, REGULATORY_RISK_LEVELS, RISK_LEVELS } from '../core/contract.js';

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
  aum: z.number({ error: 'bad_amount' }).min(0, { error: 'negative_value' }),
  marital_status: z.enum(MARITAL_STATUSES, { error: 'unknown_code' }).optional(),
  dependants: z.int({ error: 'bad_amount' }).min(0, { error: 'negative_value' }).max(32767, { error: 'bad_amount' }).optional(),
  declared_risk: z.enum(DECLARED_RISKS, { error: 'unknown_code' }).optional(),
  risk_assessed_on: z.int({ error: 'bad_date' }).optional(),
  advisor_id: z.string().optional(),
  opened_on: z.int({ error: 'bad_date' }).optional(),
});

export type Client = z.infer<typeof ClientSchema>;
