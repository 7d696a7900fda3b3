/**
 * How event strengths become ALS confidence. Counts (plays, views) are heavy-tailed: taken
 * linearly, one pair played 10,000 times outweighs a hundred pairs played once and ALS learns
 * little beyond a few heavy pairs, so they are taken in log. Bounded values (ratings, a few
 * weighted events per pair) keep their linear scale, which ranks best on them.
 */
export const SIGNAL_SCALES = ['auto', 'linear', 'log'] as const;
export type SignalScale = (typeof SIGNAL_SCALES)[number];
