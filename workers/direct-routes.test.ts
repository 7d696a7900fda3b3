import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirect } from './direct-routes';
import { guardRequest } from './request-guard';

let server: Server;
let port = 0;
let handled = 0;
const unhandled: unknown[] = [];
const noteUnhandled = (reason: unknown) => unhandled.push(reason);

/** Stands in for a route handler: it reads the body it was given and says how long it was. */
async function echoLength(request: Request): Promise<Response> {
  handled++;
  return Response.json({ bytes: (await request.arrayBuffer()).byteLength });
}

beforeAll(async () => {
  process.on('unhandledRejection', noteUnhandled);
  server = createServer((request, response) => {
    if (!guardRequest(request, response)) void serveDirect(echoLength, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  process.off('unhandledRejection', noteUnhandled);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends raw HTTP and collects the answer until the server closes the connection (or `closeAfterMs`). */
function exchange(text: string, { closeAfterMs = 3_000 } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
    socket.write(text);
    setTimeout(() => socket.destroy(), closeAfterMs);
  });
}

describe('direct routes', () => {
  it('survive a client that goes away in the middle of its body', async () => {
    await exchange('POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":', { closeAfterMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
    expect(await (await fetch(`http://127.0.0.1:${port}/api/v1/events`, { method: 'POST', body: '{}' })).json()).toEqual({ bytes: 2 });
  });

  it('refuse a body over 8 MiB with a JSON 413 before buffering it, and close the connection', async () => {
    const before = handled;
    const head = 'POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = `${(1024 * 1024).toString(16)}\r\n${'a'.repeat(1024 * 1024)}\r\n`;
    const answer = await exchange(head + chunk.repeat(9) + '0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('"code":"payload_too_large"');
    expect(handled).toBe(before);
  });

  it('answer a Host header no URL can hold with a JSON 400', async () => {
    const answer = await exchange('GET /api/v1/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"invalid_request"');
    expect(unhandled).toEqual([]);
  });
});
