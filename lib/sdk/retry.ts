/** Retries answers of 503 (a dependency is briefly unavailable) with exponential backoff, honouring Retry-After. */

export interface RetryOptions {
  /** Further attempts after the first; 0 turns retrying off. */
  retries?: number;
  /** The first wait; each further one doubles, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type Fetch = (request: Request) => Promise<Response>;

const DEFAULTS: Required<RetryOptions> = { retries: 3, baseDelayMs: 250, maxDelayMs: 10_000 };

/** A fetch that sends the request again while the server answers 503, up to `retries` more times. */
export function retryingFetch(send: Fetch, options: RetryOptions = {}, sleep: (ms: number) => Promise<void> = wait): Fetch {
  const { retries, baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  return async (request) => {
    // A body can be read once, and a clone's is a stream (which browsers refuse with keepalive and
    // send chunked): every attempt sends the bytes read here, as a plain body.
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (let attempt = 0; ; attempt++) {
      const response = await send(body === undefined ? request.clone() : new Request(request, { body }));
      if (response.status !== 503 || attempt >= retries) return response;
      await response.body?.cancel();
      await sleep(retryDelay(attempt, response.headers.get('retry-after'), baseDelayMs, maxDelayMs));
    }
  };
}

/** Retry-After (seconds or an HTTP date) when the server gives one, else backoff with jitter; never above `maxDelayMs`. */
export function retryDelay(attempt: number, retryAfter: string | null, baseDelayMs: number, maxDelayMs: number, now = Date.now()): number {
  const asked = retryAfterMs(retryAfter, now);
  if (asked !== null) return Math.min(asked, maxDelayMs);
  const backoff = baseDelayMs * 2 ** attempt;
  return Math.min(backoff / 2 + Math.random() * (backoff / 2), maxDelayMs);
}

function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
