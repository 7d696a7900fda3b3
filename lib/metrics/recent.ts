/**
 * Bounded in-memory memories for metrics that need to join two moments: what was served, and
 * what happened to it later. Both rely on a Map's insertion order to forget the oldest first in
 * O(1), so neither needs a timer.
 */

/** A map that forgets its oldest entries past `capacity`. */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  set(key: K, value: V): void {
    // Re-inserting moves the key to the newest end.
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The distinct keys seen within a sliding window: coverage of "the last hour", without the
 * sawtooth a set emptied every hour would draw. Past `capacity` keys the least recently seen are
 * forgotten early, so a catalogue larger than the capacity undercounts rather than grows memory.
 */
export class RecentKeys<K> {
  private readonly lastSeen = new Map<K, number>();

  constructor(
    readonly windowMs: number,
    readonly capacity: number,
  ) {}

  add(key: K, now: number): void {
    this.lastSeen.delete(key);
    this.lastSeen.set(key, now);
    if (this.lastSeen.size > this.capacity) {
      const oldest = this.lastSeen.keys().next();
      if (!oldest.done) this.lastSeen.delete(oldest.value);
    }
  }

  /** Distinct keys seen in the last `windowMs` before `now`. */
  count(now: number): number {
    this.expire(now);
    return this.lastSeen.size;
  }

  /** Entries are in order of last sighting, so expiry stops at the first one still inside the window. */
  expire(now: number): void {
    const cutoff = now - this.windowMs;
    for (const [key, seen] of this.lastSeen) {
      if (seen > cutoff) break;
      this.lastSeen.delete(key);
    }
  }
}
