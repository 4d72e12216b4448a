import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import { hashPassword } from '../../core/password-hash.js';
import { DEFAULT_STORE } from '../../store/store-url.js';
import { USER_ROLES } from '../../store/user-store.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { STORE_HELP } from '../store-option.js';

const UsersAddArgs = z.strictObject({
  store: z.string().min(1).default(DEFAULT_STORE),
  id: z.string().trim().min(1).max(64).regex(/^[\w.@-]+$/, 'letters, digits and . _ @ - only'),
  role: z.enum(USER_ROLES),
  passwordStdin: z.boolean().default(false),
});

export const MIN_PASSWORD_LENGTH = 10;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Users of the advisor web app');
  users
    .command('add')
    .description('Add a user, or set an existing user\'s role and password (their sessions end)')
    .option('--store <url>', STORE_HELP)
    .requiredOption('--id <id>', 'user id; for an advisor, the advisor_id of their clients')
    .requiredOption('--role <role>', 'advisor (sees their own clients) or supervisor (sees all)')
    .option('--password-stdin', 'read the password from stdin; without it a random password is made and printed once')
    .action((raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(UsersAddArgs, raw);
      const generated = !args.passwordStdin;
      const password = generated ? randomBytes(12).toString('base64url') : await readStdin();
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new PipelineError('config_invalid', `the password is shorter than ${MIN_PASSWORD_LENGTH} characters; choose a longer one`);
      }
      const hash = await hashPassword(password);
      const { openAdvisorStore } = await import('../../store/open-advisor-store.js');
      const store = await openAdvisorStore(args.store);
      try {
        const outcome = await store.users.upsert(args.id, args.role, hash, new Date());
        await store.results.audit({ actor: 'cli', action: outcome === 'added' ? 'user_added' : 'user_updated', details: { user: args.id, role: args.role } }, new Date());
        print(`${outcome} ${args.role} ${args.id}`);
        if (generated) print(`password: ${password}`);
      } finally {
        await store.close();
      }
    }));
}
