/** A user's known interactions as item indices with their summed positive strengths. */
export interface UserHistory {
  items: Uint32Array;
  strengths: Float32Array;
}

/**
 * Anything that can score the whole catalogue for one user. Offline evaluation ranks every
 * item this way; serving uses the same models through candidate generators.
 */
export interface ItemScorer {
  readonly name: string;
  /** Writes a score for every item into `out` (length = item count); higher is better. */
  scoreItems(user: number, history: UserHistory, out: Float32Array): void;
}
