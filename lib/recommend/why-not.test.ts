import { describe, expect, it } from 'vitest';
import { whyNot, type WhyNotFacts } from './why-not';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const facts = (overrides: Partial<WhyNotFacts> = {}): WhyNotFacts => ({
  now: NOW,
  item: { hidden: false, publishedAt: null, expiresAt: null },
  blockedBy: [],
  strength: undefined,
  seen: false,
  modelActive: true,
  cut: 20,
  feedPosition: null,
  rankedPosition: null,
  rankedCount: 640,
  score: null,
  lastShownScore: 0.42,
  ...overrides,
});

describe('why not this one?', () => {
  it('says where the item is when it is in the feed after all', () => {
    expect(whyNot(facts({ feedPosition: 3, score: 0.9 }))).toMatchObject({ verdict: 'shown', summary: 'It is in the feed, at position 3 of 20.' });
  });

  it('puts the catalogue first: hidden, expired and unpublished items, with further reasons as details', () => {
    const answer = whyNot(facts({ item: { hidden: true, publishedAt: null, expiresAt: NOW - 1_000 }, blockedBy: ["category 'Horror'"], seen: true }));
    expect(answer.verdict).toBe('unavailable');
    expect(answer.summary).toBe('the item is hidden in the catalogue');
    expect(answer.details).toEqual(['the item expired at 2026-05-01T11:59:59.000Z', "blocked by a curation rule on category 'Horror'"]);
    expect(whyNot(facts({ item: { hidden: false, publishedAt: NOW + 60_000, expiresAt: null } })).summary).toBe('the item is not published until 2026-05-01T12:01:00.000Z');
  });

  it('names the curation rule that blocks it', () => {
    expect(whyNot(facts({ blockedBy: ["tag 'spoilers'"], seen: true }))).toMatchObject({ verdict: 'blocked', summary: "blocked by a curation rule on tag 'spoilers'" });
  });

  it('tells a dislike from an item merely seen', () => {
    expect(whyNot(facts({ strength: -1, seen: true })).verdict).toBe('disliked');
    expect(whyNot(facts({ strength: 3, seen: true })).verdict).toBe('seen');
  });

  it('says when there is no model to rank with', () => {
    expect(whyNot(facts({ modelActive: false })).verdict).toBe('no_model');
  });

  it('gives the position below the cut and the score against the last item shown', () => {
    const answer = whyNot(facts({ rankedPosition: 57, score: 0.3 }));
    expect(answer.verdict).toBe('below_cut');
    expect(answer.summary).toBe('it ranked at position 57, below the cut of 20: its score 0.3000 is 0.1200 below the last item shown (0.4200)');
    expect(whyNot(facts({ feedPosition: 22, rankedPosition: 30, score: 0.5 })).summary).toMatch(/^it ranked at position 22, .*beats the last item shown \(0\.4200\), but diversity placed more varied items above it$/);
  });

  it('says when no candidate source proposed it', () => {
    expect(whyNot(facts())).toMatchObject({ verdict: 'not_a_candidate', summary: 'no candidate source proposed it: it is not among the 640 candidates ranked for this user' });
  });
});
