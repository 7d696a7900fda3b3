import { bestOfMap } from './select';
import type { CandidateSource } from './types';

/** Items similar to what the user interacted with: "Because you watched …". */
export const neighborsSource: CandidateSource = {
  name: 'neighbors',
  generate({ signals }, limit) {
    return bestOfMap(signals.neighborScores, limit, signals.seen);
  },
};
