import { ApiError } from '@/lib/api/errors';

/**
 * A refusal the client can act on: an unknown key (404), a request that contradicts the state of
 * the experiment or strategy (409), or input only the database can judge, such as a variant naming
 * a strategy that does not exist (400, naming the field).
 */
export class ExperimentError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ExperimentError';
  }

  static notFound(kind: 'experiment' | 'strategy' | 'variant', key: string): ExperimentError {
    return new ExperimentError('not_found', `${kind} '${key}' does not exist`);
  }

  static conflict(message: string): ExperimentError {
    return new ExperimentError('conflict', message);
  }

  static invalid(field: string, message: string): ExperimentError {
    return new ExperimentError('invalid', `${field}: ${message}`, field);
  }
}

/** For routes: domain refusals become 400, 404 or 409; anything else stays a server error. */
export async function withExperimentErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ExperimentError)) throw error;
    if (error.code === 'not_found') throw new ApiError(404, 'not_found', error.message);
    if (error.code === 'conflict') throw ApiError.conflict(error.message);
    throw ApiError.badRequest(error.message, [{ field: error.field ?? '(body)', message: error.message }]);
  }
}
