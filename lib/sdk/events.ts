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
  /** A batch the API took, with what it answered. */
  onSent?: (result: EventResult, events: TailorEvent[]) => void;
  /** A batch the API refused or could not take even after retries: its events are dropped. Logged when not given. */
  onError?: (error: Error, events: TailorEvent[]) => void;
}

export interface EventBatcher {
  /** Queues an event; it leaves with the next batch. */
  track(event: TailorEvent): void;
  /** Sends what waits now, and resolves once every batch sent so far has been answered. */
  flush(): Promise<void>;
}

const API_MAX_BATCH = 5_000;

/**
 * Collects events and posts them in batches: every `flushIntervalMs`, or at once when `maxBatch`
 * wait. Re-sending is safe: the API counts an `event_id` it has seen as a duplicate.
 */
export function createEventBatcher(client: EventsClient, { maxBatch = 100, flushIntervalMs = 2_000, onSent, onError = logFailure }: EventBatcherOptions = {}): EventBatcher {
  const size = Math.min(Math.max(1, maxBatch), API_MAX_BATCH);
  let queue: TailorEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const inFlight = new Set<Promise<void>>();

  const send = async (events: TailorEvent[]): Promise<void> => {
    try {
      const result = await unwrap(client.POST('/api/v1/events', { body: events }));
      onSent?.(result, events);
    } catch (error) {
      onError(error instanceof Error ? error : new TailorApiError(0, 'network_error', String(error)), events);
    }
  };

  // The queue never outgrows one batch: reaching `size` sends it.
  const sendQueued = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    const sending = send(queue).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    queue = [];
  };

  return {
    track(event) {
      queue.push(event);
      if (queue.length >= size) sendQueued();
      else timer ??= setTimeout(sendQueued, flushIntervalMs);
    },
    async flush() {
      sendQueued();
      await Promise.all(inFlight);
    },
  };
}

function logFailure(error: Error, events: TailorEvent[]): void {
  console.warn(`tailor: ${events.length} events were not recorded: ${error.message}`);
}
