export interface Account {
  email: string;
  password: string;
}

interface FetchOptions {
  method?: string;
  json?: unknown;
  cookie?: string;
  bearer?: string;
  /** The page that sends the request, as a browser says it in `Origin`. */
  origin?: string;
}

/** A JSON request that must succeed; its body, parsed. */
export async function apiFetch<T = unknown>(baseUrl: string, path: string, options: FetchOptions = {}): Promise<T> {
  const response = await rawFetch(baseUrl, path, options);
  const text = await response.text();
  if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A request whose status the test checks itself. */
export function rawFetch(baseUrl: string, path: string, { method = 'GET', json, cookie, bearer, origin }: FetchOptions = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(json !== undefined && { 'content-type': 'application/json' }),
      ...(cookie && { cookie }),
      ...(bearer && { authorization: `Bearer ${bearer}` }),
      ...(origin && { origin }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

/** Signs in through next-auth's credentials flow, as the browser does, and returns the session cookie. */
export async function signInForCookie(baseUrl: string, account: Account): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: account.email, password: account.password, json: 'true' }),
  });
  const session = cookiesOf(response)
    .split('; ')
    .find((cookie) => cookie.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in as ${account.email} failed: ${response.status}`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
