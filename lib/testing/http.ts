import { contractViolation } from '@/lib/api/openapi/contract';

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

export interface CallOptions {
  body?: unknown;
  /** Sent as-is, for malformed or non-JSON bodies. */
  rawBody?: string;
  contentType?: string;
  params?: { id: string };
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls a route handler the way Next.js would, with a real Request. Every JSON answer is held to
 * the OpenAPI document (lib/api/openapi): an undocumented route or status, or a body that does not
 * match its documented schema, fails the test that received it.
 */
export async function call<T = any>(handler: Handler, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: {
      ...(hasBody && { 'content-type': options.contentType ?? 'application/json' }),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? { id: '' }) });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  const violation = contractViolation(method, path, response.status, body);
  if (violation) throw new Error(`API contract: ${violation}`);
  return { status: response.status, body, headers: response.headers };
}
