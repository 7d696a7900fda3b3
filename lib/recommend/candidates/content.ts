import type { CandidateSource } from './types';

/** Items whose text matches the user's profile: history and stated preferences. Reaches new items too. */
export const contentSource: CandidateSource = {
  name: 'content',
  generate({ signals, retrievers }, limit) {
    return signals.contentProfile ? retrievers.content.search(signals.contentProfile, limit, signals.seen) : new Uint32Array(0);
  },
};
