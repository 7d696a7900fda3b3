export const EVENT_TYPES = [
  'view',
  'click',
  'like',
  'dislike',
  'add_to_cart',
  'purchase',
  'rate',
  'share',
  'skip',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type EventWeights = Record<EventType, number>;

/**
 * How much each interaction says about a user's taste. Negative signals push down.
 * A `rate` event's weight is per star of its value.
 */
export const DEFAULT_EVENT_WEIGHTS: EventWeights = {
  view: 1,
  click: 2,
  like: 4,
  dislike: -4,
  add_to_cart: 5,
  purchase: 8,
  rate: 1,
  share: 4,
  skip: -1,
};

