/**
 * A value re-read from its source when older than `maxAgeMs`, on demand rather than on a timer:
 * idle processes poll nothing, and concurrent readers share one refresh. A failed refresh keeps
 * serving the last good value (the failure is reported to `onError`); only a first load that
 * fails throws.
 */
export interface RefreshingOptions {
  maxAgeMs: number;
  /** Answer with the old value while a refresh runs, for loads too slow to wait for (models). */
  staleWhileRefreshing?: boolean;
  onError?: (error: unknown) => void;
}

export class Refreshing<T> {
  private value: { data: T } | null = null;
  private loadedAt = 0;
  private pending: Promise<T> | null = null;
  private lastError: unknown = null;

  constructor(
    private readonly load: (previous: T | null) => Promise<T>,
    private readonly options: RefreshingOptions,
  ) {}

  async get(): Promise<T> {
    if (this.value && performance.now() - this.loadedAt < this.options.maxAgeMs) return this.value.data;
    const refreshed = this.refresh();
    return this.value && this.options.staleWhileRefreshing ? this.value.data : refreshed;
  }

  /** The next `get` re-reads the source: for changes this process made itself. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  /** The error of the latest refresh, or null once one succeeds again. */
  get error(): unknown {
    return this.lastError;
  }

  /** Re-reads now, whatever the age; resolves with the value after the refresh. */
  refresh(): Promise<T> {
    this.pending ??= this.load(this.value?.data ?? null)
      .then((data) => {
        this.value = { data };
        this.lastError = null;
        return data;
      })
      .catch((error: unknown) => {
        this.lastError = error;
        this.options.onError?.(error);
        if (!this.value) throw error;
        return this.value.data;
      })
      .finally(() => {
        this.loadedAt = performance.now();
        this.pending = null;
      });
    return this.pending;
  }
}
