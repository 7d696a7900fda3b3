import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('defaults to embedded PGlite and the in-process cache, seeding the demo world', () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './.data' });
    expect(config.redis).toBeNull();
    expect(config.seedDemo).toBe(true);
    expect(config.server).toEqual({ port: 3000, hostname: '0.0.0.0', webProcesses: 1 });
  });

  it('selects PostgreSQL and Redis from their URLs, and then does not seed by default', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://u@db:5432/tailor', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://u@db:5432/tailor' });
    expect(config.redis).toMatchObject({ url: 'redis://cache:6379', prefix: 'tailor:' });
    expect(config.seedDemo).toBe(false);
  });

  it('takes a read replica beside a PostgreSQL primary only', () => {
    const primary = { DATABASE_URL: 'postgres://u@db:5432/tailor' };
    expect(parseConfig(primary).readReplica).toBeNull();
    expect(parseConfig({ ...primary, DATABASE_READ_URL: 'postgres://u@replica:5432/tailor' }).readReplica).toEqual({ url: 'postgres://u@replica:5432/tailor', poolSize: 4 });
    expect(() => parseConfig({ DATABASE_READ_URL: 'postgres://u@replica:5432/tailor' })).toThrow(/DATABASE_READ_URL: a read replica needs DATABASE_URL/);
    expect(() => parseConfig({ ...primary, DATABASE_READ_URL: 'mysql://replica' })).toThrow(/DATABASE_READ_URL: must be a postgres/);
  });

  it('takes a Redis Cluster as a list of nodes, and refuses a malformed one or a prefix with braces', () => {
    const cluster = 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001';
    expect(parseConfig({ REDIS_URL: cluster }).redis).toEqual({ url: cluster, prefix: 'tailor:' });
    expect(() => parseConfig({ REDIS_URL: 'redis+cluster://h1:7000,h2:port' })).toThrow(/REDIS_URL: cluster node "h2:port" is not host:port/);
    expect(() => parseConfig({ REDIS_URL: 'memcached://h1' })).toThrow(/REDIS_URL: must be a redis:\/\/, rediss:\/\/, redis\+cluster:\/\//);
    expect(() => parseConfig({ REDIS_URL: cluster, TAILOR_REDIS_PREFIX: '{tailor}:' })).toThrow(/TAILOR_REDIS_PREFIX: must not contain/);
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.kind).toBe('pglite');
  });

  it('names every bad variable', () => {
    const attempt = () => parseConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', TAILOR_SEED_DEMO: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres/);
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).toThrow(/TAILOR_SEED_DEMO:/);
  });

  it('runs one web process per core with PostgreSQL and Redis, one otherwise', () => {
    const services = { DATABASE_URL: 'postgres://u@db:5432/tailor', REDIS_URL: 'redis://cache:6379' };
    expect(parseConfig(services).server.webProcesses).toBe(availableParallelism());
    expect(parseConfig({ ...services, TAILOR_WEB_CONCURRENCY: '3' }).server.webProcesses).toBe(3);
    expect(parseConfig({ DATABASE_URL: services.DATABASE_URL }).server.webProcesses).toBe(1);
    expect(parseConfig({ TAILOR_WEB_CONCURRENCY: '1' }).server.webProcesses).toBe(1);
  });

  it('refuses several web processes without the services they share state through', () => {
    expect(() => parseConfig({ TAILOR_WEB_CONCURRENCY: '2' })).toThrow(/TAILOR_WEB_CONCURRENCY: several web processes need/);
    expect(() => parseConfig({ DATABASE_URL: 'postgres://u@db:5432/tailor', TAILOR_WEB_CONCURRENCY: '2' })).toThrow(ConfigError);
    expect(() => parseConfig({ TAILOR_WEB_CONCURRENCY: '0' })).toThrow(/TAILOR_WEB_CONCURRENCY:/);
  });

  it('gives a stopping process 25 s to drain by default, and refuses a bound that is not a positive number', () => {
    expect(parseConfig({}).shutdownSeconds).toBe(25);
    expect(parseConfig({ TAILOR_SHUTDOWN_SECONDS: '8.5' }).shutdownSeconds).toBe(8.5);
    expect(() => parseConfig({ TAILOR_SHUTDOWN_SECONDS: '0' })).toThrow(/TAILOR_SHUTDOWN_SECONDS:/);
    expect(() => parseConfig({ TAILOR_SHUTDOWN_SECONDS: 'soon' })).toThrow(/TAILOR_SHUTDOWN_SECONDS:/);
  });

  it('logs pretty lines to a terminal and JSON lines otherwise, unless TAILOR_LOG_FORMAT says which', () => {
    expect(parseConfig({}).logFormat).toBe('json');
    expect(parseConfig({}, { stdoutIsTerminal: true }).logFormat).toBe('pretty');
    expect(parseConfig({ TAILOR_LOG_FORMAT: 'json' }, { stdoutIsTerminal: true }).logFormat).toBe('json');
    expect(parseConfig({ TAILOR_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => parseConfig({ TAILOR_LOG_FORMAT: 'xml' })).toThrow(/TAILOR_LOG_FORMAT:/);
  });

  it('serves the worker probes on port 9464 by default; 0 turns them off', () => {
    expect(parseConfig({}).workerPort).toBe(9464);
    expect(parseConfig({ TAILOR_WORKER_PORT: '9100' }).workerPort).toBe(9100);
    expect(parseConfig({ TAILOR_WORKER_PORT: '0' }).workerPort).toBeNull();
    expect(() => parseConfig({ TAILOR_WORKER_PORT: '70000' })).toThrow(/TAILOR_WORKER_PORT:/);
  });
});
