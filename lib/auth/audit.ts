import 'server-only';
import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { auditLog, type AuditLogRow } from '@/db/schema';
import { actorOf, type Principal } from './principal';
import type { AuditQuery } from './schema';

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

export interface AuditRecord {
  /** `<area>.<verb>`, e.g. `item.update`, `experiment.start`, `api_key.revoke`. */
  action: string;
  targetType: string;
  targetId: string | number;
  details?: Record<string, unknown>;
}

function toAuditEntry(row: AuditLogRow): AuditEntry {
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, targetType: row.targetType, targetId: row.targetId, details: row.details };
}

/** `by` is who asked; `system` for changes nobody asked for (schedules, bandits). */
export async function recordAudit(conn: DatabaseConnection, by: Principal | 'system', record: AuditRecord): Promise<void> {
  const actor = by === 'system' ? 'system' : actorOf(by);
  await conn.db.insert(auditLog).values({ ...record, actor, targetId: String(record.targetId), details: record.details ?? {} });
}

export async function listAudit(conn: DatabaseConnection, query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
  const filters: SQL[] = [];
  if (query.actor) filters.push(eq(auditLog.actor, query.actor));
  if (query.target_type) filters.push(eq(auditLog.targetType, query.target_type));
  if (query.target_id) filters.push(eq(auditLog.targetId, query.target_id));
  if (query.from) filters.push(gte(auditLog.at, query.from));
  if (query.to) filters.push(lte(auditLog.at, query.to));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [totalRow]] = await Promise.all([
    conn.db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(query.limit).offset(query.offset),
    conn.db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return { entries: rows.map(toAuditEntry), total: totalRow?.value ?? 0 };
}
