import 'server-only';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import { onChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { processSingleton, takeProcessSingleton } from '@/lib/runtime/singleton';
import { insertExposures, type Exposure } from './store';

export interface ExposureWriterOptions {
  /** A batch is written as soon as this many are queued… */
  batchSize?: number;
  /** …or this long after the first of them. */
  flushIntervalMs?: number;
  /** Pairs remembered as written; beyond this the memory starts over (repeats then cost a no-op insert). */
  maxRemembered?: number;
  /** Beyond this many waiting (a long outage), new exposures are dropped. */
  maxQueued?: number;
}

export interface ExposureWriterStats {
  queued: number;
  /** Rows the database took as new. */
  written: number;
  /** Records skipped because this process had already seen the pair. */
  repeats: number;
  dropped: number;
}

/**
 * First exposures, recorded off the request path. Every serving of a user in an experiment calls
 * `record`; almost all are repeats, which an in-process set of seen (experiment, user) pairs skips
 * for the price of a lookup. The rest are batched into one insert … on conflict do nothing, so
 * several instances recording the same user store one row.
 */
export class ExposureWriter {
  private queue: Exposure[] = [];
  private readonly seen = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private closed = false;
  private written = 0;
  private repeats = 0;
  private dropped = 0;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly maxRemembered: number;
  private readonly maxQueued: number;

  private conn: Promise<DatabaseConnection> | null = null;

  constructor(
    private readonly connect: () => Promise<DatabaseConnection>,
    options: ExposureWriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxRemembered = options.maxRemembered ?? 500_000;
    this.maxQueued = options.maxQueued ?? 100_000;
  }

  get stats(): ExposureWriterStats {
    return { queued: this.queue.length, written: this.written, repeats: this.repeats, dropped: this.dropped };
  }

  /** Returns at once; never throws, never waits on the database. */
  record(exposure: Exposure): void {
    const pair = `${exposure.experimentId}\u0000${exposure.userId}`;
    if (this.seen.has(pair)) {
      this.repeats += 1;
      return;
    }
    if (this.closed || this.queue.length >= this.maxQueued) {
      this.dropped += 1;
      return;
    }
    if (this.seen.size >= this.maxRemembered) this.seen.clear();
    this.seen.add(pair);
    this.queue.push(exposure);
    if (this.queue.length >= this.batchSize) this.startWriting();
    else this.schedule();
  }

  /**
   * Drops the user's queued exposures and forgets their pairs; unnamed, every pair is forgotten
   * (the insert skips forgotten users, and repeats only cost a no-op insert).
   */
  forgetUser(userId: string | undefined): void {
    if (userId === undefined) {
      this.seen.clear();
      return;
    }
    this.queue = this.queue.filter((exposure) => exposure.userId !== userId);
    for (const pair of this.seen) if (pair.endsWith(`\u0000${userId}`)) this.seen.delete(pair);
  }

  /** Writes everything queued so far: one pass, which stops at the first failed batch. */
  async flush(): Promise<void> {
    if (this.writing) await this.writing;
    if (this.queue.length === 0) return;
    this.startWriting();
    await this.writing;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private schedule(): void {
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startWriting();
    }, this.flushIntervalMs);
    // Pending exposures must not keep a finished process alive; shutdown calls `close`.
    this.timer.unref();
  }

  private startWriting(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing ??= this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0 && !this.closed) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchSize);
      try {
        this.conn ??= this.connect().catch((error: unknown) => {
          this.conn = null;
          throw error;
        });
        this.written += await insertExposures(await this.conn, batch);
      } catch (error) {
        // Forget the pairs rather than retry: the user's next serving records them again, a little later.
        for (const exposure of batch) this.seen.delete(`${exposure.experimentId}\u0000${exposure.userId}`);
        this.dropped += batch.length;
        log.warn(`could not record ${batch.length} experiment exposures; they are recorded at the users' next servings`, error instanceof Error ? error.message : error);
        return;
      }
    }
  }
}

const SINGLETON = 'experiment-exposures';

/** The process's one writer: the seen-set only saves inserts if every request shares it. */
export function exposureWriter(): ExposureWriter {
  return processSingleton(SINGLETON, () => {
    const writer = new ExposureWriter(getConnection);
    onChange('user-deletions', (userId) => writer.forgetUser(userId));
    return writer;
  });
}

/** For shutdown, before the database closes: writes what is queued. Never throws. */
export async function drainExposureWriter(): Promise<void> {
  const writer = takeProcessSingleton<ExposureWriter>(SINGLETON);
  try {
    await writer?.close();
  } catch (error) {
    log.error('experiment exposures lost at shutdown', error instanceof Error ? error.message : error);
  }
}
