import { describe, expect, it } from 'vitest';
import { parseRedisUrl, singleNodeUrl } from './redis-url';

describe('parseRedisUrl', () => {
  it('passes a single server URL through', () => {
    expect(parseRedisUrl('rediss://:secret@cache:6380/2')).toEqual({ kind: 'single', url: 'rediss://:secret@cache:6380/2' });
  });

  it('reads a cluster URL into its nodes, credentials and TLS', () => {
    expect(parseRedisUrl('redis+cluster://h1:7000,h2:7001,[::1]:7002,h4')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'h1', port: 7000 },
        { host: 'h2', port: 7001 },
        { host: '::1', port: 7002 },
        { host: 'h4', port: 6379 },
      ],
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://app:p%40ss@h1:7000')).toEqual({ kind: 'cluster', nodes: [{ host: 'h1', port: 7000 }], username: 'app', password: 'p@ss', tls: true });
    expect(parseRedisUrl('redis+cluster://:secret@h1:7000')).toMatchObject({ password: 'secret' });
  });

  it("names one server to listen on: the URL itself, or a cluster's first node", () => {
    expect(singleNodeUrl('redis://cache:6379/1')).toBe('redis://cache:6379/1');
    expect(singleNodeUrl('rediss+cluster://app:p%40ss@[::1]:7000,h2:7001')).toBe('rediss://app:p%40ss@[::1]:7000');
    expect(singleNodeUrl('redis+cluster://h1:7000')).toBe('redis://h1:7000');
  });

  it('refuses what is not one', () => {
    expect(() => parseRedisUrl('redis+cluster://')).toThrow(/must be a redis/);
    expect(() => parseRedisUrl('redis+cluster://h1:7000,,h2:7001')).toThrow(/cluster node "" is not host:port/);
    expect(() => parseRedisUrl('redis+cluster://h1:99999')).toThrow(/cluster node "h1:99999"/);
    expect(() => parseRedisUrl('http://h1')).toThrow(/must be a redis/);
  });
});
