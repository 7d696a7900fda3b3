import 'server-only';
import type { DatabaseConnection } from '@/db/client';

type EntityTable = 'users' | 'items';

/**
 * Maps external ids to internal ids, creating a minimal row for any id not seen before, so an
 * event is never refused because its user or item arrived later. Known ids are remembered in
 * process: under steady traffic the ingest path does no lookups at all.
 */
export class IdentityMap {
  private readonly known = new Map<string, number>();

  constructor(
    private readonly table: EntityTable,
    private readonly capacity = 500_000,
  ) {}

  async resolve(conn: DatabaseConnection, externalIds: Iterable<string>): Promise<Map<string, number>> {
    const resolved = new Map<string, number>();
    const missing: string[] = [];
    for (const externalId of new Set(externalIds)) {
      const id = this.known.get(externalId);
      if (id === undefined) missing.push(externalId);
      else resolved.set(externalId, id);
    }
    if (missing.length > 0) {
      for (const [externalId, id] of await ensureRows(conn, this.table, missing)) {
        resolved.set(externalId, id);
        this.remember(externalId, id);
      }
    }
    return resolved;
  }

  forget(externalIds: Iterable<string>): void {
    for (const externalId of externalIds) this.known.delete(externalId);
  }

  clear(): void {
    this.known.clear();
  }

  private remember(externalId: string, id: number): void {
    if (this.known.size >= this.capacity) {
      // Maps iterate in insertion order: dropping the oldest entry is enough of an LRU here.
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(externalId, id);
  }
}

async function ensureRows(conn: DatabaseConnection, table: EntityTable, externalIds: string[]): Promise<Map<string, number>> {
  const sorted = [...externalIds].sort();
  await conn.query(`insert into ${table} (external_id) select unnest($1::text[]) on conflict (external_id) do nothing`, [sorted]);
  const rows = await conn.query<{ id: number; external_id: string }>(`select id, external_id from ${table} where external_id = any($1::text[])`, [
    sorted,
  ]);
  return new Map(rows.map((row) => [row.external_id, row.id]));
}
