import { createServerClient, TailorApiError } from '@/lib/sdk';

/**
 * What the console's client components use to call the API: the typed SDK client on the page's
 * own origin with the session cookie (`unwrap` turns its answers into data or errors), and
 * `apiRequest` for the forms that send what a person typed as it is and let the server's
 * validation name each bad field (items, rules, experiments, strategies, settings, CSV import).
 */
export const consoleApi = createServerClient({ baseUrl: '' });

export { TailorApiError as ApiRequestError, unwrap } from '@/lib/sdk';

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON. */
  json?: unknown;
  body?: BodyInit;
}

export async function apiRequest<T>(path: string, { json, headers, ...init }: ApiRequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { ...(json !== undefined && { 'content-type': 'application/json' }), ...headers },
    body: json !== undefined ? JSON.stringify(json) : init.body,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const body = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; fields?: { field: string; message: string }[] } } | null)?.error;
    throw new TailorApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${response.status} ${response.statusText}`, error?.fields ?? []);
  }
  return body as T;
}

/** `?a=1&b=2` from an object, leaving out empty values. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'invalid_response', message: text.slice(0, 200) } };
  }
}
