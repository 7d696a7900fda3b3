import type { IncomingMessage, ServerResponse } from 'node:http';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as getHealth } from '@/app/api/v1/health/route';
import { GET as getLivez } from '@/app/api/v1/livez/route';
import { GET as getReadyz } from '@/app/api/v1/readyz/route';
import { GET as getRecommendations } from '@/app/api/v1/recommendations/route';
import { POST as postSessionRecommendations } from '@/app/api/v1/sessions/recommend/route';
import { GET as getTrending } from '@/app/api/v1/trending/route';
import { ApiError } from '@/lib/api/errors';
import { errorResponse } from '@/lib/api/route';

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The hot public endpoints, served straight from their route handlers. Next's router costs
 * about 1.5 ms of CPU per request on a small machine; these paths cannot afford it. The
 * handlers are the same functions Next serves, so behaviour is identical either way.
 */
const DIRECT_ROUTES = new Map<string, RouteHandler>([
  ['POST /api/v1/events', postEvents],
  ['GET /api/v1/health', getHealth],
  ['GET /api/v1/livez', getLivez],
  ['GET /api/v1/readyz', getReadyz],
  ['GET /api/v1/recommendations', getRecommendations],
  ['POST /api/v1/sessions/recommend', postSessionRecommendations],
  ['GET /api/v1/trending', getTrending],
]);

export function directRoute(request: IncomingMessage): RouteHandler | undefined {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  return DIRECT_ROUTES.get(`${request.method} ${path}`);
}

const NO_PARAMS = Promise.resolve({});

/** The largest body a direct route takes (events, 8 MiB); a larger one is refused before it is all buffered. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Never rejects: a client that goes away mid-body, a body over the limit or a Host header no URL
 * can hold would otherwise be an unhandled rejection, which ends the process.
 */
export async function serveDirect(handler: RouteHandler, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  let response: Response;
  try {
    const body = incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : await readAll(incoming);
    const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url}`, {
      method: incoming.method,
      headers: incoming.headers as Record<string, string>,
      body,
    });
    response = await handler(request, { params: NO_PARAMS });
  } catch (error) {
    if (incoming.errored) return; // the client is gone: nobody to answer
    response = errorResponse(error instanceof TypeError ? ApiError.badRequest(`the request cannot be read: ${error.message}`) : error);
  }
  const payload = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': payload.byteLength });
  outgoing.end(payload);
}

function readAll(incoming: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    incoming.on('data', (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        incoming.pause();
        reject(ApiError.payloadTooLarge(MAX_BODY_BYTES));
      }
    });
    incoming.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    incoming.on('error', reject);
  });
}
