import { CommandError } from '@/lib/runtime/command-errors';
import { ApiError } from './errors';

const COMMAND_STATUS: Record<Exclude<CommandError['reason'], 'invalid'>, number> = { not_found: 404, conflict: 409, forbidden: 403, unavailable: 503 };

/** The HTTP answer to an error raised on purpose (by the edge or by a command); null for anything else, which stays a server error. */
export function apiErrorOf(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof CommandError) {
    if (error.reason === 'invalid') return ApiError.badRequest(error.message, [{ field: error.field ?? '(body)', message: error.message }]);
    return new ApiError(COMMAND_STATUS[error.reason], error.reason, error.message);
  }
  return null;
}
