import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { previewStrategy } from '@/lib/serving/inspect';
import { strategyPreviewInputSchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

/** What an unsaved strategy config would serve a user, beside the default strategy; nothing is saved, served or logged. */
export const POST = route('feeds:explain', async (request) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const { user, config, n } = parseInput(strategyPreviewInputSchema, value, 'preview');
  return Response.json(await previewStrategy(user, config, n), { headers: { 'cache-control': 'no-store' } });
});
