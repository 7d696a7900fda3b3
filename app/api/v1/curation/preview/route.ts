import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { feedPreviewQuerySchema, toCurationRuleJson } from '@/lib/curation/schema';
import { previewFeed } from '@/lib/serving/inspect';

export const dynamic = 'force-dynamic';

/** A user's feed with the curation rules and without them, side by side; a dry run. */
export const GET = route('curation:read', async (request) => {
  const { user, n } = parseQuery(feedPreviewQuerySchema, new URL(request.url).searchParams);
  const { targets, ...preview } = await previewFeed(user, n);
  return Response.json({ ...preview, rules: preview.rules.map((rule) => toCurationRuleJson(rule, targets)) });
});
