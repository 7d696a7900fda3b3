import { RegistryError } from '@/lib/models/registry';
import { ApiError } from './errors';

/** Registry refusals are the client's to fix (404, 409); everything else stays a server error. */
export async function withRegistryErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw error.code === 'not_found' ? new ApiError(404, 'not_found', error.message) : new ApiError(409, 'conflict', error.message);
  }
}
