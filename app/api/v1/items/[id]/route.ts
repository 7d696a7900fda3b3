import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { catalogChanged } from '@/lib/serving/state';
import { parseInput, pathId, withPathId } from '@/lib/api/validate';
import { itemInputSchema, itemPatchSchemaFor } from '@/lib/catalog/schema';
import { getItem, hideItem, patchItem, upsertItems } from '@/lib/catalog/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('catalog:read', async (_request, context: IdRouteContext) => {
  const id = await pathId(context);
  const item = await getItem(await getConnection(), id);
  if (!item) throw ApiError.notFound('item', id);
  return Response.json(item);
});

/** Creates or replaces the whole item. */
export const PUT = route('catalog:write', async (request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(itemInputSchema, withPathId(value, id), 'item');
  const conn = await getConnection();
  const { created, updated } = await upsertItems(conn, [input]);
  catalogChanged();
  if (created + updated > 0) await recordAudit(conn, principal, { action: created ? 'item.create' : 'item.replace', targetType: 'item', targetId: id });
  return Response.json(await getItem(conn, id), { status: created ? 201 : 200 });
});

export const PATCH = route('catalog:write', async (request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const conn = await getConnection();
  const patch = parseInput(itemPatchSchemaFor(await getItem(conn, id)), value, 'item patch');
  const item = await patchItem(conn, id, patch);
  catalogChanged();
  if (!item) throw ApiError.notFound('item', id);
  await recordAudit(conn, principal, { action: 'item.update', targetType: 'item', targetId: id, details: { fields: Object.keys(patch) } });
  return Response.json(item);
});

/** Soft delete: the item is hidden from every list and recommendation; its history stays. */
export const DELETE = route('catalog:write', async (_request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  const conn = await getConnection();
  const item = await hideItem(conn, id);
  catalogChanged();
  if (!item) throw ApiError.notFound('item', id);
  await recordAudit(conn, principal, { action: 'item.hide', targetType: 'item', targetId: id });
  return Response.json(item);
});
