import 'server-only';
import { inTransaction, type DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import { actorOf, type Principal } from '@/lib/auth/principal';
import { CommandError } from '@/lib/runtime/command-errors';
import { curationChanged } from '@/lib/serving/context';
import { auditDetails, toCurationRuleJson, type CurationRuleInput, type CurationRuleJson, type CurationRulePatch } from './schema';
import * as store from './store';
import type { CurationRule } from './types';

/**
 * Curation rules' writes: each commits with its audit entry, then announces the change (every
 * process re-reads the rules it serves from). They answer with the rule as the API shows it.
 */

/** `created_by` defaults to whoever asks, so the console never has to say who it is. */
export async function createCurationRule(conn: DatabaseConnection, by: Principal, input: CurationRuleInput): Promise<CurationRuleJson> {
  const json = await inTransaction(conn, async (tx) => {
    const created = await store.createRule(tx, { ...input, created_by: input.created_by ?? actorOf(by) });
    const rule = toCurationRuleJson(created, await store.targetItems(tx, [created]));
    await recordAudit(tx, by, { action: 'curation_rule.create', targetType: 'curation_rule', targetId: rule.id, details: auditDetails(rule) });
    return rule;
  });
  curationChanged();
  return json;
}

/** `parsePatch` validates the patch against the rule as it stands, so the rule it leaves behind is still coherent. */
export async function updateCurationRule(conn: DatabaseConnection, by: Principal, id: number, parsePatch: (current: CurationRule) => CurationRulePatch): Promise<CurationRuleJson> {
  const json = await inTransaction(conn, async (tx) => {
    const current = await store.getRule(tx, id);
    if (!current) throw CommandError.notFound('curation rule', id);
    const patch = parsePatch(current);
    const updated = await store.updateRule(tx, id, patch);
    if (!updated) throw CommandError.notFound('curation rule', id);
    const rule = toCurationRuleJson(updated, await store.targetItems(tx, [updated]));
    await recordAudit(tx, by, { action: 'curation_rule.update', targetType: 'curation_rule', targetId: id, details: { ...auditDetails(rule), fields: Object.keys(patch) } });
    return rule;
  });
  curationChanged();
  return json;
}

/** Rules are configuration, not history: the rule is removed, and the answer shows what it was. */
export async function deleteCurationRule(conn: DatabaseConnection, by: Principal, id: number): Promise<CurationRuleJson> {
  const json = await inTransaction(conn, async (tx) => {
    const deleted = await store.deleteRule(tx, id);
    if (!deleted) throw CommandError.notFound('curation rule', id);
    const rule = toCurationRuleJson(deleted, await store.targetItems(tx, [deleted]));
    await recordAudit(tx, by, { action: 'curation_rule.delete', targetType: 'curation_rule', targetId: id, details: auditDetails(rule) });
    return rule;
  });
  curationChanged();
  return json;
}
