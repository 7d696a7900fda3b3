import { topItems, type PopularityVariant } from '@/lib/models/popularity';
import type { CandidateContext, CandidateSource } from './types';

/** Half from the whole catalogue, half from the user's strongest categories (affinity or stated preference). */
function popularIn(variant: PopularityVariant, { models, signals, request }: CandidateContext, limit: number): Uint32Array {
  const { categories } = models.popularity;
  const favourites = [...signals.categoryAffinity.keys()]
    .filter((category) => signals.categoryAffinity[category]! > 0 || signals.preferredCategories.has(category))
    .sort((a, b) => signals.categoryAffinity[b]! + (signals.preferredCategories.has(b) ? 1 : 0) - (signals.categoryAffinity[a]! + (signals.preferredCategories.has(a) ? 1 : 0)))
    .slice(0, 3);
  const picked: number[] = [];
  const taken = new Set<number>();
  const take = (items: Uint32Array, quota: number) => {
    for (const item of items) {
      if (quota <= 0) return;
      if (signals.seen[item] || taken.has(item)) continue;
      taken.add(item);
      picked.push(item);
      quota -= 1;
    }
  };
  const overallQuota = favourites.length > 0 ? Math.ceil(limit / 2) : limit;
  take(topItems(models.popularity, variant, null, overallQuota + request.history.items.length), overallQuota);
  for (const category of favourites) take(topItems(models.popularity, variant, categories[category]!), Math.ceil((limit - overallQuota) / favourites.length));
  return Uint32Array.from(picked.slice(0, limit));
}

export const popularSource: CandidateSource = { name: 'popular', generate: (context, limit) => popularIn('allTime', context, limit) };

export const trendingSource: CandidateSource = { name: 'trending', generate: (context, limit) => popularIn('hot', context, limit) };
