import { getConnection, getReadConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { catalogChanged } from '@/lib/serving/state';
import { parseOneOrBatch, parseQuery } from '@/lib/api/validate';
import { itemBulkSchema, itemInputSchema, itemListQuerySchema } from '@/lib/catalog/schema';
import { insertItem, listItems, upsertItems } from '@/lib/catalog/store';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** A bulk upsert's audit entry names this many of its ids; the counts cover the rest. */
const AUDITED_IDS = 20;

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
  if (batch) {
    const result = await upsertItems(conn, values);
    catalogChanged();
    const ids = values.map((item) => item.id);
    await recordAudit(conn, principal, { action: 'item.bulk_upsert', targetType: 'item', targetId: 'bulk', details: { ...result, count: ids.length, ids: ids.slice(0, AUDITED_IDS) } });
    return Response.json(result);
  }
  const [input] = values;
  const created = input && (await insertItem(conn, input));
  catalogChanged();
  if (!created) throw ApiError.conflict(`item '${input?.id}' already exists; use PUT /api/v1/items/${input?.id} to replace it`);
  await recordAudit(conn, principal, { action: 'item.create', targetType: 'item', targetId: created.id, details: { title: created.title, category: created.category } });
  return Response.json(created, { status: 201 });
});
