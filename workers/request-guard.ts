import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FieldProblem } from '@/lib/api/errors';

/** How long a connection closed after an early answer may still take the rest of its body before it is cut. */
export const LINGER_MS = 2_000;

/**
 * Runs before a request reaches its handler (direct or Next's). Answers with a JSON 400, and
 * returns true for, a URL no page or route can take: a path that is not valid percent-encoding
 * (Next answers it with a plain-text 500), or a NUL character anywhere in it (the database cannot
 * store or compare one; console pages look items up by their path). For every other request it
 * keeps the connection from hanging when the answer comes before the body was read (a 413): the
 * unread rest would block the next request on that keep-alive connection for ever, so the
 * connection is closed once the answer is out, and the client opens a new one.
 */
export function guardRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const socket = request.socket;
  response.once('finish', () => {
    if (request.complete || socket.destroyed) return;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
  const problem = urlProblem(request.url ?? '/');
  if (!problem) return false;
  const body = JSON.stringify({ error: { code: 'invalid_request', message: `${problem.field}: ${problem.message}`, fields: [problem] } });
  response.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
  return true;
}

const NUL = '\u0000';

function urlProblem(url: string): FieldProblem | null {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(path);
  } catch {
    return { field: '(path)', message: 'must be valid percent-encoded UTF-8' };
  }
  if (decodedPath.includes(NUL)) return { field: '(path)', message: 'must not contain NUL characters (%00)' };
  if (queryStart === -1) return null;
  for (const [name, value] of new URLSearchParams(url.slice(queryStart + 1))) {
    if (name.includes(NUL) || value.includes(NUL)) return { field: name, message: 'must not contain NUL characters (%00)' };
  }
  return null;
}
