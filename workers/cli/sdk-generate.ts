import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '@/lib/api/openapi/document';
import { generateSdkTypes, SDK_TYPES_PATH } from '@/lib/api/openapi/sdk-types';

/** `npm run sdk:generate`: rewrites the SDK's types from the current OpenAPI document. */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, '../..', SDK_TYPES_PATH);
  writeFileSync(target, await generateSdkTypes(openApiDocument()));
  console.log(`wrote ${SDK_TYPES_PATH}`);
}

void main();
