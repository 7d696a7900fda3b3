import { CANDIDATE_SOURCES, type CandidateSourceName } from '@/lib/recommend/candidates/types';
import type { StrategyConfig } from '@/lib/strategies/schema';

export { CANDIDATE_SOURCES, type CandidateSourceName };

export const SOURCE_LABELS: Record<CandidateSourceName, string> = {
  collaborative: 'Collaborative (ALS)',
  neighbors: 'Item neighbours',
  ease: 'EASE',
  content: 'Content (text)',
  popular: 'Popular',
  trending: 'Trending',
  session: 'Session (just watched)',
};

export function enabledSources(config: StrategyConfig): CandidateSourceName[] {
  return CANDIDATE_SOURCES.filter((source) => config.quotas[source] > 0);
}
