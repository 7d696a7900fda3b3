import { REFERENCE_PAGE } from '@/lib/api/openapi/reference-page';

/** The interactive API reference; public, like the document it renders. */
export async function GET(): Promise<Response> {
  return new Response(REFERENCE_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
