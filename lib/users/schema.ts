import { z } from 'zod';
import { externalId, pageLimit } from '@/lib/api/fields';

export const DATA_SHARING_LEVELS = ['minimal', 'standard', 'enhanced'] as const;

export const userInputSchema = z
  .object({
    id: externalId,
    preferences: z
      .object({
        categories: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
        attributes: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .default({ categories: [], attributes: {} }),
    data_sharing: z.enum(DATA_SHARING_LEVELS).default('standard'),
  })
  .strict();

export type UserInput = z.infer<typeof userInputSchema>;
export type DataSharing = (typeof DATA_SHARING_LEVELS)[number];

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
