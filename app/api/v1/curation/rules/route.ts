import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { curationChanged } from '@/lib/serving/context';
import { parseInput, parseQuery } from '@/lib/api/validate';
import { curationRuleInputSchema, curationRuleListQuerySchema, toCurationRuleJson } from '@/lib/curation/schema';
import { createRule, listRules } from '@/lib/curation/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('curation:read', async (request) => {
  const query = parseQuery(curationRuleListQuerySchema, new URL(request.url).searchParams);
  const { rules, total } = await listRules(await getConnection(), query);
  return Response.json({ rules: rules.map(toCurationRuleJson), total, limit: query.limit, offset: query.offset });
});

export const POST = route('curation:write', async (request) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(curationRuleInputSchema, value, 'curation rule');
  const rule = await createRule(await getConnection(), input);
  curationChanged();
  return Response.json(toCurationRuleJson(rule), { status: 201 });
});
