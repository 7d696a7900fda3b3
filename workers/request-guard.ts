import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long a connection closed after an early answer may still take the rest of its body before it is cut. */
export const LINGER_MS = 2_000;

/**
 * Runs before a request reaches its handler (direct or Next's). Answers, and returns true for,
 * a path that is not valid percent-encoding, which Next would answer with a plain-text 500.
 * For every other request it keeps the connection from hanging when the answer comes before the
 * body was read (a 413): the unread rest would block the next request on that keep-alive
 * connection for ever, so the connection is closed once the answer is out, and the client opens
 * a new one.
 */
export function guardRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const socket = request.socket;
  response.once('finish', () => {
    if (request.complete || socket.destroyed) return;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
  if (!hasMalformedPath(request.url ?? '/')) return false;
  const body = JSON.stringify({ error: { code: 'invalid_request', message: 'the request path is not valid percent-encoding' } });
  response.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
  return true;
}

function hasMalformedPath(url: string): boolean {
  const queryStart = url.indexOf('?');
  try {
    decodeURIComponent(queryStart === -1 ? url : url.slice(0, queryStart));
    return false;
  } catch {
    return true;
  }
}
