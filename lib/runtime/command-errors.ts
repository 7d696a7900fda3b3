/**
 * A write refused for a reason the caller can fix or should know about. Commands (`lib/<domain>/commands.ts`)
 * throw it without knowing about HTTP; lib/api answers it with the matching status.
 */
export class CommandError extends Error {
  constructor(
    readonly reason: 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unavailable',
    message: string,
    /** The input field at fault, for `invalid`: input only the database can judge, such as a name that must exist. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }

  static invalid(field: string, message: string) {
    return new CommandError('invalid', `${field}: ${message}`, field);
  }

  static notFound(kind: string, id: string | number) {
    return new CommandError('not_found', `${kind} '${id}' does not exist`);
  }

  static conflict(message: string) {
    return new CommandError('conflict', message);
  }

  static forbidden(message: string) {
    return new CommandError('forbidden', message);
  }

  /** The command cannot run in this process or right now; retrying elsewhere or later may succeed. */
  static unavailable(message: string) {
    return new CommandError('unavailable', message);
  }
}
