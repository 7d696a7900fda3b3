import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { actorOf } from '@/lib/auth/principal';
import { curationChanged } from '@/lib/serving/context';
import { parseInput, parseQuery } from '@/lib/api/validate';
import { auditDetails, curationRuleInputSchema, curationRuleListQuerySchema, toCurationRuleJson } from '@/lib/curation/schema';
import { createRule, listRules } from '@/lib/curation/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('curation:read', async (request) => {
  const query = parseQuery(curationRuleListQuerySchema, new URL(request.url).searchParams);
  const { rules, total } = await listRules(await getConnection(), query);
  return Response.json({ rules: rules.map(toCurationRuleJson), total, limit: query.limit, offset: query.offset });
});

/** `created_by` defaults to whoever asks, so the console never has to say who it is. */
export const POST = route('curation:write', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(curationRuleInputSchema, value, 'curation rule');
  const conn = await getConnection();
  const rule = await createRule(conn, { ...input, created_by: input.created_by ?? actorOf(principal) });
  curationChanged();
  const json = toCurationRuleJson(rule);
  await recordAudit(conn, principal, { action: 'curation_rule.create', targetType: 'curation_rule', targetId: rule.id, details: auditDetails(json) });
  return Response.json(json, { status: 201 });
});
