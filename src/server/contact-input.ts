import { z } from 'zod';
import { CONTACT_OUTCOMES, type ContactInput } from '../store/contact-store.js';
import type { RunRecord, StoredScore } from '../store/store.js';

const ContactFormSchema = z.object({
  outcome: z.enum(CONTACT_OUTCOMES),
  note: z.string().max(500).optional().default(''),
});

/** A contact form or API body for a visible client, or undefined when its outcome is not one of ours. */
export function checkContact(body: unknown, actor: string, run: RunRecord, score: StoredScore): ContactInput | undefined {
  const parsed = ContactFormSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return { actor, clientId: score.clientId, runId: run.id, outcome: parsed.data.outcome, note: parsed.data.note.trim() };
}
