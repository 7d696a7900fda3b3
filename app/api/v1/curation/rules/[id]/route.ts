import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { numericPathId, parseInput } from '@/lib/api/validate';
import { deleteCurationRule, updateCurationRule } from '@/lib/curation/commands';
import { curationRulePatchSchemaFor, toCurationRuleJson } from '@/lib/curation/schema';
import { getRule, targetItems } from '@/lib/curation/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('curation:read', async (_request, context: IdRouteContext) => {
  const id = await numericPathId(context, 'curation rule');
  const conn = await getConnection();
  const rule = await getRule(conn, id);
  if (!rule) throw ApiError.notFound('curation rule', String(id));
  return Response.json(toCurationRuleJson(rule, await targetItems(conn, [rule])));
});

/** Only the fields present change; the rule they leave behind must still be coherent. */
export const PATCH = route('curation:write', async (request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'curation rule');
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const rule = await updateCurationRule(await getConnection(), principal, id, (current) => parseInput(curationRulePatchSchemaFor(current), value, 'curation rule patch'));
  return Response.json(rule);
});

/** Rules are configuration, not history: the rule is removed, and the answer shows what it was. */
export const DELETE = route('curation:write', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'curation rule');
  return Response.json(await deleteCurationRule(await getConnection(), principal, id));
});
