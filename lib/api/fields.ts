import { z } from 'zod';

/** Client-facing ids are strings; numeric ids (as in MovieLens) are accepted and kept as text. */
export const externalId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'));

/** ISO 8601 string or epoch milliseconds. */
export const timestampInput = z
  .union([z.iso.datetime({ offset: true }), z.iso.date(), z.number().int().nonnegative()])
  .transform((value) => new Date(value));

export const pageLimit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
