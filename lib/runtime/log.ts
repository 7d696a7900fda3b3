import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { getConfig, type Config } from '@/lib/config';
import { processSingleton, takeProcessSingleton } from './singleton';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Fields a line carries besides its message: `runId`, `requestId`… (structured, so collectors can filter on them). */
export type LogFields = Record<string, unknown>;

export interface LogSettings {
  level: Config['logLevel'];
  format: Config['logFormat'];
}

/**
 * JSON lines go through pino's own destination, written asynchronously (a buffer flushed in the
 * background and on exit): a request never waits on stdout. Pretty output is formatted in this
 * thread, not in a pino transport: transports run in worker threads that Next's bundling breaks,
 * and pretty output is for a person at a terminal, not for load.
 */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options = { level: settings.level, timestamp: pino.stdTimeFunctions.isoTime };
  if (settings.format === 'pretty') {
    return pino(options, pretty({ sync: true, destination: destination ?? 1, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l', singleLine: true }));
  }
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** One logger per process: Next loads this module once per route bundle, and every copy must share a destination. */
function logger(): Logger {
  return processSingleton('logger', () => createLogger({ level: getConfig().logLevel, format: getConfig().logFormat }));
}

/**
 * The detail of a line: fields are kept as fields, an error under `err` (pino prints its message and
 * stack), anything else under `detail`.
 */
function fieldsOf(detail: unknown): LogFields | undefined {
  if (detail === undefined) return undefined;
  if (detail instanceof Error) return { err: detail };
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) return detail as LogFields;
  return { detail };
}

function write(level: Level, message: string, detail?: unknown): void {
  const target = logger();
  if (!target.isLevelEnabled(level)) return;
  const fields = fieldsOf(detail);
  if (fields) target[level](fields, message);
  else target[level](message);
}

export const log = {
  debug: (message: string, detail?: unknown) => write('debug', message, detail),
  info: (message: string, detail?: unknown) => write('info', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  error: (message: string, detail?: unknown) => write('error', message, detail),
  enabled: (level: Level) => logger().isLevelEnabled(level),
};

/** Tests read what is logged: from now on lines go to `destination` as JSON, at `level`. */
export function logToForTests(destination: DestinationStream, level: Config['logLevel'] = 'debug'): void {
  takeProcessSingleton('logger');
  processSingleton('logger', () => createLogger({ level, format: 'json' }, destination));
}
