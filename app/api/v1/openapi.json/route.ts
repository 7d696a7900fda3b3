import { openApiDocument } from '@/lib/api/openapi/document';
import { route } from '@/lib/api/route';

/** The OpenAPI 3.1 document of this API, generated from the schemas the routes validate with; public. */
export const GET = route('public', async () => Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }));
