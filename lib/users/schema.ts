import { z } from 'zod';
import { externalId, freeJson, pageLimit } from '@/lib/api/fields';

export const DATA_SHARING_LEVELS = ['minimal', 'standard', 'enhanced'] as const;
const MAX_PREFERENCE_ATTRIBUTES_BYTES = 16 * 1024;

/**
 * A `PUT` of a user: every field left out keeps its stored value (`preferences.categories` and
 * `preferences.attributes` each on their own), and a new user starts from the defaults: no
 * categories, no attributes, `standard` sharing.
 */
export const userInputSchema = z
  .object({
    id: externalId,
    preferences: z
      .object({
        categories: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
        attributes: freeJson(MAX_PREFERENCE_ATTRIBUTES_BYTES).optional(),
      })
      .strict()
      .optional(),
    data_sharing: z.enum(DATA_SHARING_LEVELS).optional(),
  })
  .strict();

export type UserInput = z.infer<typeof userInputSchema>;
export type DataSharing = (typeof DATA_SHARING_LEVELS)[number];

/** A whole profile, as imports and the demo world write it. */
export interface UserRecord {
  id: string;
  preferences: { categories: string[]; attributes: Record<string, unknown> };
  data_sharing: DataSharing;
}

export interface User {
  id: string;
  preferences: { categories: string[]; attributes: Record<string, unknown> };
  data_sharing: DataSharing;
  created_at: string;
  last_active_at: string | null;
}

export const userListQuerySchema = z
  .object({
    /** Part of the user id, any case. */
    q: z.string().trim().max(256).optional(),
    limit: pageLimit(200, 25),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** `?history=` on a user: how many of their most recent interactions come with them. */
export const userHistoryQuerySchema = z.object({ history: pageLimit(500, 50) }).strict();
