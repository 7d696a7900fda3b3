import { z } from 'zod';
import { slug } from '@/lib/experiments/schema';
import { strategyConfigSchema } from '@/lib/strategies/schema';
import { MAX_COMPARED_STRATEGIES } from './limits';

const idList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
  .pipe(z.array(z.string().max(256)).max(500, 'at most 500 ids'));

const count = z.coerce.number({ error: 'n must be a number' }).int('n must be an integer').min(1, 'n must be between 1 and 100').max(100, 'n must be between 1 and 100').default(20);
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const feedQuerySchema = z
  .object({
    user: z.string().trim().min(1, 'user is required').max(256),
    n: count,
    context: z.enum(['home', 'item', 'search']).default('home'),
    item: z.string().trim().min(1).max(256).optional(),
    category: idList.optional(),
    exclude: idList.optional(),
    cursor: z.string().max(512).optional(),
    explain: flag.default(false),
    /** The client's device class (as events' `context.device`): a context signal for enhanced users only. */
    device: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((query) => query.context !== 'item' || query.item !== undefined, { message: 'context=item needs item', path: ['item'] });

export type FeedQuery = z.infer<typeof feedQuerySchema>;

export const similarQuerySchema = z.object({ n: count, user: z.string().trim().min(1).max(256).optional(), explain: flag.default(false) }).strict();
export type SimilarQuery = z.infer<typeof similarQuerySchema>;

export const trendingQuerySchema = z
  .object({ variant: z.enum(['hot', 'rising', 'fresh']).default('hot'), category: z.string().trim().min(1).max(256).optional(), n: count })
  .strict();
export type TrendingQuery = z.infer<typeof trendingQuerySchema>;

export const sessionRequestSchema = z
  .object({
    recent_items: z.array(z.string().trim().min(1).max(256)).max(100, 'at most 100 recent items'),
    n: count,
    category: z.array(z.string().trim().min(1)).max(20).optional(),
    exclude: z.array(z.string().trim().min(1)).max(500).optional(),
    explain: z.boolean().default(false),
  })
  .strict();
export type SessionRequest = z.infer<typeof sessionRequestSchema>;

export const explainQuerySchema = z.object({ user: z.string().trim().min(1, 'user is required').max(256), item: z.string().trim().min(1, 'item is required').max(256) }).strict();
export type ExplainQuery = z.infer<typeof explainQuerySchema>;

const explainedUser = z.string().trim().min(1, 'user is required').max(256);
const previewSize = z.coerce.number().int().min(1).max(50).default(20);

/** An unsaved strategy config to rank a user's feed with, beside the default strategy's. */
export const strategyPreviewInputSchema = z.object({ user: explainedUser, config: strategyConfigSchema, n: previewSize }).strict();
export type StrategyPreviewInput = z.infer<typeof strategyPreviewInputSchema>;

export const strategyFeedsQuerySchema = z
  .object({
    user: explainedUser,
    strategies: z
      .string()
      .transform((list) => [...new Set(list.split(',').map((key) => key.trim()).filter((key) => key !== ''))])
      .pipe(z.array(slug).min(1, 'name at least one strategy').max(MAX_COMPARED_STRATEGIES, `compare at most ${MAX_COMPARED_STRATEGIES} strategies`))
      .meta({ description: `Strategy keys, comma-separated, 1 to ${MAX_COMPARED_STRATEGIES}.` }),
    n: previewSize,
  })
  .strict();

/** A page token: which ranked list it continues, and from where. Opaque to clients. */
export const cursorSchema = z.object({ r: z.string().min(1).max(64), o: z.number().int().min(1).max(1_000) }).strict();
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Null when the token is not one of ours. */
export function decodeCursor(token: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
