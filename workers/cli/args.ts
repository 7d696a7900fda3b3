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
