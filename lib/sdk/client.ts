import createClient, { type Client } from 'openapi-fetch';
import { retryingFetch, type Fetch, type RetryOptions } from './retry';
import type { paths } from './schema';

/**
 * Typed clients of the Tailor API, on openapi-fetch and the types generated from the OpenAPI
 * document (`npm run sdk:generate`). Every call answers `{ data, error, response }`; 503s are
 * retried with backoff.
 */

export type TailorPaths = paths;
export type TailorClient = Client<paths>;

/** What a key with only the `recommend` and `events` scopes may call: safe to ship to browsers. */
export type BrowserPaths = Pick<paths, '/api/v1/recommendations' | '/api/v1/sessions/recommend' | '/api/v1/items/{id}/similar' | '/api/v1/trending' | '/api/v1/events'>;
export type TailorBrowserClient = Client<BrowserPaths>;

interface CommonOptions {
  /** Where the API is, e.g. `https://tailor.example.com`; `''` calls the page's own origin. */
  baseUrl: string;
  retry?: RetryOptions;
  /** Defaults to the global fetch. */
  fetch?: Fetch;
}

export interface ServerClientOptions extends CommonOptions {
  /** An API key; its scopes decide what the client may do. Omit it for a same-origin console session (cookies). */
  apiKey?: string;
}

/** Every operation: for backends (an API key) and for the console (its session cookie, same origin). */
export function createServerClient({ baseUrl, apiKey, retry, fetch }: ServerClientOptions): TailorClient {
  return createClient<paths>({
    baseUrl,
    fetch: retryingFetch(fetch ?? ((request) => globalThis.fetch(request)), retry),
    ...(apiKey ? { headers: { authorization: `Bearer ${apiKey}` } } : { credentials: 'same-origin' }),
  });
}

export interface BrowserClientOptions extends CommonOptions {
  /**
   * A public key: one with only the `recommend` and `events` scopes, since every visitor can read
   * it. Null when the server lets anonymous callers recommend and record events.
   */
  publicKey: string | null;
}

/** Recommendations and events only, typed so: what a storefront or app calls from the browser. */
export function createBrowserClient({ baseUrl, publicKey, retry, fetch }: BrowserClientOptions): TailorBrowserClient {
  return createServerClient({ baseUrl, apiKey: publicKey ?? undefined, retry, fetch }) as unknown as TailorBrowserClient;
}

/** The documented error body. */
export type ApiErrorBody = paths['/api/v1/items']['get']['responses'][400]['content']['application/json'];

/** A failed call as an Error: the status, the API's error code, its message and the fields it names. */
export class TailorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string; index?: number }[] = [],
  ) {
    super(message);
    this.name = 'TailorApiError';
  }
}

/** The data of a successful call, or a TailorApiError: for code that would rather throw than branch. */
export async function unwrap<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await call;
  if (response.ok) return data as Data;
  const body = (error as Partial<ApiErrorBody> | undefined)?.error;
  throw new TailorApiError(response.status, body?.code ?? 'http_error', body?.message ?? `${response.status} ${response.statusText}`, body?.fields ?? []);
}
