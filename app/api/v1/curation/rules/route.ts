import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput, parseQuery } from '@/lib/api/validate';
import { createCurationRule } from '@/lib/curation/commands';
import { curationRuleInputSchema, curationRuleListQuerySchema, toCurationRuleJson } from '@/lib/curation/schema';
import { listRules } from '@/lib/curation/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('curation:read', async (request) => {
  const query = parseQuery(curationRuleListQuerySchema, new URL(request.url).searchParams);
  const { rules, total, targets } = await listRules(await getConnection(), query);
  return Response.json({ rules: rules.map((rule) => toCurationRuleJson(rule, targets)), total, limit: query.limit, offset: query.offset });
});

/** `created_by` defaults to whoever asks (see createCurationRule). */
export const POST = route('curation:write', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(curationRuleInputSchema, value, 'curation rule');
  return Response.json(await createCurationRule(await getConnection(), principal, input), { status: 201 });
});
