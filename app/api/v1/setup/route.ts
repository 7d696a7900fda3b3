import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { recordAudit } from '@/lib/auth/audit';
import { setupRequestSchema } from '@/lib/auth/schema';
import { completeSetup } from '@/lib/auth/setup';

/** Spends the one-time set-up token on the first admin account. */
export const POST = route('public', async (request) => {
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const { token, ...account } = parseInput(setupRequestSchema, value, 'set-up request');
  const conn = await getConnection();
  const admin = await completeSetup(conn, token, account);
  if (!admin) throw ApiError.forbidden('this set-up link is not valid: it was used already, has expired, or the console has users');
  await recordAudit(conn, 'system', { action: 'console_user.create', targetType: 'console_user', targetId: admin.id, details: { email: admin.email, role: admin.role, via: 'setup' } });
  return Response.json(admin, { status: 201 });
});
