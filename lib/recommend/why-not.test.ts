import { describe, expect, it } from 'vitest';
import { whyNot, type WhyNotFacts } from './why-not';

const hidden = { verdict: 'unavailable', text: 'the item is hidden in the catalogue' } as const;
const blockedHorror = { verdict: 'blocked', text: "blocked by a curation rule on category 'Horror'" } as const;
const seen = { verdict: 'seen', text: 'the user has already seen it' } as const;
const facts = (overrides: Partial<WhyNotFacts> = {}): WhyNotFacts => ({
  ineligible: [],
  modelActive: true,
  cut: 20,
  feedPosition: null,
  rankedPosition: null,
  rankedCount: 640,
  score: null,
  lastShownScore: 0.42,
  exposurePenalty: 0,
  ...overrides,
});

describe('why not this one?', () => {
  it('says where the item is when it is in the feed after all', () => {
    expect(whyNot(facts({ feedPosition: 3, score: 0.9 }))).toMatchObject({ verdict: 'shown', summary: 'It is in the feed, at position 3 of 20.' });
  });

  it('answers with the first rule that keeps the item out, the others as details', () => {
    const answer = whyNot(facts({ ineligible: [hidden, { verdict: 'unavailable', text: 'the item expired at 2026-05-01T11:59:59.000Z' }, blockedHorror, seen] }));
    expect(answer.verdict).toBe('unavailable');
    expect(answer.summary).toBe('the item is hidden in the catalogue');
    expect(answer.details).toEqual(['the item expired at 2026-05-01T11:59:59.000Z', "blocked by a curation rule on category 'Horror'", seen.text]);
    expect(whyNot(facts({ ineligible: [blockedHorror, seen] }))).toMatchObject({ verdict: 'blocked', summary: blockedHorror.text });
    expect(whyNot(facts({ ineligible: [{ verdict: 'disliked', text: 'disliked' }] })).verdict).toBe('disliked');
    expect(whyNot(facts({ ineligible: [seen] })).verdict).toBe('seen');
  });

  it('says the item is shown when it is, even when a rule would keep it out of the ranked part (a pin)', () => {
    expect(whyNot(facts({ ineligible: [seen], feedPosition: 1 })).verdict).toBe('shown');
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

  it("names the exposure penalty when it took from the item's score, and says when it alone kept the item out", () => {
    expect(whyNot(facts({ rankedPosition: 25, score: 0.4, exposurePenalty: 0.05 })).summary).toBe(
      "it ranked at position 25, below the cut of 20: its score 0.4000 is 0.0200 below the last item shown (0.4200), after 0.0500 for being on many users' first pages already: without that it would have made the cut",
    );
    expect(whyNot(facts({ rankedPosition: 57, score: 0.3, exposurePenalty: 0.05 })).summary).toBe(
      "it ranked at position 57, below the cut of 20: its score 0.3000 is 0.1200 below the last item shown (0.4200), after 0.0500 for being on many users' first pages already",
    );
  });

  it('says when no candidate source proposed it', () => {
    expect(whyNot(facts())).toMatchObject({ verdict: 'not_a_candidate', summary: 'no candidate source proposed it: it is not among the 640 candidates ranked for this user' });
  });
});
