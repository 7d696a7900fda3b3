import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

/** Bad command-line input: the command prints the message and its usage, and exits with 2. */
export class UsageError extends Error {
  constructor(
    reason: string,
    readonly usage: string,
  ) {
    super(reason);
    this.name = 'UsageError';
  }
}

export const USAGE_EXIT_CODE = 2;

export interface CommandLine<Schema extends z.ZodType> {
  argv: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  schema: Schema;
  usage: string;
}

/** Flags parsed strictly (no unknown flags, no positionals) and validated; `null` when help was asked for. */
export function parseCommandLine<Schema extends z.ZodType>({ argv, options, schema, usage }: CommandLine<Schema>): z.infer<Schema> | null {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
  if (values.help) return null;
  const result = schema.safeParse(values);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'), usage);
  }
  return result.data;
}

/**
 * The command's flags, read from `process.argv` before the command does anything: `--help`
 * prints the usage and exits 0; bad flags print the problem and the usage and exit 2.
 */
export function commandLineOrExit<Schema extends z.ZodType>(commandLine: Omit<CommandLine<Schema>, 'argv'>): z.infer<Schema> {
  try {
    const args = parseCommandLine({ ...commandLine, argv: process.argv.slice(2) });
    if (args !== null) return args;
    console.log(commandLine.usage);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${error.usage}`);
    process.exit(USAGE_EXIT_CODE);
  }
}
