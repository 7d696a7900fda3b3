/** A small key/value store with expiry: in process by default, Redis when configured. */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Round-trip time in milliseconds; throws when the store cannot answer. */
  ping(): Promise<number>;
  close(): Promise<void>;
}
