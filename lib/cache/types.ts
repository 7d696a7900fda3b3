/** A small key/value store with expiry: in process by default, Redis when configured. */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Deletes every key that starts with one of `prefixes`: one walk over the keys, for rare deletions, not requests. */
  deletePrefixes(prefixes: readonly string[]): Promise<void>;
  /** Adds one to a counter that expires `ttlSeconds` after its first increment; returns the new count. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** Round-trip time in milliseconds; throws when the store cannot answer. */
  ping(): Promise<number>;
  close(): Promise<void>;
}
