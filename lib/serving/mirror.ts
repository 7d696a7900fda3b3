import 'server-only';
import type { DatabaseConnection } from '@/db';

/**
 * `updated_at` is the time a writing transaction started, so a row can commit stamped earlier
 * than rows already read. Each poll therefore re-reads from a little before the previous poll's
 * database time (not from the newest row seen, which would re-read a bulk import forever);
 * unchanged rows are skipped. A write transaction open longer than this could be missed.
 */
const OVERLAP_SECONDS = 10;

export interface MirrorSource<Row extends Record<string, unknown>, Entry> {
  table: string;
  /** The select list; it must include `extract(epoch from updated_at) * 1000 as updated`. */
  columns: string;
  toEntry(row: Row): Entry;
}

/**
 * A whole table's rows in memory, kept current by polling for rows updated since the last poll:
 * every web instance converges within one interval, with no coordination between them. Rows
 * deleted in the database leave through `delete` in the deleting process, and through a whole
 * re-read in the others.
 */
export class TableMirror<Row extends Record<string, unknown>, Entry extends { id: string; updatedAt: number }> {
  readonly entries = new Map<string, Entry>();
  /** The database's clock at the previous poll, as text so no precision is lost. */
  private lastPoll: string | null = null;
  /** Bumped on every change, so derived views (new-item pools) know when to rebuild. */
  epoch = 0;
  private refreshing = 0;
  /**
   * Ids deleted while a refresh was reading, with the refresh count at the deletion: a refresh that
   * started before it must not put the row back. Held only while refreshes are under way.
   */
  private readonly deletedDuringRefresh = new Map<string, number>();
  private refreshesStarted = 0;

  constructor(
    private readonly conn: DatabaseConnection,
    private readonly source: MirrorSource<Row, Entry>,
  ) {}

  /** Rows updated since the last poll; with `whole`, every row, and rows deleted in the database leave. */
  async refresh({ whole = false } = {}): Promise<number> {
    const started = ++this.refreshesStarted;
    this.refreshing += 1;
    try {
      return await this.read(whole, started);
    } finally {
      this.refreshing -= 1;
      if (this.refreshing === 0) this.deletedDuringRefresh.clear();
    }
  }

  private async read(whole: boolean, started: number): Promise<number> {
    const since = whole ? null : this.lastPoll;
    const [{ now } = { now: null }] = await this.conn.query<{ now: string }>('select now()::text as now');
    const rows = await this.conn.query<Row>(
      `select ${this.source.columns} from ${this.source.table} ${since === null ? '' : `where updated_at >= $1::timestamptz - interval '${OVERLAP_SECONDS} seconds'`}`,
      since === null ? [] : [since],
    );
    let changed = whole ? this.dropAllBut(rows) : 0;
    for (const row of rows) {
      const entry = this.source.toEntry(row);
      if ((this.deletedDuringRefresh.get(entry.id) ?? 0) >= started) continue;
      const known = this.entries.get(entry.id);
      if (known && known.updatedAt === entry.updatedAt) continue;
      this.entries.set(entry.id, entry);
      changed += 1;
    }
    this.lastPoll = now;
    if (changed > 0) this.epoch += 1;
    return changed;
  }

  private dropAllBut(rows: Row[]): number {
    const kept = new Set(rows.map((row) => this.source.toEntry(row).id));
    let dropped = 0;
    for (const id of this.entries.keys()) {
      if (kept.has(id)) continue;
      this.entries.delete(id);
      dropped += 1;
    }
    return dropped;
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  delete(id: string): void {
    if (this.refreshing > 0) this.deletedDuringRefresh.set(id, this.refreshesStarted);
    if (this.entries.delete(id)) this.epoch += 1;
  }
}
