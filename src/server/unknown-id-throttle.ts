import { DEFAULT_SIGN_IN_DELAY, signInDelayMs, type SignInDelayPolicy } from '../store/user-store.js';

const MAX_TRACKED = 10_000;

/**
 * Wrong-password delays for ids that are no user, kept in memory, so an unknown id slows down
 * exactly like a real account and the 429 does not tell which ids exist. Bounded: past
 * MAX_TRACKED ids the oldest entries go first.
 */
export class UnknownIdThrottle {
  private readonly entries = new Map<string, { failures: number; until: number }>();

  constructor(private readonly policy: SignInDelayPolicy = DEFAULT_SIGN_IN_DELAY) {}

  /** ISO 8601 end of the id's hold, or null. */
  heldUntil(id: string, now: Date): string | null {
    const entry = this.entries.get(id);
    return entry === undefined || entry.until <= now.getTime() ? null : new Date(entry.until).toISOString();
  }

  recordFailure(id: string, now: Date): void {
    const failures = (this.entries.get(id)?.failures ?? 0) + 1;
    this.entries.delete(id);
    this.entries.set(id, { failures, until: now.getTime() + signInDelayMs(failures, this.policy) });
    if (this.entries.size > MAX_TRACKED) this.entries.delete(this.entries.keys().next().value!);
  }
}
