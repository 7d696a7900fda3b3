import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { curationChanged } from '@/lib/serving/context';
import { numericPathId, parseInput } from '@/lib/api/validate';
import { auditDetails, curationRulePatchSchemaFor, toCurationRuleJson } from '@/lib/curation/schema';
import { deleteRule, getRule, updateRule } from '@/lib/curation/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('curation:read', async (_request, context: IdRouteContext) => {
  const id = await numericPathId(context, 'curation rule');
  const rule = await getRule(await getConnection(), id);
  if (!rule) throw ApiError.notFound('curation rule', String(id));
  return Response.json(toCurationRuleJson(rule));
});

/** Only the fields present change; the rule they leave behind must still be coherent. */
export const PATCH = route('curation:write', async (request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'curation rule');
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const conn = await getConnection();
  const current = await getRule(conn, id);
  if (!current) throw ApiError.notFound('curation rule', String(id));
  const patch = parseInput(curationRulePatchSchemaFor(current), value, 'curation rule patch');
  const rule = await updateRule(conn, id, patch);
  curationChanged();
  if (!rule) throw ApiError.notFound('curation rule', String(id));
  const json = toCurationRuleJson(rule);
  await recordAudit(conn, principal, { action: 'curation_rule.update', targetType: 'curation_rule', targetId: id, details: { ...auditDetails(json), fields: Object.keys(patch) } });
  return Response.json(json);
});

/** Rules are configuration, not history: the rule is removed, and the answer shows what it was. */
export const DELETE = route('curation:write', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'curation rule');
  const conn = await getConnection();
  const rule = await deleteRule(conn, id);
  curationChanged();
  if (!rule) throw ApiError.notFound('curation rule', String(id));
  const json = toCurationRuleJson(rule);
  await recordAudit(conn, principal, { action: 'curation_rule.delete', targetType: 'curation_rule', targetId: id, details: auditDetails(json) });
  return Response.json(json);
});
