import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { createRedisClient, createSingleNodeClient, type RedisClient } from '@/lib/cache/redis';
import { getConfig } from '@/lib/config';
import { log } from './log';
import { processSingleton, takeProcessSingleton } from './singleton';

/**
 * What other processes keep a copy of in memory. A write publishes its topic; every process
 * that holds that copy re-reads it at once instead of at its next poll.
 */
export const CHANGE_TOPICS = ['model', 'catalog', 'curation', 'serving-settings', 'event-weights', 'experiments', 'api-keys', 'users', 'user-deletions', 'user-behaviour-forgotten'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
/** Topics naming a user whose behaviour every process must forget: deleted, or lowered to minimal sharing. */
export const FORGETTING_TOPICS: readonly ChangeTopic[] = ['user-deletions', 'user-behaviour-forgotten'];

/**
 * `subject` names what changed when the writer told (say, the user deleted); a handler called
 * without it must assume anything changed, as after a lost connection.
 */
type Handler = (subject?: string) => void;

const messageSchema = z.object({ topic: z.enum(CHANGE_TOPICS), origin: z.string(), subject: z.string().optional() });

export interface ChangeBusOptions {
  /** Without Redis, changes stay in this process: the embedded default is one process. */
  redis: { url: string; prefix: string } | null;
}

/**
 * Changes, told to this process at once and, with Redis, to every other process through one
 * pub/sub channel. Delivery is best effort: a process that misses a message still catches up at
 * its next poll, so every reader keeps polling as the fallback.
 */
export class ChangeBus {
  private readonly handlers = new Map<ChangeTopic, Set<Handler>>();
  /** Tells this process's own messages apart: they were delivered locally already. */
  private readonly origin = randomUUID();
  private readonly channel: string | null;
  private publisher: RedisClient | null = null;
  private subscriber: Redis | null = null;
  private subscribed: Promise<void> = Promise.resolve();
  /** Publications not yet acknowledged: a process that closes right after a write still announces it. */
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly options: ChangeBusOptions) {
    this.channel = options.redis ? `${options.redis.prefix}changes` : null;
  }

  /** Tells every process that `topic` changed; handlers in this process run before it returns. */
  publish(topic: ChangeTopic, subject?: string): void {
    this.deliver(topic, subject);
    if (!this.options.redis || !this.channel) return;
    this.publisher ??= createRedisClient(this.options.redis.url, '');
    const sent = this.publisher.publish(this.channel, JSON.stringify({ topic, origin: this.origin, subject })).then(
      () => undefined,
      (error: unknown) => log.warn(`could not publish the ${topic} change; other processes notice it at their next poll`, (error as Error).message),
    );
    this.sending.add(sent);
    void sent.finally(() => this.sending.delete(sent));
  }

  /** Runs `handler` whenever `topic` changes, here or in another process; returns the unsubscribe. */
  on(topic: ChangeTopic, handler: Handler): () => void {
    this.subscribe();
    const handlers = this.handlers.get(topic) ?? new Set<Handler>();
    handlers.add(handler);
    this.handlers.set(topic, handlers);
    return () => handlers.delete(handler);
  }

  /** Resolves once the subscription is live (at once without Redis): for start-up and tests. */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.all(this.sending);
    const clients = [this.publisher, this.subscriber].filter((client): client is RedisClient => client !== null);
    this.publisher = null;
    this.subscriber = null;
    await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
  }

  private subscribe(): void {
    if (this.subscriber || !this.options.redis || !this.channel) return;
    // A connection in subscriber mode can run no other command: this one only listens. In a cluster
    // it is a plain connection to one node, which hears every PUBLISH, and can be unreferenced below.
    const subscriber = createSingleNodeClient(this.options.redis.url);
    this.subscriber = subscriber;
    let connectedBefore = false;
    // Listening alone must not keep a process alive: a command-line tool that read serving state
    // exits when its work is done; a server is kept alive by its listening socket.
    subscriber.on('connect', () => subscriber.stream.unref());
    subscriber.on('ready', () => {
      // ioredis subscribes again by itself; what was published while the connection was down is
      // unknown, so every copy is re-read.
      if (connectedBefore) for (const topic of this.handlers.keys()) this.deliver(topic);
      connectedBefore = true;
    });
    subscriber.on('error', (error: Error) => log.debug('change subscriber connection', error.message));
    subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    this.subscribed = subscriber.subscribe(this.channel).then(
      () => undefined,
      (error: unknown) => log.warn('could not subscribe to changes; polling only until the connection returns', (error as Error).message),
    );
  }

  private receive(raw: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    const message = messageSchema.safeParse(parsed);
    if (message.success && message.data.origin !== this.origin) this.deliver(message.data.topic, message.data.subject);
  }

  private deliver(topic: ChangeTopic, subject?: string): void {
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        handler(subject);
      } catch (error) {
        log.warn(`a handler of the ${topic} change failed`, error);
      }
    }
  }
}

function changeBus(): ChangeBus {
  return processSingleton('change-bus', () => new ChangeBus({ redis: getConfig().redis }));
}

/** After a write: every process, this one first, re-reads its copy of `topic`. */
export function publishChange(topic: ChangeTopic, subject?: string): void {
  changeBus().publish(topic, subject);
}

/** Runs `handler` whenever `topic` changes in any process; returns the unsubscribe. */
export function onChange(topic: ChangeTopic, handler: Handler): () => void {
  return changeBus().on(topic, handler);
}

export async function closeChanges(): Promise<void> {
  await takeProcessSingleton<ChangeBus>('change-bus')?.close();
}
