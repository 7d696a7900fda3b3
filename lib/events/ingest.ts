import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { log } from '@/lib/runtime/log';
import type { NewEvent } from './schema';
import { insertEvents, LAST_ACTIVE_RESOLUTION_MS, touchUsers } from './store';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Event ids already stored before, or repeated earlier in the same flush. */
  duplicateEventIds: string[];
}

interface Submission {
  events: NewEvent[];
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

export interface EventIngestorOptions {
  /** Upper bound on events written by one statement. */
  maxEventsPerFlush?: number;
  /** Writes in flight at once: PostgreSQL spreads them over cores; PGlite has one connection. */
  maxConcurrentWrites?: number;
}

/**
 * Group commit: requests that arrive while a write is in flight wait and share the next
 * multi-row insert. Under light load a request is written at once; under heavy load the
 * database sees a few large statements instead of thousands of small ones. Each caller's
 * promise settles only after its events are committed.
 */
export class EventIngestor {
  private queue: Submission[] = [];
  private readonly writers = new Set<Promise<void>>();
  private readonly activity = new Map<string, NewEvent>();
  /** Per user, the latest activity time already written, so a busy user costs one update a minute, not one per flush. */
  private readonly writtenActivity = new Map<string, number>();
  private touching: Promise<void> | null = null;
  private readonly maxEventsPerFlush: number;
  private readonly maxConcurrentWrites: number;

  constructor(
    private readonly conn: DatabaseConnection,
    options: EventIngestorOptions = {},
  ) {
    this.maxEventsPerFlush = options.maxEventsPerFlush ?? 20_000;
    this.maxConcurrentWrites = options.maxConcurrentWrites ?? (conn.kind === 'postgres' ? 2 : 1);
  }

  submit(events: NewEvent[]): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (this.writers.size < this.maxConcurrentWrites) {
        const writer: Promise<void> = this.drain().finally(() => this.writers.delete(writer));
        this.writers.add(writer);
      }
    });
  }

  /** A deleted user's pending last-active time and remembered activity go with them. */
  forgetUser(userId: string): void {
    this.activity.delete(userId);
    this.writtenActivity.delete(userId);
  }

  /** Settles everything queued so far: for clean shutdown, and before a deletion (so nothing lands after it). */
  async flush(): Promise<void> {
    while (this.writers.size > 0 || this.touching) await Promise.all([...this.writers, this.touching]);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.write(this.takeBatch());
  }

  private takeBatch(): Submission[] {
    const batch: Submission[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (!next || (batch.length > 0 && size + next.events.length > this.maxEventsPerFlush)) break;
      batch.push(next);
      size += next.events.length;
      this.queue.shift();
    }
    return batch;
  }

  private async write(batch: Submission[]): Promise<void> {
    const { unique, repeated } = splitRepeats(batch);
    try {
      const inserted = await insertEvents(this.conn, unique);
      batch.forEach((submission, index) => submission.resolve(outcome(submission.events, inserted, repeated[index] ?? new Set())));
      this.noteActivity(unique, inserted);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One submission's rows may have sunk the shared statement: write each alone, so only it fails.
      log.warn(`group insert of ${unique.length} events failed, retrying per request`, (error as Error).message);
      for (const submission of batch) await this.write([submission]);
    }
  }

  private noteActivity(events: NewEvent[], inserted: Set<string>): void {
    for (const event of events) {
      if (!inserted.has(event.eventId)) continue;
      const written = this.writtenActivity.get(event.userId);
      if (written !== undefined && event.occurredAt.getTime() - written < LAST_ACTIVE_RESOLUTION_MS) continue;
      const seen = this.activity.get(event.userId);
      if (!seen || seen.occurredAt < event.occurredAt) this.activity.set(event.userId, event);
    }
    this.touching ??= this.touchPending().finally(() => {
      this.touching = null;
    });
  }

  private rememberWritten(events: NewEvent[]): void {
    for (const event of events) {
      this.writtenActivity.delete(event.userId);
      this.writtenActivity.set(event.userId, event.occurredAt.getTime());
    }
    // Insertion order is recency order: forgetting the oldest only costs a redundant update later.
    for (const userId of this.writtenActivity.keys()) {
      if (this.writtenActivity.size <= MAX_REMEMBERED_USERS) break;
      this.writtenActivity.delete(userId);
    }
  }

  /** Last-active times trail the events by one write; they are coalesced per user meanwhile. */
  private async touchPending(): Promise<void> {
    while (this.activity.size > 0) {
      const latest = [...this.activity.values()];
      this.activity.clear();
      await touchUsers(this.conn, latest).then(
        () => this.rememberWritten(latest),
        (error: unknown) => log.warn('could not update last-active times', (error as Error).message),
      );
    }
  }
}

const MAX_REMEMBERED_USERS = 200_000;

/** The first occurrence of an event id in a flush is written; later ones are duplicates. */
function splitRepeats(batch: Submission[]): { unique: NewEvent[]; repeated: Set<NewEvent>[] } {
  const seen = new Set<string>();
  const unique: NewEvent[] = [];
  const repeated = batch.map((submission) => {
    const mine = new Set<NewEvent>();
    for (const event of submission.events) {
      if (seen.has(event.eventId)) mine.add(event);
      else {
        seen.add(event.eventId);
        unique.push(event);
      }
    }
    return mine;
  });
  return { unique, repeated };
}

function outcome(events: NewEvent[], inserted: Set<string>, repeated: Set<NewEvent>): IngestResult {
  const duplicateEventIds: string[] = [];
  let accepted = 0;
  for (const event of events) {
    if (inserted.has(event.eventId) && !repeated.has(event)) accepted += 1;
    else duplicateEventIds.push(event.eventId);
  }
  return { accepted, duplicates: duplicateEventIds.length, duplicateEventIds };
}
