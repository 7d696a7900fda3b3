import { z } from 'zod';
import { externalId } from '@/lib/api/fields';

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
