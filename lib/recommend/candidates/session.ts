import { bestOfMap } from './select';
import type { CandidateSource } from './types';

/** Items similar to what the user did just now, the newest weighing most: "Because you just watched …". */
export const sessionSource: CandidateSource = {
  name: 'session',
  generate({ signals }, limit) {
    return bestOfMap(signals.sessionScores, limit, signals.seen);
  },
};
