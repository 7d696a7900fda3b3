import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from './features';
import { FEATURE_LABELS, featureLabel } from './labels';

describe('feature labels', () => {
  it('names every feature the ranker reads, in words rather than its key', () => {
    for (const feature of FEATURE_NAMES) {
      expect(FEATURE_LABELS[feature], feature).toBeDefined();
      expect(featureLabel(feature).label).not.toBe(feature);
      expect(featureLabel(feature).description.length).toBeGreaterThan(10);
    }
  });

  it('labels no feature the ranker does not read, and no two features alike', () => {
    expect(Object.keys(FEATURE_LABELS).sort()).toEqual([...FEATURE_NAMES].sort());
    const labels = FEATURE_NAMES.map((feature) => featureLabel(feature).label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('shows a feature from another release as its key', () => {
    expect(featureLabel('hour_of_day')).toEqual({ label: 'hour_of_day', description: 'hour_of_day' });
  });
});
