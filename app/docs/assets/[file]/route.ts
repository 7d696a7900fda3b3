import { referenceAsset } from '@/lib/api/openapi/reference-page';

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  const asset = await referenceAsset((await context.params).file);
  if (!asset) return new Response('not found', { status: 404 });
  return new Response(asset.body, { headers: { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' } });
}
