import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { EVENT_TYPES, type EventType, type EventWeights } from '@/lib/events/types';
import { buildPositives, type CatalogItem, type InteractionLog, type TrainingData } from '@/lib/models/data';

const PAGE = 100_000;

type EventPage = {
  id: string | number;
  user_id: number;
  item_id: number;
  type: EventType;
  value: number | null;
  at: number;
};

/**
 * Reads the events table into training data: dense user and item indices, signed strengths from
 * the event-type weights, and the catalogue's text for the content model. Pages through events by
 * id so memory holds typed arrays, never millions of row objects. The events of users sharing
 * minimal data go to the anonymous log: popularity and trending count them, no user row holds them.
 */
export interface LoadedEvents {
  data: TrainingData;
  /** The newest event read: the next model is due once enough events come after it. */
  lastEventId: number;
}

export async function loadTrainingData(conn: DatabaseConnection, weights: EventWeights, onProgress?: (done: number, total: number) => void): Promise<LoadedEvents> {
  const items = await loadItems(conn);
  const [{ total } = { total: 0 }] = await conn.query<{ total: number }>('select count(*)::int as total from events');
  const anonymousUsers = await minimalSharers(conn);
  const users = new IndexMap();
  const log = growableLog(total);
  const anonymous = { users: new IndexMap(), log: growableLog(0) };
  const typeWeights = EVENT_TYPES.map((type) => weights[type]);
  let lastId = 0;
  for (;;) {
    const page: EventPage[] = await conn.query<EventPage>(
      `select id, user_id, item_id, type, value, extract(epoch from occurred_at) * 1000 as at
       from events where id > $1 order by id limit ${PAGE}`,
      [lastId],
    );
    for (const event of page) {
      const item = items.index.get(event.item_id);
      if (item === undefined) continue;
      const typeIndex = EVENT_TYPES.indexOf(event.type);
      const strength = event.type === 'rate' && event.value !== null ? typeWeights[typeIndex]! * Number(event.value) : typeWeights[typeIndex]!;
      if (anonymousUsers.has(event.user_id)) anonymous.log.push(anonymous.users.indexOf(event.user_id), item, strength, Number(event.at), typeIndex);
      else log.push(users.indexOf(event.user_id), item, strength, Number(event.at), typeIndex);
    }
    onProgress?.(log.length + anonymous.log.length, total);
    if (page.length > 0) lastId = Number(page[page.length - 1]!.id);
    if (page.length < PAGE) break;
  }
  const userIds = await externalIdsOf(conn, 'users', users.keys());
  const finished = log.finish();
  const anonymousLog = anonymous.log.finish();
  let now = 0;
  for (const part of [finished, anonymousLog]) for (let row = 0; row < part.length; row++) now = Math.max(now, part.timestamp[row]!);
  const data: TrainingData = {
    userIds,
    itemIds: items.externalIds,
    items: items.catalog,
    log: finished,
    positives: buildPositives(userIds.length, items.externalIds.length, finished),
    now: Math.max(now, Date.now()),
    anonymous: { log: anonymousLog, positives: buildPositives(anonymous.users.keys().length, items.externalIds.length, anonymousLog) },
  };
  return { data, lastEventId: lastId };
}

/** Internal ids of the users whose events must not become a user row (lib/users/privacy.ts). */
async function minimalSharers(conn: DatabaseConnection): Promise<Set<number>> {
  const rows = await conn.query<{ id: number }>(`select id from users where data_sharing = 'minimal'`);
  return new Set(rows.map((row) => Number(row.id)));
}

class IndexMap {
  private readonly map = new Map<number, number>();
  indexOf(id: number): number {
    let index = this.map.get(id);
    if (index === undefined) {
      index = this.map.size;
      this.map.set(id, index);
    }
    return index;
  }
  keys(): number[] {
    return [...this.map.keys()];
  }
}

async function loadItems(conn: DatabaseConnection) {
  const rows = await conn.query<{ id: number; external_id: string; title: string; description: string; category: string | null; tags: string[]; published: number | null }>(
    `select id, external_id, title, description, category, tags, extract(epoch from published_at) * 1000 as published from items order by id`,
  );
  return {
    index: new Map(rows.map((row, index) => [row.id, index])),
    externalIds: rows.map((row) => row.external_id),
    catalog: rows.map(
      (row): CatalogItem => ({ title: row.title, description: row.description, category: row.category, tags: row.tags, publishedAt: row.published === null ? null : Number(row.published) }),
    ),
  };
}

async function externalIdsOf(conn: DatabaseConnection, table: 'users', internalIds: number[]): Promise<string[]> {
  const rows = await conn.query<{ id: number; external_id: string }>(`select id, external_id from ${table} where id = any($1::int[])`, [internalIds]);
  const byId = new Map(rows.map((row) => [row.id, row.external_id]));
  // A user deleted while training read their events keeps a placeholder; they are dropped at serving.
  return internalIds.map((id) => byId.get(id) ?? `deleted:${id}`);
}

function growableLog(expected: number) {
  let capacity = Math.max(1024, expected);
  let user = new Uint32Array(capacity);
  let item = new Uint32Array(capacity);
  let strength = new Float32Array(capacity);
  let timestamp = new Float64Array(capacity);
  let type = new Uint8Array(capacity);
  let length = 0;
  const grow = () => {
    capacity *= 2;
    const resize = <T extends Uint8Array | Uint32Array | Float32Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    user = resize(user, (n) => new Uint32Array(n));
    item = resize(item, (n) => new Uint32Array(n));
    strength = resize(strength, (n) => new Float32Array(n));
    timestamp = resize(timestamp, (n) => new Float64Array(n));
    type = resize(type, (n) => new Uint8Array(n));
  };
  return {
    get length() {
      return length;
    },
    push(u: number, i: number, s: number, t: number, typeIndex: number) {
      if (length === capacity) grow();
      user[length] = u;
      item[length] = i;
      strength[length] = s;
      timestamp[length] = t;
      type[length] = typeIndex;
      length += 1;
    },
    finish(): InteractionLog {
      return {
        length,
        user: user.subarray(0, length),
        item: item.subarray(0, length),
        strength: strength.subarray(0, length),
        timestamp: timestamp.subarray(0, length),
        type: type.subarray(0, length),
      };
    },
  };
}
