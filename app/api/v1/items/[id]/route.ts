import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput, pathId, withPathId } from '@/lib/api/validate';
import { hideItem, replaceItem, updateItem } from '@/lib/catalog/commands';
import { itemInputSchema, itemPatchSchemaFor } from '@/lib/catalog/schema';
import { getItem } from '@/lib/catalog/store';

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
  const { item, created } = await replaceItem(await getConnection(), principal, input);
  return Response.json(item, { status: created ? 201 : 200 });
});

export const PATCH = route('catalog:write', async (request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const item = await updateItem(await getConnection(), principal, id, (current) => parseInput(itemPatchSchemaFor(current), value, 'item patch'));
  return Response.json(item);
});

/** Soft delete: the item is hidden from every list and recommendation; its history stays. */
export const DELETE = route('catalog:write', async (_request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  return Response.json(await hideItem(await getConnection(), principal, id));
});
