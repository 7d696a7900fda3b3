import type { Cache } from './types';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Bounded, least-recently-used eviction: a busy process must not grow without limit. */
export class MemoryCache implements Cache {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    // Re-inserting moves the key to the young end of the map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: ttlSeconds === undefined ? Infinity : this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async deletePrefixes(prefixes: readonly string[]): Promise<void> {
    for (const key of this.entries.keys()) if (prefixes.some((prefix) => key.startsWith(prefix))) this.entries.delete(key);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const entry = this.entries.get(key);
    const live = entry && entry.expiresAt > this.now() ? entry : undefined;
    const count = Number(live?.value ?? 0) + 1;
    this.entries.delete(key);
    this.entries.set(key, { value: String(count), expiresAt: live?.expiresAt ?? this.now() + ttlSeconds * 1000 });
    return count;
  }

  async ping(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
