import { z } from 'zod';
import { externalId, freeJson, pageLimit, timestampInput } from '@/lib/api/fields';

/** Longest values an item may carry (in UTF-16 code units, as zod counts); dataset imports trim to them. */
export const ITEM_LIMITS = { title: 500, description: 20_000, category: 100, tag: 100, tags: 100 } as const;

const tag = z.string().trim().min(1).max(ITEM_LIMITS.tag);
const MAX_ATTRIBUTES_BYTES = 64 * 1024;

const itemFields = {
  title: z.string().max(ITEM_LIMITS.title),
  description: z.string().max(ITEM_LIMITS.description),
  category: z.string().trim().min(1).max(ITEM_LIMITS.category).nullable(),
  tags: z.array(tag).max(ITEM_LIMITS.tags),
  attributes: freeJson(MAX_ATTRIBUTES_BYTES),
  is_hidden: z.boolean(),
  published_at: timestampInput.nullable(),
  expires_at: timestampInput.nullable(),
};

/** A whole item, as created or upserted. Omitted fields take their defaults. */
export const itemInputSchema = z
  .object({
    id: externalId,
    title: itemFields.title.default(''),
    description: itemFields.description.default(''),
    category: itemFields.category.default(null),
    tags: itemFields.tags.default([]),
    attributes: itemFields.attributes.default({}),
    is_hidden: itemFields.is_hidden.default(false),
    published_at: itemFields.published_at.default(null),
    expires_at: itemFields.expires_at.default(null),
  })
  .strict()
  .refine(expiresAfterPublished, { message: 'expires_at must be after published_at', path: ['expires_at'] });

function expiresAfterPublished({ published_at, expires_at }: { published_at: Date | null; expires_at: Date | null }): boolean {
  return !(published_at instanceof Date) || !(expires_at instanceof Date) || expires_at > published_at;
}

/** A partial update: only the fields present change. */
export const itemPatchSchema = z
  .object(itemFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'at least one field must be given' });

/**
 * A patch is judged by the item it leaves behind: moving only `expires_at` must still end after the
 * stored `published_at`. Without a stored item there is only the patch to judge.
 */
export function itemPatchSchemaFor(current: Item | null) {
  const stored = (value: string | null | undefined) => (value ? new Date(value) : null);
  return itemPatchSchema.refine(
    (patch) =>
      expiresAfterPublished({
        published_at: patch.published_at !== undefined ? patch.published_at : stored(current?.published_at),
        expires_at: patch.expires_at !== undefined ? patch.expires_at : stored(current?.expires_at),
      }),
    { message: 'expires_at must be after published_at', path: ['expires_at'] },
  );
}

export const MAX_BULK_ITEMS = 10_000;

export const itemBulkSchema = z.array(itemInputSchema).min(1, 'at least one item').max(MAX_BULK_ITEMS, `at most ${MAX_BULK_ITEMS} items per request`);

export const itemListQuerySchema = z
  .object({
    category: z.string().trim().min(1).optional(),
    tag: z.string().trim().min(1).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    hidden: z.enum(['true', 'false', 'any']).default('false'),
    sort: z.enum(['created_at', '-created_at', 'title', '-title', 'updated_at', '-updated_at', 'published_at', '-published_at']).default('-created_at'),
    limit: pageLimit(200, 50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export type ItemInput = z.infer<typeof itemInputSchema>;
export type ItemPatch = z.infer<typeof itemPatchSchema>;
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;

/** An item as the API returns it. */
export interface Item {
  id: string;
  title: string;
  description: string;
  category: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  is_hidden: boolean;
  published_at: string | null;
  expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export const itemStatsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }).strict();

export interface ItemDailyStats {
  day: string;
  impressions: number;
  recommended_clicks: number;
  other_clicks: number;
}

/** How an item fared in served lists over the window. */
export interface ItemStats {
  item: string;
  days: number;
  /** Served lists (impressions) that showed the item. */
  impressions: number;
  /** recommended_clicks + other_clicks. */
  clicks: number;
  /** Served lists showing the item that were clicked on it (repeat clicks on one list count once). */
  recommended_clicks: number;
  /** Clicks that name no list showing the item: search, a shared link, another page. */
  other_clicks: number;
  /** recommended_clicks / impressions (lib/metrics/ctr.ts); null before any impression. */
  ctr: number | null;
  daily: ItemDailyStats[];
}
