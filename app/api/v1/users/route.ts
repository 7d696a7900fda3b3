import { getReadConnection } from '@/db';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { userListQuerySchema } from '@/lib/users/schema';
import { listUsers } from '@/lib/users/store';

/** Users by id, filtered by `q` (part of the id), paged with `limit` and `offset`. */
export const GET = route('users:read', async (request) => {
  const query = parseQuery(userListQuerySchema, new URL(request.url).searchParams);
  const { users, total } = await listUsers(await getReadConnection(), query);
  return Response.json({ users, total, limit: query.limit, offset: query.offset });
});
