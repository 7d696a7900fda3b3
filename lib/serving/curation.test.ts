import { describe, expect, it } from 'vitest';
import type { CurationRule } from '@/lib/curation/types';
import { catalogEntry, itemSpaceOver, NOW } from '@/lib/testing/serving-space';
import { ANONYMOUS, curationFor, editorialPlacements } from './curation';
import { eligibilityRules, spaceEligibility } from './eligibility';

const at = new Date(NOW);
const rule = (id: number, overrides: Partial<CurationRule>): CurationRule => ({
  id,
  kind: 'block',
  targetType: 'item',
  target: 'x',
  position: null,
  boost: null,
  segment: null,
  startsAt: null,
  endsAt: null,
  note: '',
  collection: null,
  createdBy: null,
  createdAt: at,
  updatedAt: at,
  ...overrides,
});

const rules = [
  rule(1, { kind: 'block', targetType: 'category', target: 'Horror' }),
  rule(2, { kind: 'block', targetType: 'tag', target: 'spoilers', segment: 'returning' }),
  rule(3, { kind: 'pin', targetType: 'item', target: 'pinned', position: 2, note: ' Hero slot ' }),
  rule(4, { kind: 'pick', targetType: 'item', target: 'picked' }),
  rule(5, { kind: 'boost', targetType: 'category', target: 'Drama', boost: 2 }),
  rule(6, { kind: 'pick', targetType: 'item', target: 'appended-pick' }),
  rule(7, { kind: 'pin', targetType: 'item', target: 'seen' }),
];

describe('curation for one request', () => {
  it("gathers the blocks of the user's segment into sets", () => {
    expect(curationFor(rules, ANONYMOUS).blocks).toEqual({ ids: new Set(), categories: new Set(['Horror']), tags: new Set() });
    expect(curationFor(rules, { isNew: false, attributes: {} }).blocks.tags).toEqual(new Set(['spoilers']));
  });

  it('drops picks and pins where editorial placements do not belong, keeping blocks and boosts', () => {
    expect(curationFor(rules, ANONYMOUS, { placements: false }).directives.map((directive) => directive.kind)).toEqual(['block', 'boost']);
    expect(curationFor(rules, ANONYMOUS).directives).toHaveLength(6);
  });

  it("resolves picks to the model's eligible items and pins to placeable ones", () => {
    const entries = [catalogEntry('pinned'), catalogEntry('picked'), catalogEntry('seen'), catalogEntry('appended-pick')];
    const space = itemSpaceOver(entries, 3);
    const eligibility = spaceEligibility(space, eligibilityRules({ now: NOW, user: { seen: new Set(['seen']), negatives: new Set() } }));
    expect(editorialPlacements(curationFor(rules, ANONYMOUS), space, eligibility)).toEqual({
      picks: [1],
      pinned: [
        // Named for explanations by the rule's note, else its id.
        { item: 0, position: 2, rule: '“Hero slot”' },
        { item: 2, position: 1, rule: '#7' },
      ],
    });
    expect(editorialPlacements(curationFor(rules, ANONYMOUS, { placements: false }), space, eligibility)).toEqual({ picks: [], pinned: [] });
  });
});
