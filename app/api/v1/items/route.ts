import { getConnection, getReadConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseOneOrBatch, parseQuery } from '@/lib/api/validate';
import { createItem, upsertItemBatch } from '@/lib/catalog/commands';
import { itemBulkSchema, itemInputSchema, itemListQuerySchema } from '@/lib/catalog/schema';
import { listItems } from '@/lib/catalog/store';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export const GET = route('catalog:read', async (request) => {
  const query = parseQuery(itemListQuerySchema, new URL(request.url).searchParams);
  const { items, total } = await listItems(await getReadConnection(), query);
  return Response.json({ items, total, limit: query.limit, offset: query.offset });
});

/** One item object creates it; an array, `{ "items": [...] }` or NDJSON upserts up to 10,000. */
export const POST = route('catalog:write', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES, formats: ['json', 'ndjson'] });
  const { batch, values } = parseOneOrBatch(value, { one: itemInputSchema, many: itemBulkSchema, key: 'items', noun: 'item' });
  const conn = await getConnection();
  if (batch) return Response.json(await upsertItemBatch(conn, principal, values));
  const [input] = values;
  // parseOneOrBatch gives exactly one value when it is not a batch.
  if (!input) throw ApiError.badRequest('one item is required');
  return Response.json(await createItem(conn, principal, input), { status: 201 });
});
