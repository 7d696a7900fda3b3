import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenApiDocument } from './document';

/** Where the SDK's types live; `npm run sdk:generate` rewrites it, the contract test checks it is current. */
export const SDK_TYPES_PATH = 'lib/sdk/schema.d.ts';

const HEADER = '/**\n * Generated from the OpenAPI document (lib/api/openapi) by `npm run sdk:generate`. Do not edit.\n */\n\n';

/** The TypeScript types of every path, operation and schema in the document (openapi-typescript). */
export async function generateSdkTypes(document: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}
