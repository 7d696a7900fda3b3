import 'server-only';
import { and, count, desc, eq, gt, inArray, isNull, lte, not, or, type SQL } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { curationRules, items, type CurationRuleRow } from '@/db/schema';
import type { CurationRule, CurationRuleInput, CurationRuleListQuery, CurationRulePatch, TargetItems } from './schema';

export type { CurationRule } from './types';

function toRule(row: CurationRuleRow): CurationRule {
  return {
    id: row.id,
    kind: row.kind,
    targetType: row.targetType,
    target: row.target,
    position: row.position,
    boost: row.boost,
    segment: row.segment,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    note: row.note,
    collection: row.collection,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function createRule(conn: DatabaseConnection, input: CurationRuleInput): Promise<CurationRule> {
  const [row] = await conn.db
    .insert(curationRules)
    .values({
      kind: input.kind,
      targetType: input.target_type,
      target: input.target,
      position: input.position,
      boost: input.boost,
      segment: input.segment,
      startsAt: input.starts_at,
      endsAt: input.ends_at,
      note: input.note,
      collection: input.collection,
      createdBy: input.created_by,
    })
    .returning();
  if (!row) throw new Error('insert of a curation rule returned no row');
  return toRule(row);
}

export async function getRule(conn: DatabaseConnection, id: number): Promise<CurationRule | null> {
  const [row] = await conn.db.select().from(curationRules).where(eq(curationRules.id, id)).limit(1);
  return row ? toRule(row) : null;
}

export async function updateRule(conn: DatabaseConnection, id: number, patch: CurationRulePatch): Promise<CurationRule | null> {
  const [row] = await conn.db
    .update(curationRules)
    .set({
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.target_type !== undefined && { targetType: patch.target_type }),
      ...(patch.target !== undefined && { target: patch.target }),
      ...(patch.position !== undefined && { position: patch.position }),
      ...(patch.boost !== undefined && { boost: patch.boost }),
      ...(patch.segment !== undefined && { segment: patch.segment }),
      ...(patch.starts_at !== undefined && { startsAt: patch.starts_at }),
      ...(patch.ends_at !== undefined && { endsAt: patch.ends_at }),
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.collection !== undefined && { collection: patch.collection }),
      ...(patch.created_by !== undefined && { createdBy: patch.created_by }),
      updatedAt: new Date(),
    })
    .where(eq(curationRules.id, id))
    .returning();
  return row ? toRule(row) : null;
}

/** Rules are configuration, not history: deleting one removes it. Returns what was removed. */
export async function deleteRule(conn: DatabaseConnection, id: number): Promise<CurationRule | null> {
  const [row] = await conn.db.delete(curationRules).where(eq(curationRules.id, id)).returning();
  return row ? toRule(row) : null;
}

/** Newest first, with the items they target (one lookup for the whole page). */
export async function listRules(conn: DatabaseConnection, query: CurationRuleListQuery, now = new Date()): Promise<{ rules: CurationRule[]; total: number; targets: TargetItems }> {
  const where = and(...ruleFilters(query, now));
  const [rows, [totals]] = await Promise.all([
    conn.db.select().from(curationRules).where(where).orderBy(desc(curationRules.id)).limit(query.limit).offset(query.offset),
    conn.db.select({ total: count() }).from(curationRules).where(where),
  ]);
  const rules = rows.map(toRule);
  return { rules, total: totals?.total ?? 0, targets: await targetItems(conn, rules) };
}

/** The catalog items the item rules among `rules` target, by external id, in one query. */
export async function targetItems(conn: DatabaseConnection, rules: readonly CurationRule[]): Promise<TargetItems> {
  const ids = [...new Set(rules.filter((rule) => rule.targetType === 'item').map((rule) => rule.target))];
  if (ids.length === 0) return new Map();
  const rows = await conn.db.select({ id: items.externalId, title: items.title, category: items.category }).from(items).where(inArray(items.externalId, ids));
  return new Map(rows.map(({ id, title, category }) => [id, { title, category }]));
}

function ruleFilters(query: CurationRuleListQuery, now: Date): SQL[] {
  const filters: SQL[] = [];
  if (query.kind) filters.push(eq(curationRules.kind, query.kind));
  if (query.target_type) filters.push(eq(curationRules.targetType, query.target_type));
  if (query.target) filters.push(eq(curationRules.target, query.target));
  if (query.collection) filters.push(eq(curationRules.collection, query.collection));
  if (query.active === 'true') filters.push(activeAt(now));
  if (query.active === 'false') filters.push(not(activeAt(now)));
  return filters;
}

/** The schedule is half-open: a rule starts at `starts_at` and is gone at `ends_at`. Null is unbounded. */
function activeAt(now: Date): SQL {
  return and(or(isNull(curationRules.startsAt), lte(curationRules.startsAt, now)), or(isNull(curationRules.endsAt), gt(curationRules.endsAt, now))) as SQL;
}

/** Every rule in force at `now`, oldest first: a stable order, so serving applies them the same way each time. */
export async function activeRules(conn: DatabaseConnection, now: Date): Promise<CurationRule[]> {
  const rows = await conn.db.select().from(curationRules).where(activeAt(now)).orderBy(curationRules.id);
  return rows.map(toRule);
}
