import type { Row, SqlDriver } from './sql-driver.js';

export const USER_ROLES = ['advisor', 'supervisor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user of the advisor app; an advisor's id is the `advisor_id` of their clients. */
export interface UserRecord {
  readonly id: string;
  readonly role: UserRole;
  readonly passwordHash: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly failedAttempts: number;
  /** ISO 8601 UTC: sign-in is held until then after repeated wrong passwords (null: no hold). */
  readonly lockedUntil: string | null;
  /** Bumped at sign-out: every session cookie issued before is void. */
  readonly sessionEpoch: number;
  /** ISO 8601 UTC, or null while the user may sign in. */
  readonly disabledAt: string | null;
  /** ISO 8601 UTC of the last successful sign-in, or null if none is recorded. */
  readonly lastSignInAt: string | null;
}

/** A user as `users list` shows it: everything but the password hash. */
export type UserSummary = Omit<UserRecord, 'passwordHash'>;

/**
 * How an account slows down after wrong passwords: the first few are free, then each one holds
 * the account for a delay that doubles up to a cap. A guesser gets a few dozen tries an hour at
 * most, and the owner waits at most the cap, never a long lockout someone else triggered.
 */
export interface SignInDelayPolicy {
  /** Consecutive wrong passwords without a delay; default 3. */
  readonly freeFailures: number;
  /** The delay after the first failure past the free ones; default 2 seconds. */
  readonly baseMs: number;
  /** The longest delay; default 60 seconds (at most 60 guesses an hour, under ASVS's 100). */
  readonly maxMs: number;
}

export const DEFAULT_SIGN_IN_DELAY: SignInDelayPolicy = { freeFailures: 3, baseMs: 2_000, maxMs: 60_000 };

/** The delay after the `failures`-th consecutive wrong password (0 while the failures are free). */
export function signInDelayMs(failures: number, policy: SignInDelayPolicy = DEFAULT_SIGN_IN_DELAY): number {
  const past = failures - policy.freeFailures;
  if (past <= 0) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(past - 1, 30));
}

/** Users, their password hashes and their wrong-password state, in the results store. */
export class UserStore {
  constructor(private readonly db: SqlDriver) {}

  /**
   * Adds a user or, when the id exists, sets its role and password and clears any lock; a
   * disabled user is enabled again ('enabled').
   */
  async upsert(id: string, role: UserRole, passwordHash: string, at: Date): Promise<'added' | 'updated' | 'enabled'> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.all('SELECT disabled_at FROM users WHERE id = ?', [id]);
      if (before !== undefined) {
        await tx.run(
          'UPDATE users SET role = ?, password_hash = ?, failed_attempts = 0, locked_until = NULL, disabled_at = NULL, session_epoch = session_epoch + 1 WHERE id = ?',
          [role, passwordHash, id]);
        return isNull(before.disabled_at) ? 'updated' as const : 'enabled' as const;
      }
      await tx.run('INSERT INTO users (id, role, password_hash, created_at) VALUES (?, ?, ?, ?)', [id, role, passwordHash, at.toISOString()]);
      return 'added' as const;
    });
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.all('SELECT * FROM users WHERE id = ?', [id]);
    return row === undefined ? undefined : { ...summaryOf(row), passwordHash: String(row.password_hash) };
  }

  /** Every user, by id (bytewise, the same on both engines), without password hashes. */
  async list(): Promise<UserSummary[]> {
    const rows = await this.db.all(`SELECT ${SUMMARY_COLUMNS} FROM users`);
    return rows.map(summaryOf).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Stops the user from signing in; their open sessions end at their next request, since every
   * request re-reads the user (and upsert, the way back, bumps the epoch, so those cookies stay
   * void). The row stays: overrides and the audit log name the user.
   */
  async disable(id: string, at: Date): Promise<'disabled' | 'already_disabled' | 'unknown'> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.all('SELECT disabled_at FROM users WHERE id = ?', [id]);
      if (row === undefined) return 'unknown' as const;
      if (!isNull(row.disabled_at)) return 'already_disabled' as const;
      await tx.run('UPDATE users SET disabled_at = ? WHERE id = ?', [at.toISOString(), id]);
      return 'disabled' as const;
    });
  }

  /**
   * Counts a wrong password and holds the account for the policy's delay. Returns the end of
   * the hold, or null while the failures are free.
   */
  async recordFailure(id: string, at: Date, policy: SignInDelayPolicy = DEFAULT_SIGN_IN_DELAY): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      await tx.run('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?', [id]);
      const [row] = await tx.all('SELECT failed_attempts FROM users WHERE id = ?', [id]);
      const delay = row === undefined ? 0 : signInDelayMs(Number(row.failed_attempts), policy);
      if (delay === 0) return null;
      const until = new Date(at.getTime() + delay).toISOString();
      await tx.run('UPDATE users SET locked_until = ? WHERE id = ?', [until, id]);
      return until;
    });
  }

  /**
   * Clears the wrong-password count and any hold, and nothing else: the password and the open
   * sessions stay (`users unlock`). 'not_locked' when there was nothing to clear.
   */
  async unlock(id: string): Promise<'unlocked' | 'not_locked' | 'unknown'> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.all('SELECT failed_attempts, locked_until FROM users WHERE id = ?', [id]);
      if (row === undefined) return 'unknown' as const;
      if (Number(row.failed_attempts) === 0 && isNull(row.locked_until)) return 'not_locked' as const;
      await tx.run('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [id]);
      return 'unlocked' as const;
    });
  }

  async recordSuccess(id: string, at: Date): Promise<void> {
    await this.db.run('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?', [at.toISOString(), id]);
  }

  /** Voids every session of the user (sign-out). */
  async endSessions(id: string): Promise<void> {
    await this.db.run('UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?', [id]);
  }
}

const SUMMARY_COLUMNS = 'id, role, created_at, failed_attempts, locked_until, session_epoch, disabled_at, last_sign_in_at';

const isNull = (value: unknown) => value === null || value === undefined;
const textOrNull = (value: unknown) => (isNull(value) ? null : String(value));

function summaryOf(row: Row): UserSummary {
  return {
    id: String(row.id),
    role: String(row.role) as UserRole,
    createdAt: String(row.created_at),
    failedAttempts: Number(row.failed_attempts),
    lockedUntil: textOrNull(row.locked_until),
    sessionEpoch: Number(row.session_epoch),
    disabledAt: textOrNull(row.disabled_at),
    lastSignInAt: textOrNull(row.last_sign_in_at),
  };
}
