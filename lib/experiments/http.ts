import { parseInput } from '@/lib/api/validate';
import { slug } from './schema';

/** Experiments and strategies are addressed by key; Next names the segment `[id]` like every other resource. */
export async function pathKey(context: { params: Promise<{ id: string }> }): Promise<string> {
  const { id } = await context.params;
  return parseInput(slug, id, 'path parameter id', 'id');
}
