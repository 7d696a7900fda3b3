import { ConfigError } from '@/lib/config';
import { log } from '@/lib/runtime/log';

/** Runs a process's main function; a bad configuration prints its message alone, anything else in full. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}

/**
 * Calls `stop` once on SIGTERM or SIGINT, then exits 0. A stop that fails, or that is still
 * running after `boundMs` (`TAILOR_SHUTDOWN_SECONDS`), exits 1 with a log line: the process
 * ends within the bound, before the orchestrator's SIGKILL, and says what it left unfinished.
 */
export function onShutdown(stop: (signal: NodeJS.Signals) => Promise<void>, boundMs: number): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const startedAt = Date.now();
    setTimeout(() => {
      log.error(`shutdown did not finish within ${boundMs / 1000} s (TAILOR_SHUTDOWN_SECONDS): exiting with work unfinished`);
      process.exit(1);
    }, boundMs);
    stop(signal).then(
      () => {
        log.info(`stopped cleanly in ${Date.now() - startedAt} ms`);
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => handle('SIGTERM'));
  process.on('SIGINT', () => handle('SIGINT'));
}
