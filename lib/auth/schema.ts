import { z } from 'zod';
import { storableTimestamp } from '@/lib/api/fields';
import { MIN_PASSWORD_LENGTH } from './password';
import { API_KEY_SCOPES, ROLES } from './types';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address'));
const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(256);

export const consoleUserInputSchema = z.strictObject({
  email,
  name: z.string().trim().max(120).default(''),
  role: z.enum(ROLES),
  password,
});
export type ConsoleUserInput = z.infer<typeof consoleUserInputSchema>;

export const consoleUserPatchSchema = z
  .strictObject({ name: z.string().trim().max(120), role: z.enum(ROLES), password })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of name, role or password');
export type ConsoleUserPatch = z.infer<typeof consoleUserPatchSchema>;

export const signInSchema = z.object({ email, password: z.string().min(1).max(256) });

export const apiKeyInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'name the key').max(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'choose at least one scope').transform((scopes) => [...new Set(scopes)]),
});
export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;

const DAY_MS = 86_400_000;

const isoDateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const rangeStart = z.union([isoDateTime, z.iso.date().transform((day) => new Date(day))]).refine(...storableTimestamp);
/** A bare date as the end of a range means through that whole day (UTC), as "to 1 December" reads. */
const rangeEnd = z.union([isoDateTime, z.iso.date().transform((day) => new Date(Date.parse(day) + DAY_MS - 1))]).refine(...storableTimestamp);

export const auditQuerySchema = z
  .object({
    actor: z.string().min(1).optional(),
    target_type: z.string().min(1).optional(),
    target_id: z.string().min(1).optional(),
    /** Inclusive bounds on when the change was made. */
    from: rangeStart.optional(),
    to: rangeEnd.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: 'must not be after to', path: ['from'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The first admin's account, with the one-time set-up token that allows it. */
export const setupRequestSchema = consoleUserInputSchema.omit({ role: true }).extend({ token: z.string().min(1) });
