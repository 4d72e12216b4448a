import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import { hashPassword } from '../../core/password-hash.js';
import { DEFAULT_STORE } from '../../store/store-url.js';
import { USER_ROLES, type UserSummary } from '../../store/user-store.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { STORE_HELP } from '../store-option.js';

const UsersAddArgs = z.strictObject({
  store: z.string().min(1).default(DEFAULT_STORE),
  id: z.string().trim().min(1).max(64).regex(/^[\w.@-]+$/, 'letters, digits and . _ @ - only'),
  role: z.enum(USER_ROLES),
  passwordStdin: z.boolean().default(false),
});

const UsersStoreArgs = z.strictObject({ store: z.string().min(1).default(DEFAULT_STORE) });

/** ASVS 4.0 2.1.1: at least 12 characters, counted as Unicode code points (2.1.4). */
export const MIN_PASSWORD_LENGTH = 12;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Users of the advisor web app');
  users
    .command('add')
    .description('Add a user, or set an existing user\'s role and password (their sessions end; a disabled user is enabled again)')
    .option('--store <url>', STORE_HELP)
    .requiredOption('--id <id>', 'user id; for an advisor, the advisor_id of their clients')
    .requiredOption('--role <role>', 'advisor (sees their own clients) or supervisor (sees all)')
    .option('--password-stdin', 'read the password from stdin; without it a random password is made and printed once')
    .action((raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(UsersAddArgs, raw);
      const generated = !args.passwordStdin;
      const password = generated ? randomBytes(12).toString('base64url') : await readStdin();
      if ([...password].length < MIN_PASSWORD_LENGTH) {
        throw new PipelineError('config_invalid', `the password is shorter than ${MIN_PASSWORD_LENGTH} characters; choose a longer one`);
      }
      const hash = await hashPassword(password);
      const { openAdvisorStore } = await import('../../store/open-advisor-store.js');
      const store = await openAdvisorStore(args.store);
      try {
        const outcome = await store.users.upsert(args.id, args.role, hash, new Date());
        await store.results.audit({ actor: 'cli', action: `user_${outcome}`, details: { user: args.id, role: args.role } }, new Date());
        print(`${outcome} ${args.role} ${args.id}`);
        if (generated) print(`password: ${password}`);
      } finally {
        await store.close();
      }
    }));
  users
    .command('list')
    .description('List the users: id, role, state (active, locked, disabled), when added, last sign-in; never a password hash')
    .option('--store <url>', STORE_HELP)
    .action((raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(UsersStoreArgs, raw);
      const { openAdvisorStore } = await import('../../store/open-advisor-store.js');
      const store = await openAdvisorStore(args.store, { mustExist: true });
      try {
        print(formatUsers(await store.users.list(), new Date()));
      } finally {
        await store.close();
      }
    }));
  users
    .command('disable')
    .description('Disable a user: they can no longer sign in and their open sessions end at their next request (re-enable with users add)')
    .argument('<id>', 'the user\'s id')
    .option('--store <url>', STORE_HELP)
    .action((id: string, raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(UsersStoreArgs, raw);
      const { openAdvisorStore } = await import('../../store/open-advisor-store.js');
      const store = await openAdvisorStore(args.store, { mustExist: true });
      try {
        const outcome = await store.users.disable(id, new Date());
        if (outcome === 'unknown') throw new PipelineError('input_missing', 'no user has this id; see them with `clientseg users list`');
        if (outcome === 'disabled') await store.results.audit({ actor: 'cli', action: 'user_disabled', details: { user: id } }, new Date());
        print(outcome === 'disabled' ? `disabled ${id}` : `${id} was already disabled`);
      } finally {
        await store.close();
      }
    }));
  users
    .command('unlock')
    .description('Clear a user\'s wrong-password count and sign-in delay (audited); the password and open sessions stay as they are')
    .argument('<id>', 'the user\'s id')
    .option('--store <url>', STORE_HELP)
    .action((id: string, raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(UsersStoreArgs, raw);
      const { openAdvisorStore } = await import('../../store/open-advisor-store.js');
      const store = await openAdvisorStore(args.store, { mustExist: true });
      try {
        const outcome = await store.users.unlock(id);
        if (outcome === 'unknown') throw new PipelineError('input_missing', 'no user has this id; see them with `clientseg users list`');
        if (outcome === 'unlocked') await store.results.audit({ actor: 'cli', action: 'user_unlocked', details: { user: id } }, new Date());
        print(outcome === 'unlocked' ? `unlocked ${id}` : `${id} had no wrong passwords to clear`);
      } finally {
        await store.close();
      }
    }));
}

const formatTime = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/** A fixed-width table of users for people; a lock that has ended shows as active. */
export function formatUsers(users: readonly UserSummary[], now: Date): string {
  if (users.length === 0) return 'no users yet: add one with `clientseg users add`';
  const stateOf = (u: UserSummary) => {
    if (u.disabledAt !== null) return `disabled since ${formatTime(u.disabledAt)}`;
    if (u.lockedUntil !== null && u.lockedUntil > now.toISOString()) return `locked until ${formatTime(u.lockedUntil)}`;
    return 'active';
  };
  const header = ['id', 'role', 'state', 'added', 'last sign-in'];
  const rows = users.map((u) => [u.id, u.role, stateOf(u), formatTime(u.createdAt), u.lastSignInAt === null ? '—' : formatTime(u.lastSignInAt)]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
