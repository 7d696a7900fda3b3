import { TailorApiError, unwrap, type BrowserPaths } from './client';

type EventsBody = NonNullable<BrowserPaths['/api/v1/events']['post']['requestBody']>['content']['application/json'];
/** One event as POST /api/v1/events takes it. */
export type TailorEvent = Extract<EventsBody, unknown[]>[number];
export type EventResult = BrowserPaths['/api/v1/events']['post']['responses'][200]['content']['application/json'];

/** What the batcher needs of a client: either kind has it. */
interface EventsClient {
  POST(path: '/api/v1/events', init: { body: TailorEvent[] }): Promise<{ data?: EventResult; error?: unknown; response: Response }>;
}

export interface EventBatcherOptions {
  /** Send as soon as this many events wait (the API takes up to 5,000 a request). */
  maxBatch?: number;
  /** Send what waits at least this often. */
  flushIntervalMs?: number;
  /** A batch the API refused or could not take even after retries; its events are dropped. */
  onError?: (error: Error, events: TailorEvent[]) => void;
}

export interface EventBatcher {
  /** Queues an event; it leaves with the next batch. */
  track(event: TailorEvent): void;
  /** Sends everything queued now; resolves with what the API answered (null when nothing waited or it failed). */
  flush(): Promise<EventResult | null>;
}

const API_MAX_BATCH = 5_000;

/**
 * Collects events and posts them in batches: every `flushIntervalMs`, or at once when `maxBatch`
 * wait. Re-sending is safe: the API counts an `event_id` it has seen as a duplicate.
 */
export function createEventBatcher(client: EventsClient, { maxBatch = 100, flushIntervalMs = 2_000, onError }: EventBatcherOptions = {}): EventBatcher {
  const size = Math.min(Math.max(1, maxBatch), API_MAX_BATCH);
  let queue: TailorEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const send = async (events: TailorEvent[]): Promise<EventResult | null> => {
    try {
      return await unwrap(client.POST('/api/v1/events', { body: events }));
    } catch (error) {
      const failure = error instanceof Error ? error : new TailorApiError(0, 'network_error', String(error));
      if (!onError) throw failure;
      onError(failure, events);
      return null;
    }
  };

  // The queue never outgrows one batch: reaching `size` sends it.
  const flush = async (): Promise<EventResult | null> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = queue;
    queue = [];
    return taken.length === 0 ? null : send(taken);
  };

  return {
    track(event) {
      queue.push(event);
      if (queue.length >= size) void flush();
      else timer ??= setTimeout(() => void flush(), flushIntervalMs);
    },
    flush,
  };
}
