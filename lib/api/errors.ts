import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  message: string;
  /** Position in a batch, when the problem is in one element of it. */
  index?: number;
}

/** An error the client caused or should know about; the route layer turns it into a response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(message: string, fields: FieldProblem[] = []) {
    return new ApiError(400, 'invalid_request', message, fields);
  }

  static unauthorized(message: string) {
    return new ApiError(401, 'unauthorized', message);
  }

  static forbidden(message: string) {
    return new ApiError(403, 'forbidden', message);
  }

  static notFound(kind: string, id: string) {
    return new ApiError(404, 'not_found', `${kind} '${id}' does not exist`);
  }

  static conflict(message: string) {
    return new ApiError(409, 'conflict', message);
  }

  static payloadTooLarge(limitBytes: number) {
    return new ApiError(413, 'payload_too_large', `request body exceeds ${limitBytes} bytes`);
  }

  static unsupportedMediaType(accepted: string[]) {
    return new ApiError(415, 'unsupported_media_type', `content type must be one of: ${accepted.join(', ')}`);
  }

  static unavailable(message: string) {
    return new ApiError(503, 'unavailable', message);
  }
}

/** Zod paths as people write them: `events[3].type`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, prefix);
}

export function fieldProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const [first] = issue.path;
    const problem: FieldProblem = { field: fieldPath(issue.path, prefix) || '(body)', message: issue.message };
    return typeof first === 'number' ? { ...problem, index: first } : problem;
  });
}
