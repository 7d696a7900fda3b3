import { CANDIDATE_SOURCES, type CandidateSourceName } from '@/lib/recommend/candidates/types';
import type { StrategyConfig } from '@/lib/strategies/schema';

export { SOURCE_LABELS } from '@/lib/recommend/labels';
export { CANDIDATE_SOURCES, type CandidateSourceName };

export function enabledSources(config: StrategyConfig): CandidateSourceName[] {
  return CANDIDATE_SOURCES.filter((source) => config.quotas[source] > 0);
}
