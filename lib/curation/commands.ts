import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import { actorOf, type Principal } from '@/lib/auth/principal';
import { CommandError } from '@/lib/runtime/command-errors';
import { curationChanged } from '@/lib/serving/context';
import { auditDetails, toCurationRuleJson, type CurationRuleInput, type CurationRuleJson, type CurationRulePatch } from './schema';
import * as store from './store';
import type { CurationRule } from './types';

/**
 * Curation rules' writes, each with its invalidation (every process re-reads the rules it serves
 * from) and its audit entry. They answer with the rule as the API shows it.
 */

/** `created_by` defaults to whoever asks, so the console never has to say who it is. */
export async function createCurationRule(conn: DatabaseConnection, by: Principal, input: CurationRuleInput): Promise<CurationRuleJson> {
  const rule = await store.createRule(conn, { ...input, created_by: input.created_by ?? actorOf(by) });
  curationChanged();
  const json = toCurationRuleJson(rule);
  await recordAudit(conn, by, { action: 'curation_rule.create', targetType: 'curation_rule', targetId: rule.id, details: auditDetails(json) });
  return json;
}

/** `parsePatch` validates the patch against the rule as it stands, so the rule it leaves behind is still coherent. */
export async function updateCurationRule(conn: DatabaseConnection, by: Principal, id: number, parsePatch: (current: CurationRule) => CurationRulePatch): Promise<CurationRuleJson> {
  const current = await store.getRule(conn, id);
  if (!current) throw CommandError.notFound('curation rule', id);
  const patch = parsePatch(current);
  const rule = await store.updateRule(conn, id, patch);
  curationChanged();
  if (!rule) throw CommandError.notFound('curation rule', id);
  const json = toCurationRuleJson(rule);
  await recordAudit(conn, by, { action: 'curation_rule.update', targetType: 'curation_rule', targetId: id, details: { ...auditDetails(json), fields: Object.keys(patch) } });
  return json;
}

/** Rules are configuration, not history: the rule is removed, and the answer shows what it was. */
export async function deleteCurationRule(conn: DatabaseConnection, by: Principal, id: number): Promise<CurationRuleJson> {
  const rule = await store.deleteRule(conn, id);
  curationChanged();
  if (!rule) throw CommandError.notFound('curation rule', id);
  const json = toCurationRuleJson(rule);
  await recordAudit(conn, by, { action: 'curation_rule.delete', targetType: 'curation_rule', targetId: id, details: auditDetails(json) });
  return json;
}
