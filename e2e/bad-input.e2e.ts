import { connect } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { rawFetch } from './session';

const baseUrl = inject('baseUrl');
const adminKey = inject('adminKey');

/** Bad input that reaches the HTTP server itself, before any route: never a 5xx, never a hang. */
describe('bad input at the HTTP level', () => {
  it.each(['/api/v1/items/a%FFb', '/api/v1/users/a%FFb', '/api/v1/experiments/a%FFb', '/api/v1/items/a%00b', '/feed/item/a%00b', '/api/v1/users?q=a%00b'])('answers %s with a JSON 400', async (path) => {
    const response = await rawFetch(baseUrl, path, { bearer: adminKey });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('does not leave a keep-alive connection hanging after a 413 for an oversize chunked body', async () => {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect(Number(port), hostname);
    let received = '';
    let ended = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('end', () => (ended = true));
    socket.on('error', () => undefined);
    socket.write(`POST /api/v1/admin/users HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${adminKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = 'a'.repeat(16 * 1024);
    for (let sent = 0; sent < 1024 * 1024 && !socket.destroyed; sent += chunk.length) {
      if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
    }
    socket.write('0\r\n\r\n');
    await expect.poll(() => received, { timeout: 5_000 }).toContain('HTTP/1.1 413');
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    // Either the next request is answered on this connection, or the server closed it: it must not wait.
    await expect.poll(() => ended || received.split('HTTP/1.1 ').length - 1 === 2, { timeout: 5_000 }).toBe(true);
    socket.destroy();
    expect((await rawFetch(baseUrl, '/api/v1/health')).status).toBe(200);
  });
});
