import { Server as NetServer } from 'node:net';
import type { Server, ServerResponse } from 'node:http';

/**
 * After shutdown begins, an idle kept-alive connection stays open this long: a request its
 * client had already sent is answered (with `Connection: close`) instead of meeting a reset.
 */
const KEEP_ALIVE_GRACE_MS = 1_000;
/** After the grace, connections that fall idle are closed this often. */
const IDLE_SWEEP_MS = 100;

/**
 * Prepares `server` to shut down without dropping a request, and returns the function that does
 * it: stop accepting connections, answer every request already on one (each answer from then on
 * says `Connection: close`), and resolve once every connection has ended.
 */
export function gracefulClose(server: Server): () => Promise<void> {
  let closing = false;
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_request, response: ServerResponse) => {
    if (closing) {
      response.setHeader('connection', 'close');
      return;
    }
    unanswered.add(response);
    response.once('close', () => unanswered.delete(response));
  });

  return () =>
    new Promise((resolve) => {
      closing = true;
      for (const response of unanswered) if (!response.headersSent) response.setHeader('connection', 'close');
      let sweep: NodeJS.Timeout | undefined;
      const grace = setTimeout(() => {
        server.closeIdleConnections();
        sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      }, KEEP_ALIVE_GRACE_MS);
      // net's close only stops listening; http's would also drop idle kept-alive connections at
      // once, racing requests already on their way over them.
      NetServer.prototype.close.call(server, () => {
        clearTimeout(grace);
        clearInterval(sweep);
        resolve();
      });
    });
}
