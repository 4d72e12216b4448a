import type { SqlDriver } from './sql-driver.js';

export const USER_ROLES = ['advisor', 'supervisor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user of the advisor app; an advisor's id is the `advisor_id` of their clients. */
export interface UserRecord {
  readonly id: string;
  readonly role: UserRole;
  readonly passwordHash: string;
  readonly failedAttempts: number;
  /** ISO 8601 UTC, or null when the account is not locked. */
  readonly lockedUntil: string | null;
  /** Bumped at sign-out: every session cookie issued before is void. */
  readonly sessionEpoch: number;
}

/** When repeated wrong passwords lock an account, and for how long. */
export interface LockoutPolicy {
  /** Consecutive wrong passwords that lock the account; default 5. */
  readonly maxFailures: number;
  /** How long the lock lasts; default 15 minutes. */
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

/** Users, their password hashes and their sign-in lockout state, in the results store. */
export class UserStore {
  constructor(private readonly db: SqlDriver) {}

  /** Adds a user or, when the id exists, sets its role and password and clears any lock. */
  async upsert(id: string, role: UserRole, passwordHash: string, at: Date): Promise<'added' | 'updated'> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run(
        'UPDATE users SET role = ?, password_hash = ?, failed_attempts = 0, locked_until = NULL, session_epoch = session_epoch + 1 WHERE id = ?',
        [role, passwordHash, id]);
      if (changed > 0) return 'updated' as const;
      await tx.run('INSERT INTO users (id, role, password_hash, created_at) VALUES (?, ?, ?, ?)', [id, role, passwordHash, at.toISOString()]);
      return 'added' as const;
    });
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.all('SELECT * FROM users WHERE id = ?', [id]);
    if (row === undefined) return undefined;
    return {
      id: String(row.id),
      role: String(row.role) as UserRole,
      passwordHash: String(row.password_hash),
      failedAttempts: Number(row.failed_attempts),
      lockedUntil: row.locked_until === null || row.locked_until === undefined ? null : String(row.locked_until),
      sessionEpoch: Number(row.session_epoch),
    };
  }

  /** Counts a wrong password; the one that reaches the policy's limit locks the account. Returns the lock's end, if locked. */
  async recordFailure(id: string, at: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      await tx.run('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?', [id]);
      const [row] = await tx.all('SELECT failed_attempts FROM users WHERE id = ?', [id]);
      if (row === undefined || Number(row.failed_attempts) < policy.maxFailures) return null;
      const until = new Date(at.getTime() + policy.lockMs).toISOString();
      await tx.run('UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?', [until, id]);
      return until;
    });
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.run('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [id]);
  }

  /** Voids every session of the user (sign-out). */
  async endSessions(id: string): Promise<void> {
    await this.db.run('UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?', [id]);
  }
}
