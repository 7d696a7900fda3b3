import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '@/lib/api/openapi/document';
import { z } from 'zod';
import { generateSdkTypes, SDK_TYPES_PATH } from '@/lib/api/openapi/sdk-types';
import { commandLineOrExit } from './args';

/** `npm run sdk:generate`: rewrites the SDK's types from the current OpenAPI document. */
async function main(): Promise<void> {
  commandLineOrExit({ options: {}, schema: z.object({}), usage: `Usage: npm run sdk:generate\n\nRewrites ${SDK_TYPES_PATH} from the current OpenAPI document.` });
  const target = path.resolve(__dirname, '../..', SDK_TYPES_PATH);
  writeFileSync(target, await generateSdkTypes(openApiDocument()));
  console.log(`wrote ${SDK_TYPES_PATH}`);
}

void main();
