/**
 * Multiple comparisons. Three treatments against a control, or ten metrics per experiment, give
 * that many chances for a false positive; Holm's step-down procedure controls the family-wise
 * error rate like Bonferroni but rejects at least as much.
 */

/**
 * Holm–Bonferroni adjusted p-values, in the input order: the i-th smallest p becomes
 * max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Rejecting where the adjusted value is below α is
 * Holm's procedure at level α; the running maximum keeps the adjustment monotone in p.
 */
export function holmBonferroni(pValues: readonly number[]): number[] {
  if (pValues.some((p) => !(p >= 0 && p <= 1))) throw new RangeError('p-values must lie in [0, 1]');
  const m = pValues.length;
  // Stable sort by p: ties keep their input order, which does not change any adjusted value.
  const order = pValues.map((_, index) => index).sort((left, right) => pValues[left]! - pValues[right]!);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
