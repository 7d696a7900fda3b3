import { getConfig } from '@/lib/config';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

function enabled(level: Level): boolean {
  const threshold = getConfig().logLevel;
  return threshold !== 'silent' && LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

function write(level: Level, message: string, detail?: unknown): void {
  if (!enabled(level)) return;
  const line = `${new Date().toISOString()} ${level.padEnd(5)} ${message}`;
  const stream = level === 'error' || level === 'warn' ? console.error : console.log;
  if (detail === undefined) stream(line);
  else stream(line, detail);
}

export const log = {
  debug: (message: string, detail?: unknown) => write('debug', message, detail),
  info: (message: string, detail?: unknown) => write('info', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  error: (message: string, detail?: unknown) => write('error', message, detail),
};
