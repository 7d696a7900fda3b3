import { describe, expect, it } from 'vitest';
import type { Reason } from '@/lib/recommend/explain';
import { cardCaption, displayTitle } from './caption';

const watched: Reason = { kind: 'because_you_watched', text: 'Because you watched Night Train', item: 'item-00003' };
const trending: Reason = { kind: 'trending', text: 'Trending now' };
const fresh: Reason = { kind: 'new_arrival', text: 'New arrival' };
const pick: Reason = { kind: 'editors_pick', text: "Editor's pick" };
const popular: Reason = { kind: 'popular_in_category', text: 'Popular in Drama' };

describe('cardCaption', () => {
  it('captions with the strongest reason, the first, even when a more personal one follows', () => {
    expect(cardCaption([trending, fresh, watched]).caption).toBe('Trending now');
    expect(cardCaption([popular, watched]).caption).toBe('Popular in Drama');
  });

  it('adds a badge from another reason, never repeating the caption', () => {
    expect(cardCaption([watched, fresh])).toEqual({ caption: 'Because you watched Night Train', badge: 'New' });
    expect(cardCaption([watched, pick])).toEqual({ caption: 'Because you watched Night Train', badge: "Editor's pick" });
    expect(cardCaption([trending, watched])).toEqual({ caption: 'Trending now', badge: null });
    expect(cardCaption([pick])).toEqual({ caption: "Editor's pick", badge: null });
  });

  it('says nothing when there is no reason', () => {
    expect(cardCaption([])).toEqual({ caption: null, badge: null });
  });
});

describe('displayTitle', () => {
  it('is the title, or the id when the title is blank', () => {
    expect(displayTitle({ id: 'item-00001', title: 'Night Train' })).toBe('Night Train');
    expect(displayTitle({ id: 'item-00001', title: '  ' })).toBe('item-00001');
    expect(displayTitle({ id: 'item-00001', title: '' })).toBe('item-00001');
  });
});
