import { describe, expect, it } from 'vitest';
import { retryDelay, retryingFetch } from './retry';

function answers(...statuses: number[]) {
  const bodies: string[] = [];
  const send = async (request: Request) => {
    bodies.push(await request.text());
    const status = statuses[Math.min(bodies.length - 1, statuses.length - 1)]!;
    return new Response(JSON.stringify({ status }), { status, headers: status === 503 ? { 'retry-after': '2' } : {} });
  };
  return { send, bodies };
}

describe('retryingFetch', () => {
  it('sends the same request again after a 503, waiting as Retry-After asks', async () => {
    const { send, bodies } = answers(503, 503, 200);
    const waits: number[] = [];
    const fetch = retryingFetch(send, { retries: 3 }, async (ms) => void waits.push(ms));
    const response = await fetch(new Request('http://tailor.test/api/v1/events', { method: 'POST', body: '{"event_id":"e1"}' }));
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"event_id":"e1"}', '{"event_id":"e1"}', '{"event_id":"e1"}']);
    expect(waits).toEqual([2000, 2000]);
  });

  it('gives up after the retries it was given, answering the last 503', async () => {
    const { send, bodies } = answers(503);
    const response = await retryingFetch(send, { retries: 2 }, async () => undefined)(new Request('http://tailor.test/api/v1/health'));
    expect(response.status).toBe(503);
    expect(bodies).toHaveLength(3);
  });

  it('does not retry other failures', async () => {
    const { send, bodies } = answers(500);
    expect((await retryingFetch(send, {}, async () => undefined)(new Request('http://tailor.test/x'))).status).toBe(500);
    expect(bodies).toHaveLength(1);
  });
});

describe('retryDelay', () => {
  it('reads Retry-After as seconds or as a date, capped', () => {
    expect(retryDelay(0, '3', 250, 10_000)).toBe(3000);
    expect(retryDelay(0, new Date(65_000).toUTCString(), 250, 10_000, 60_000)).toBe(5000);
    expect(retryDelay(0, '600', 250, 10_000)).toBe(10_000);
  });

  it('backs off exponentially with jitter without one', () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const delay = retryDelay(attempt, null, 100, 10_000);
      expect(delay).toBeGreaterThanOrEqual(50 * 2 ** attempt);
      expect(delay).toBeLessThanOrEqual(100 * 2 ** attempt);
    }
  });
});
