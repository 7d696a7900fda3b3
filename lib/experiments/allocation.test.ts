import { describe, expect, it } from 'vitest';
import { layerAllocations } from './allocation';

describe('layer allocations for the list page', () => {
  it('groups live experiments by layer in slot order with the free share, leaving out drafts and stopped ones', () => {
    const allocations = layerAllocations([
      { key: 'b', status: 'paused', layer: 'feed', targeting: 'all', layer_range_percent: [60, 100] },
      { key: 'a', status: 'running', layer: 'feed', targeting: 'all', layer_range_percent: [0, 33.33] },
      { key: 'c', status: 'running', layer: 'default', targeting: 'new', layer_range_percent: [0, 100] },
      { key: 'd', status: 'draft', layer: 'feed', targeting: 'all', layer_range_percent: null },
      { key: 'e', status: 'stopped', layer: 'other', targeting: 'all', layer_range_percent: [0, 100] },
    ]);
    expect(allocations).toEqual([
      { layer: 'default', experiments: [{ key: 'c', status: 'running', targeting: 'new', range: [0, 100] }], free_percent: 0 },
      {
        layer: 'feed',
        experiments: [
          { key: 'a', status: 'running', targeting: 'all', range: [0, 33.33] },
          { key: 'b', status: 'paused', targeting: 'all', range: [60, 100] },
        ],
        free_percent: 26.67,
      },
    ]);
  });
});
