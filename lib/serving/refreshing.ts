import { onChange, type ChangeTopic } from '@/lib/runtime/changes';

/**
 * A value re-read from its source when older than `maxAgeMs`, on demand rather than on a timer:
 * idle processes poll nothing, and concurrent readers share one refresh. A failed refresh keeps
 * serving the last good value (the failure is reported to `onError`); only a first load that
 * fails throws.
 */
export interface RefreshingOptions {
  maxAgeMs: number;
  /**
   * Answer with the old value while a periodic refresh runs: requests never wait for the database.
   * An invalidation (a write here, or its change message) still makes readers wait for the fresh read.
   */
  staleWhileRefreshing?: boolean;
  onError?: (error: unknown) => void;
  /** Writes publish this topic (in any process): the value is invalidated at once, not at its next poll. */
  invalidatedBy?: ChangeTopic;
}

export class Refreshing<T> {
  private value: { data: T } | null = null;
  private loadedAt = -Infinity;
  private pending: Promise<T> | null = null;
  private lastError: unknown = null;
  /** Bumped by `invalidate`: a load that began before it may have read the old source. */
  private generation = 0;
  /** Set by `invalidate` until a fresh read lands: the value is known to be out of date, so nobody is answered with it. */
  private invalidated = false;

  constructor(
    private readonly load: (previous: T | null) => Promise<T>,
    private readonly options: RefreshingOptions,
  ) {
    if (options.invalidatedBy) onChange(options.invalidatedBy, () => this.invalidate());
  }

  async get(): Promise<T> {
    if (this.value && performance.now() - this.loadedAt < this.options.maxAgeMs) return this.value.data;
    const refreshed = this.refresh();
    return this.value && this.options.staleWhileRefreshing && !this.invalidated ? this.value.data : refreshed;
  }

  /** The next `get` re-reads the source, not joining a read already under way: the source is known to have changed. */
  invalidate(): void {
    this.loadedAt = -Infinity;
    this.generation += 1;
    this.invalidated = true;
    this.pending = null;
  }

  /** The error of the latest refresh, or null once one succeeds again. */
  get error(): unknown {
    return this.lastError;
  }

  /** Re-reads now, whatever the age; resolves with the value after the refresh. */
  refresh(): Promise<T> {
    if (this.pending) return this.pending;
    const generation = this.generation;
    const current = () => generation === this.generation;
    const pending = this.load(this.value?.data ?? null)
      .then((data) => {
        if (current()) {
          this.value = { data };
          this.lastError = null;
          this.invalidated = false;
        }
        return data;
      })
      .catch((error: unknown) => {
        if (current()) this.lastError = error;
        this.options.onError?.(error);
        if (!this.value) throw error;
        return this.value.data;
      })
      .finally(() => {
        if (current()) this.loadedAt = performance.now();
        if (this.pending === pending) this.pending = null;
      });
    this.pending = pending;
    return pending;
  }
}
