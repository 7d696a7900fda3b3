/**
 * Statistics for A/B experiments: pure functions, no I/O. Distributions and special functions,
 * ratio (delta method) and mean (Welch) comparisons, Bayesian chance to beat control, sample-ratio
 * mismatch, Holm correction, always-valid sequential inference, CUPED variance reduction, power
 * and Thompson sampling.
 */

export * from './bandit';
export * from './bayes';
export * from './cuped';
export * from './distributions';
export * from './inference';
export * from './multiple';
export * from './power';
export * from './ratio';
export * from './sampling';
export * from './sequential';
export * from './special-functions';
export * from './srm';
export * from './welch';
