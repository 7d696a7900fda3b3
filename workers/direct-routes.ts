import type { IncomingMessage, ServerResponse } from 'node:http';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as getHealth } from '@/app/api/v1/health/route';
import { GET as getRecommendations } from '@/app/api/v1/recommendations/route';
import { POST as postSessionRecommendations } from '@/app/api/v1/sessions/recommend/route';
import { GET as getTrending } from '@/app/api/v1/trending/route';

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The hot public endpoints, served straight from their route handlers. Next's router costs
 * about 1.5 ms of CPU per request on a small machine; these paths cannot afford it. The
 * handlers are the same functions Next serves, so behaviour is identical either way.
 */
const DIRECT_ROUTES = new Map<string, RouteHandler>([
  ['POST /api/v1/events', postEvents],
  ['GET /api/v1/health', getHealth],
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

export async function serveDirect(handler: RouteHandler, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const body = incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : await readAll(incoming);
  const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url}`, {
    method: incoming.method,
    headers: incoming.headers as Record<string, string>,
    body,
  });
  const response = await handler(request, { params: NO_PARAMS });
  const payload = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': payload.byteLength });
  outgoing.end(payload);
}

function readAll(incoming: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    incoming.on('error', reject);
  });
}
