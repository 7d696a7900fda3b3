import { z } from 'zod';
import { pageLimit } from '@/lib/api/fields';

export const modelVersionsQuerySchema = z.object({ limit: pageLimit(200, 50) }).strict();
export const trainingRunsQuerySchema = z.object({ limit: pageLimit(200, 20) }).strict();
