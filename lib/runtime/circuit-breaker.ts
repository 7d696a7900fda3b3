import { log } from './log';
import { processSingleton } from './singleton';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitHealth {
  state: CircuitState;
  lastError: string | null;
}

export interface CircuitBreakerOptions {
  /** What the circuit protects, for its log lines: "feature store", "response cache". */
  name: string;
  /** What serving does meanwhile, logged when the circuit opens. */
  whileOpen: string;
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
}

/** The answer of a guarded call: `ok: false` when the open circuit refused it without trying. */
export type Guarded<T> = { ok: true; value: T } | { ok: false };

/** The process's circuit breakers by name, for the metrics: the latest one made under a name replaces an earlier one. */
export function circuitBreakers(): Map<string, CircuitBreaker> {
  return processSingleton('circuit-breakers', () => new Map<string, CircuitBreaker>());
}

/**
 * Consecutive failures open the circuit: calls then return at once instead of each waiting out a
 * timeout against a store that is down. After the cooldown one trial call decides whether to close.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  lastError: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
    circuitBreakers().set(options.name, this);
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.trialInFlight || this.cooledDown() ? 'half-open' : 'open';
  }

  health(): CircuitHealth {
    return { state: this.state, lastError: this.lastError };
  }

  /** Whether a call may reach the store now; while half-open only the one trial does. */
  admit(): boolean {
    if (this.openedAt === null) return true;
    if (this.trialInFlight || !this.cooledDown()) return false;
    this.trialInFlight = true;
    return true;
  }

  succeed(): void {
    if (this.openedAt !== null) log.info(`${this.options.name} circuit closed: the store answers again`);
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
    this.lastError = null;
  }

  fail(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failures += 1;
    const wasOpen = this.openedAt !== null;
    if (wasOpen || this.failures >= this.options.failureThreshold) {
      if (!wasOpen) log.warn(`${this.options.name} circuit open after ${this.failures} failures; ${this.options.whileOpen}`, this.lastError);
      this.openedAt = this.now();
    }
    this.trialInFlight = false;
  }

  /** Runs `attempt` if the circuit admits it and records the outcome; a failure is recorded, then rethrown. */
  async guard<T>(attempt: () => Promise<T>): Promise<Guarded<T>> {
    if (!this.admit()) return { ok: false };
    try {
      const value = await attempt();
      this.succeed();
      return { ok: true, value };
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  private cooledDown(): boolean {
    return this.openedAt !== null && this.now() - this.openedAt >= this.options.cooldownMs;
  }
}

/** Rejects with `timeoutError()` when `attempt` has not settled within `ms`. */
export function withTimeout<T>(ms: number, attempt: () => Promise<T>, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Timers run before I/O callbacks in each turn of the event loop: on a busy loop an answer
    // already waiting in the socket would lose to the timer. setImmediate runs after the I/O
    // phase, so a timeout only fires when the answer has truly not arrived.
    const timer = setTimeout(() => setImmediate(() => reject(timeoutError())), ms);
    // A late answer after the timeout settles nothing, and a late failure is not left unhandled.
    Promise.resolve()
      .then(attempt)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

/**
 * Long enough that a busy process's own event-loop lag does not pass for a slow store (under load
 * an answer already received waits its turn, and at 5 ms the circuit opened on a healthy Redis);
 * short enough that a store that hangs costs a few requests 25 ms before the circuit opens.
 */
export const READ_TIMEOUT_MS = 25;
