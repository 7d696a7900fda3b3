import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '@/lib/api/body';
import type { ApiError } from '@/lib/api/errors';
import { guardRequest, LINGER_MS } from './request-guard';

const BODY_LIMIT = 16 * 1024;
let server: Server;
let port = 0;
let handled = 0;

/**
 * Hands the request on the way Next's route adapter does (the IncomingMessage as the body of a
 * web Request), and reads it with the routes' own reader, which stops at the limit with a 413.
 */
async function likeNext(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  handled++;
  const request = new Request(`http://localhost${incoming.url}`, {
    method: incoming.method,
    headers: incoming.headers as Record<string, string>,
    ...(incoming.method === 'POST' && { body: incoming as unknown as ReadableStream, duplex: 'half' }),
  } as RequestInit);
  let status = 200;
  let body: unknown = { ok: true };
  if (incoming.method === 'POST') {
    try {
      await readBody(request, { maxBytes: BODY_LIMIT });
    } catch (error) {
      const apiError = error as ApiError;
      status = apiError.status;
      body = { error: { code: apiError.code, message: apiError.message } };
    }
  }
  outgoing.writeHead(status, { 'content-type': 'application/json' });
  outgoing.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    if (!guardRequest(request, response)) void likeNext(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A raw keep-alive connection: what it received so far, and whether the server ended or closed it. */
function rawConnection(): { socket: Socket; received: () => string; ended: () => boolean; closed: () => boolean } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let ended = false;
  let closed = false;
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('end', () => (ended = true));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  return { socket, received: () => text, ended: () => ended, closed: () => closed };
}

async function until(check: () => boolean, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Writes `bytes` of body as 16 KiB chunks, waiting for the socket to drain. */
async function sendChunked(socket: Socket, bytes: number, finish: boolean): Promise<void> {
  const chunk = Buffer.alloc(16 * 1024, 'a');
  for (let sent = 0; sent < bytes && !socket.destroyed; sent += chunk.length) {
    if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
  }
  if (finish && !socket.destroyed) socket.write('0\r\n\r\n');
}

const countOf = (text: string, pattern: string) => text.split(pattern).length - 1;

describe('the request guard', () => {
  it('closes a keep-alive connection after a 413 for an oversize chunked body, instead of leaving the next request waiting', async () => {
    const connection = rawConnection();
    connection.socket.write('POST /api/v1/admin/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    await sendChunked(connection.socket, 1024 * 1024, true);
    expect(await until(() => connection.received().includes('HTTP/1.1 413'))).toBe(true);
    expect(connection.received()).toContain('"code":"payload_too_large"');
    expect(await until(() => connection.ended())).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
  });

  it('cuts a connection whose client goes on sending the refused body', async () => {
    const connection = rawConnection();
    connection.socket.write('POST /api/v1/admin/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    void sendChunked(connection.socket, 64 * 1024 * 1024, false);
    expect(await until(() => connection.closed(), LINGER_MS + 3_000)).toBe(true);
    expect(connection.received()).toContain('HTTP/1.1 413');
  });

  it('keeps a connection whose body was read whole open for the next request', async () => {
    const connection = rawConnection();
    connection.socket.write('POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    expect(await until(() => connection.received().includes('HTTP/1.1 200'))).toBe(true);
    connection.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await until(() => countOf(connection.received(), 'HTTP/1.1 200') === 2)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connection.ended()).toBe(false);
    connection.socket.destroy();
  });

  it.each([
    ['/api/v1/items/a%FFb', '(path)', 'must be valid percent-encoded UTF-8'],
    ['/api/v1/users/%E0%A4%A', '(path)', 'must be valid percent-encoded UTF-8'],
    ['/api/v1/experiments/%?x=1', '(path)', 'must be valid percent-encoded UTF-8'],
    ['/api/v1/items/it%ED%A0%80em', '(path)', 'must be valid percent-encoded UTF-8'],
    ['/catalog/a%00b', '(path)', 'must not contain NUL characters (%00)'],
    ['/api/v1/users?limit=5&q=a%00b', 'q', 'must not contain NUL characters (%00)'],
  ])('refuses %s with a JSON 400 naming the problem, before any handler', async (path, field, message) => {
    const before = handled;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_request', message: `${field}: ${message}`, fields: [{ field, message }] } });
    expect(handled).toBe(before);
  });

  it('lets well-formed URLs through: a malformed query decodes leniently, and %2500 is the text "%00"', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/items/a%20b?q=%FF`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/items/a%2500b?q=%2500`)).status).toBe(200);
  });
});
