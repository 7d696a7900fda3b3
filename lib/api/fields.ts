import { z } from 'zod';

/** Client-facing ids are strings; numeric ids (as in MovieLens) are accepted and kept as text. */
export const externalId = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'));

/** The span a stored timestamp may take: from the Unix epoch to the last day with a four-digit year. */
const EARLIEST_TIMESTAMP = new Date('1970-01-01T00:00:00.000Z');
const LATEST_TIMESTAMP = new Date('9999-12-31T23:59:59.999Z');

/** For a `.refine` on a parsed date: within the span a stored timestamp may take. */
export const storableTimestamp = [(date: Date) => date >= EARLIEST_TIMESTAMP && date <= LATEST_TIMESTAMP, { message: 'must be between 1970-01-01 and 9999-12-31' }] as const;

/** ISO 8601 string or epoch milliseconds, between 1970 and the end of 9999 (a number beyond JavaScript's dates included). */
export const timestampInput = z
  .union([z.iso.datetime({ offset: true }), z.iso.date(), z.number().int()])
  .transform((value) => new Date(value))
  .refine(...storableTimestamp);

export const pageLimit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * Free-form JSON objects (event context, item and user attributes) are stored as given, so their
 * size is bounded; their nesting depth is bounded for every input (see `MAX_INPUT_DEPTH`).
 */
export const freeJson = (maxBytes: number) =>
  z.record(z.string(), z.unknown()).refine((value) => Buffer.byteLength(JSON.stringify(value)) <= maxBytes, { message: `must be at most ${maxBytes} bytes as JSON` });

/** The smallest magnitude, other than 0, a PostgreSQL `real` column keeps (below it the value underflows and the write fails). */
const MIN_REAL_MAGNITUDE = 1e-37;

/** A number stored in a `real` column: 0, or at least `MIN_REAL_MAGNITUDE` in magnitude. */
export function storedAsReal(schema: z.ZodNumber) {
  return schema.refine((value) => value === 0 || Math.abs(value) >= MIN_REAL_MAGNITUDE, { message: `must be 0 or at least ${MIN_REAL_MAGNITUDE} in magnitude` });
}
