import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { closeConnection, getConnection } from '@/db';
import { recordAudit } from '@/lib/auth/audit';
import { createConsoleUser } from '@/lib/auth/console-users';
import { consoleUserInputSchema } from '@/lib/auth/schema';
import { ROLES } from '@/lib/auth/types';
import { runMain } from '../lifecycle';
import { parseCommandLine, UsageError, USAGE_EXIT_CODE } from './args';

const USAGE = `Usage: npm run user:create -- --email EMAIL --role ${ROLES.join('|')} [--name NAME] [--password PASSWORD]

Creates a console user. Without --password, a random one is generated and printed once.
(With the embedded database, stop the server first: PGlite opens in one process at a time.)`;

const argumentsSchema = z.object({
  email: z.string({ error: 'is required' }),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  name: z.string().default(''),
  password: z.string().optional(),
});

async function main(): Promise<void> {
  let parsed: z.infer<typeof argumentsSchema> | null;
  try {
    parsed = parseCommandLine({
      argv: process.argv.slice(2),
      options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      schema: argumentsSchema,
      usage: USAGE,
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${error.usage}`);
    process.exitCode = USAGE_EXIT_CODE;
    return;
  }
  if (!parsed) return console.log(USAGE);
  const generated = parsed.password === undefined;
  const input = consoleUserInputSchema.safeParse({ ...parsed, password: parsed.password ?? randomBytes(12).toString('base64url') });
  if (!input.success) {
    console.error(`${input.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n')}\n\n${USAGE}`);
    process.exitCode = USAGE_EXIT_CODE;
    return;
  }
  const conn = await getConnection();
  try {
    const user = await createConsoleUser(conn, input.data);
    if (!user) {
      console.error(`A console user with the email ${input.data.email} already exists.`);
      process.exitCode = 1;
      return;
    }
    await recordAudit(conn, 'system', { action: 'console_user.create', targetType: 'console_user', targetId: user.id, details: { email: user.email, role: user.role, via: 'cli' } });
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
    if (generated) console.log(`Password (shown once): ${input.data.password}`);
  } finally {
    await closeConnection();
  }
}

runMain(main);
