import { processSingleton } from './singleton';

/**
 * Whether this process is shutting down. One flag per process, shared by the server's own
 * modules and Next's route bundles, so the health route reports what the server is doing.
 */
function state(): { stopping: boolean } {
  return processSingleton('shutdown', () => ({ stopping: false }));
}

export function beginShutdown(): void {
  state().stopping = true;
}

export function isShuttingDown(): boolean {
  return state().stopping;
}
