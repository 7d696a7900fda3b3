import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserClient } from './client';
import { createEventBatcher, type TailorEvent } from './events';

const event = (n: number): TailorEvent => ({ event_id: `e${n}`, user_id: 'u1', item_id: 'i1', type: 'click' });

/** A browser client whose requests land here: the batcher is tested through the real client. */
function recordingClient(status = 200) {
  const batches: { authorization: string | null; events: TailorEvent[] }[] = [];
  const client = createBrowserClient({
    baseUrl: 'http://tailor.test',
    publicKey: 'tk_public',
    retry: { retries: 0 },
    fetch: async (request) => {
      const events = (await request.json()) as TailorEvent[];
      batches.push({ authorization: request.headers.get('authorization'), events });
      const body = status === 200 ? { accepted: events.length, duplicates: 0, duplicate_event_ids: [] } : { error: { code: 'invalid_request', message: 'bad event' } };
      return Response.json(body, { status });
    },
  });
  return { client, batches };
}

afterEach(() => vi.useRealTimers());

describe('createEventBatcher', () => {
  it('sends a batch as soon as maxBatch events wait, with the public key', async () => {
    const { client, batches } = recordingClient();
    const batcher = createEventBatcher(client, { maxBatch: 3, flushIntervalMs: 60_000 });
    [1, 2, 3].forEach((n) => batcher.track(event(n)));
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0]).toEqual({ authorization: 'Bearer tk_public', events: [event(1), event(2), event(3)] });
  });

  it('sends what waits once the interval passes', async () => {
    vi.useFakeTimers();
    const { client, batches } = recordingClient();
    const batcher = createEventBatcher(client, { maxBatch: 100, flushIntervalMs: 1_000 });
    batcher.track(event(1));
    batcher.track(event(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(batches.map((batch) => batch.events.length)).toEqual([2]));
  });

  it('flush sends what waits at once, waits for every batch in flight, and reports what the API accepted', async () => {
    const { client, batches } = recordingClient();
    const sent: number[] = [];
    const batcher = createEventBatcher(client, { maxBatch: 2, flushIntervalMs: 60_000, onSent: (result) => sent.push(result.accepted) });
    for (let n = 0; n < 5; n++) batcher.track(event(n));
    await batcher.flush();
    expect(batches.map((batch) => batch.events.length)).toEqual([2, 2, 1]);
    expect(sent.sort()).toEqual([1, 2, 2]);
    await batcher.flush();
    expect(batches).toHaveLength(3);
  });

  it('hands a refused batch to onError with its events', async () => {
    const { client } = recordingClient(400);
    const failures: { message: string; count: number }[] = [];
    const batcher = createEventBatcher(client, { onError: (error, events) => failures.push({ message: error.message, count: events.length }) });
    batcher.track(event(1));
    await batcher.flush();
    expect(failures).toEqual([{ message: 'bad event', count: 1 }]);
  });
});
