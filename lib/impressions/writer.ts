import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { log } from '@/lib/runtime/log';
import type { Impression } from './schema';
import { insertImpressions } from './store';

export interface ImpressionWriterOptions {
  /** A batch is written as soon as this many are queued. */
  batchSize?: number;
  /** …or this long after the first of them was queued. */
  flushIntervalMs?: number;
  /** Beyond this many waiting (say, during a long outage), the oldest are dropped. */
  maxQueued?: number;
  /** The first retry after a failed write waits this long; each further failure doubles it. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long `flush` keeps retrying before it gives up and rejects. */
  flushTimeoutMs?: number;
}

export interface ImpressionWriterStats {
  queued: number;
  /** Rows the database accepted as new (repeated recommendation ids are not counted). */
  written: number;
  /** Lost to the queue bound or logged after `close`. */
  dropped: number;
  /** Refused by the database as malformed (say, a non-finite latency). */
  rejected: number;
}

/**
 * Impressions are logged on the request path but are not worth a request's latency: `log`
 * only queues, and a background loop writes batches. An outage costs memory up to a bound,
 * not requests; the queue survives it and is written once the database is back.
 */
export class ImpressionWriter {
  private readonly queue = new Backlog<Impression>();
  private inFlight = 0;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private retryAt = 0;
  private closed = false;
  private written = 0;
  private dropped = 0;
  private rejected = 0;
  private lastDropWarning = -Infinity;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxQueued: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly flushTimeoutMs: number;

  constructor(
    private readonly conn: DatabaseConnection,
    options: ImpressionWriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.maxQueued = options.maxQueued ?? 100_000;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.flushTimeoutMs = options.flushTimeoutMs ?? 10_000;
  }

  get stats(): ImpressionWriterStats {
    return { queued: this.queue.length + this.inFlight, written: this.written, dropped: this.dropped, rejected: this.rejected };
  }

  /** Queues one impression and returns at once; it never throws and never waits on the database. */
  log(impression: Impression): void {
    if (this.closed) {
      this.drop(1);
      return;
    }
    this.queue.push(impression);
    this.enforceBound();
    if (this.queue.length >= this.batchSize && !this.backingOff()) this.startWriting();
    else this.schedule();
  }

  /** Drops the user's queued impressions: they were served before the user was deleted. */
  forgetUser(userId: string): void {
    this.queue.removeWhere((impression) => impression.userId === userId);
  }

  /**
   * Writes everything queued, retrying failed writes with backoff. Rejects if the queue is still
   * not empty after `flushTimeoutMs`; the impressions stay queued.
   */
  async flush(): Promise<void> {
    const deadline = Date.now() + this.flushTimeoutMs;
    for (;;) {
      if (this.writing) await this.writing;
      if (this.queue.length === 0) return;
      if (this.closed) throw new Error(`impression writer is closed with ${this.queue.length} impressions unwritten`);
      const now = Date.now();
      if (now >= deadline) throw new Error(`${this.queue.length} impressions could not be written within ${this.flushTimeoutMs} ms`);
      if (this.retryAt > now) await sleep(Math.min(this.retryAt, deadline) - now);
      else this.startWriting();
    }
  }

  /** Flushes, then stops: later impressions are counted as dropped. For shutdown; rejects as `flush` does. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private backingOff(): boolean {
    return this.retryAt > Date.now();
  }

  private schedule(): void {
    if (this.timer || this.writing || this.closed || this.queue.length === 0) return;
    const delay = this.backingOff() ? this.retryAt - Date.now() : this.flushIntervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startWriting();
    }, delay);
    // A pending batch must not keep a finished process alive; shutdown calls `close`.
    this.timer.unref();
  }

  private startWriting(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // After the caller's synchronous work: `log` stays cheap even when it fills a batch.
    this.writing ??= Promise.resolve()
      .then(() => this.drain())
      .finally(() => {
        this.writing = null;
        this.schedule();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.backingOff() && !this.closed) {
      const batch = this.queue.take(this.batchSize);
      this.inFlight = batch.length;
      try {
        await this.write(batch);
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        const delay = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + delay;
        this.queue.putBack(batch);
        log.warn(`could not write ${batch.length} impressions (failure ${this.failures}); retrying in ${delay} ms, ${this.queue.length} queued`, messageOf(error));
      } finally {
        this.inFlight = 0;
      }
      this.enforceBound();
    }
  }

  /** A malformed row must not hold the queue hostage: halve the batch until it stands alone, then drop it. */
  private async write(batch: Impression[]): Promise<void> {
    try {
      this.written += await insertImpressions(this.conn, batch);
    } catch (error) {
      if (!isBadData(error)) throw error;
      if (batch.length === 1) {
        this.rejected += 1;
        log.warn(`dropped impression '${batch[0]?.recommendationId}': the database refused it`, messageOf(error));
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.write(batch.slice(0, half));
      await this.write(batch.slice(half));
    }
  }

  private enforceBound(): void {
    const excess = this.queue.length + this.inFlight - this.maxQueued;
    if (excess > 0) this.drop(this.queue.dropOldest(excess));
  }

  private drop(count: number): void {
    if (count <= 0) return;
    this.dropped += count;
    const now = Date.now();
    // Once per interval: during an outage every request would otherwise log a line.
    if (now - this.lastDropWarning < DROP_WARNING_INTERVAL_MS) return;
    this.lastDropWarning = now;
    log.warn(this.closed ? `impression writer is closed: ${this.dropped} impressions dropped` : `impression queue is full (${this.maxQueued}): ${this.dropped} oldest impressions dropped so far`);
  }
}

const DROP_WARNING_INTERVAL_MS = 10_000;

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the rows are at fault, and retrying cannot help. */
function isBadData(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return /^2[23][0-9A-Z]{3}$/.test(code);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A FIFO whose `take` and `dropOldest` cost no copying of the rest: the queue can hold 100,000. */
class Backlog<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  take(count: number): T[] {
    const taken = this.items.slice(this.head, this.head + count);
    this.head += taken.length;
    this.compact();
    return taken;
  }

  /** Back to the front, in order: a failed batch is still the oldest. */
  putBack(batch: T[]): void {
    this.items = batch.concat(this.items.slice(this.head));
    this.head = 0;
  }

  removeWhere(predicate: (item: T) => boolean): void {
    this.items = this.items.slice(this.head).filter((item) => !predicate(item));
    this.head = 0;
  }

  dropOldest(count: number): number {
    const dropped = Math.min(count, this.length);
    for (let i = this.head; i < this.head + dropped; i++) this.items[i] = undefined as T;
    this.head += dropped;
    this.compact();
    return dropped;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
