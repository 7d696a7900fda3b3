import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createSingleNodeClient } from '@/lib/cache/redis';
import { getConfig } from '@/lib/config';
import { within } from '@/lib/testing/within';
import { ChangeBus, type ChangeTopic } from './changes';

const buses: ChangeBus[] = [];

function bus(): ChangeBus {
  const created = new ChangeBus({ redis: getConfig().redis });
  buses.push(created);
  return created;
}

/** Resolves with the time `topic` reaches `target` (performance.now()). */
function arrival(target: ChangeBus, topic: ChangeTopic): Promise<number> {
  return new Promise((resolve) => {
    const stop = target.on(topic, () => {
      stop();
      resolve(performance.now());
    });
  });
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((created) => created.close()));
});

describe('change bus', () => {
  it('runs this process’s handlers before publish returns, once each', () => {
    const local = bus();
    const seen: string[] = [];
    local.on('catalog', () => seen.push('catalog'));
    local.on('curation', () => seen.push('curation'));
    local.publish('catalog');
    expect(seen).toEqual(['catalog']);
  });

  it('stops calling a handler after it unsubscribes', () => {
    const local = bus();
    let calls = 0;
    const stop = local.on('model', () => (calls += 1));
    local.publish('model');
    stop();
    local.publish('model');
    expect(calls).toBe(1);
  });
});

describe.runIf(getConfig().redis)('change bus across processes (Redis)', () => {
  it('reaches another process within 100 ms, and the publisher’s own handlers once', async () => {
    const publisher = bus();
    const first = bus();
    const second = bus();
    let ownCalls = 0;
    publisher.on('catalog', () => (ownCalls += 1));
    const arrivals = [arrival(first, 'catalog'), arrival(second, 'catalog')];
    await Promise.all([publisher.ready(), first.ready(), second.ready()]);
    const publishedAt = performance.now();
    publisher.publish('catalog');
    for (const arrivedAt of await within(1_000, Promise.all(arrivals))) expect(arrivedAt - publishedAt).toBeLessThan(100);
    // Its own message comes back over Redis too; it was handled locally already.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ownCalls).toBe(1);
  });

  it('carries what changed (the user forgotten) to the other processes', async () => {
    const publisher = bus();
    const listener = bus();
    const heard = new Promise<string | undefined>((resolve) => listener.on('user-deletions', resolve));
    await Promise.all([publisher.ready(), listener.ready()]);
    publisher.publish('user-deletions', 'user-42');
    expect(await within(1_000, heard)).toBe('user-42');
  });

  it('delivers a change published just before the publisher closes, as a CLI training run does', async () => {
    const publisher = bus();
    const listener = bus();
    const arrived = arrival(listener, 'model');
    await listener.ready();
    publisher.publish('model');
    await publisher.close();
    await within(1_000, arrived);
  });

  it('keeps instances with another key prefix apart', async () => {
    const { url, prefix } = getConfig().redis!;
    const other = new ChangeBus({ redis: { url, prefix: `${prefix}other:` } });
    buses.push(other);
    const listener = bus();
    let heard = 0;
    listener.on('curation', () => (heard += 1));
    await Promise.all([other.ready(), listener.ready()]);
    other.publish('curation');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toBe(0);
  });

  it('subscribes again after Redis drops the connection, and re-reads what it may have missed', async () => {
    const publisher = bus();
    const listener = bus();
    const missed = arrival(listener, 'experiments');
    await Promise.all([publisher.ready(), listener.ready()]);
    // What a Redis restart does to the subscriber: the server closes its connection.
    const subscriber = (listener as unknown as { subscriber: Redis }).subscriber;
    const admin = createSingleNodeClient(getConfig().redis!.url);
    try {
      const address = `${subscriber.stream.localAddress}:${subscriber.stream.localPort}`;
      expect(await admin.call('CLIENT', 'KILL', 'ADDR', address, 'SKIPME', 'yes')).toBe(1);
      await within(5_000, missed);
      const next = arrival(listener, 'experiments');
      publisher.publish('experiments');
      await within(1_000, next);
    } finally {
      admin.disconnect();
    }
  });
});
