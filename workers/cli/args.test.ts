import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCommandLine, UsageError } from './args';

const commandLine = (argv: string[]) =>
  parseCommandLine({
    argv,
    options: { format: { type: 'string' }, limit: { type: 'string' } },
    schema: z.object({ format: z.string({ error: 'is required' }).pipe(z.enum(['a', 'b'])), limit: z.coerce.number().int().default(5) }),
    usage: 'Usage: tool --format <a|b>',
  });

describe('parseCommandLine', () => {
  it('parses and validates flags', () => {
    expect(commandLine(['--format', 'a', '--limit', '7'])).toEqual({ format: 'a', limit: 7 });
    expect(commandLine(['--format=b'])).toEqual({ format: 'b', limit: 5 });
  });

  it('returns null when help is asked for', () => {
    expect(commandLine(['--help'])).toBeNull();
    expect(commandLine(['-h', '--format', 'nope'])).toBeNull();
  });

  it('turns parse and validation failures into usage errors naming the flag', () => {
    const failure = (argv: string[]) => {
      try {
        commandLine(argv);
      } catch (error) {
        return error;
      }
      throw new Error('expected a usage error');
    };
    expect(failure([])).toBeInstanceOf(UsageError);
    expect(failure([])).toMatchObject({ message: '--format: is required', usage: 'Usage: tool --format <a|b>' });
    expect((failure(['--format', 'c']) as Error).message).toMatch(/^--format: Invalid option/);
    expect((failure(['--format', 'a', '--other']) as Error).message).toMatch(/Unknown option '--other'/);
    expect((failure(['--format', 'a', 'stray']) as Error).message).toMatch(/Unexpected argument 'stray'/);
  });
});
