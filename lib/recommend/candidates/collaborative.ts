import type { CandidateSource } from './types';

/** Nearest items to the user's ALS factor. */
export const collaborativeSource: CandidateSource = {
  name: 'collaborative',
  generate({ signals, retrievers }, limit) {
    return signals.userFactor ? retrievers.factors.search(signals.userFactor, limit, signals.seen) : new Uint32Array(0);
  },
};
