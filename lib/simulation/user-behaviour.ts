import { clickProbability, trueAffinity, type DemoWorld } from '@/lib/demo/world';
import type { EventType } from '@/lib/events/types';
import { Random } from '@/lib/math/random';

/**
 * How a demo-world user reacts to a served list. The click itself is the world's own ground
 * truth (`clickProbability`: true affinity, discounted by position); everything after the click
 * is a small, documented layer on top. The rates are deliberately modest: they exist so the
 * event stream has the mix a real product sees (mostly clicks, a few likes, rarer purchases and
 * negative signals), not to dominate training or the experiment metrics.
 */

/** One event as `POST /api/v1/events` takes it. `timestamp` absent: the server stamps arrival time. */
export interface SimulatedEvent {
  event_id: string;
  user_id: string;
  item_id: string;
  type: EventType;
  timestamp?: string;
  session_id: string;
  context: { device: string; page: string };
  recommendation_id: string;
}

export interface BehaviourRates {
  /** A clicked item is liked with this chance times how much the user enjoys it. */
  like: number;
  /** A clicked item goes to the cart with this chance times enjoyment… */
  addToCart: number;
  /** …and a cart item is bought with this chance times enjoyment. */
  purchase: number;
  /** A clicked item that disappoints is disliked with this chance times (1 − enjoyment). */
  dislikeAfterClick: number;
  /**
   * A shown, unclicked item the user would not enjoy is explicitly skipped (or, a quarter of the
   * time, disliked) with this chance times (1 − enjoyment), discounted by position like clicks:
   * users only react to what they looked at.
   */
  rejectShown: number;
}

/**
 * Per clicked item the expected follow-ups stay well under one event: about one like in six
 * clicks on well-matched items, one cart in twenty, half of those bought. Per list, explicit
 * rejections stay around one in ten lists.
 */
export const DEFAULT_RATES: BehaviourRates = {
  like: 0.2,
  addToCart: 0.06,
  purchase: 0.5,
  dislikeAfterClick: 0.15,
  rejectShown: 0.03,
};

/** Share of explicit rejections that are dislikes rather than skips: disliking takes more effort. */
const DISLIKE_SHARE = 0.25;
// Enjoyment of an item the user opened: a logistic in true affinity, centred where the world puts
// "as likely to enjoy as not" (affinities run 0.5–0.9 inside a user's interests, near 0 outside).
const ENJOYMENT_MIDPOINT = 0.35;
const ENJOYMENT_SLOPE = 8;
/** Reactions follow the click by seconds to a minute or two: watching a trailer, reading the page. */
const REACTION_DELAY_MS: [number, number] = [5_000, 120_000];
/** Clicks on a list come in reading order, a few seconds apart. */
const CLICK_GAP_MS: [number, number] = [2_000, 20_000];
/**
 * Time spent on an opened item: a glance for one that disappoints, up to five minutes for one the
 * user fully enjoys, in proportion to enjoyment. No random draw, so adding it changes no outcome.
 */
const ENGAGED_SECONDS: [number, number] = [10, 300];

export interface ServedList {
  recommendationId: string;
  /** Item ids in the order served. */
  itemIds: readonly string[];
}

export interface VisitContext {
  userIndex: number;
  sessionId: string;
  /** The list's (simulated) serving time; null to let the server stamp every event on arrival. */
  at: Date | null;
  page?: string;
}

export interface ListReaction {
  events: SimulatedEvent[];
  /** Items of the list that are in the world (unknown ids are neither clicked nor counted). */
  shown: number;
  clicks: number;
  /** Seconds spent on the opened items (see ENGAGED_SECONDS): the engaged-time metric's ground truth. */
  engagedSeconds: number;
  /** Ids the world does not know: items created through the API since seeding. */
  unknown: number;
}

/** External item id → index into `world.items`, built once per world. */
export function itemIndexById(world: DemoWorld): Map<string, number> {
  return new Map(world.items.map((item, index) => [item.input.id, index]));
}

/**
 * The events one user produces on one served list. `random` should be dedicated to this list
 * (`visitRandom(seed, visit.number)`): the outcome then depends only on the seed and the list,
 * not on the order in which concurrent responses happened to arrive.
 */
export function reactToList(
  world: DemoWorld,
  items: ReadonlyMap<string, number>,
  list: ServedList,
  visit: VisitContext,
  random: Random,
  rates: BehaviourRates = DEFAULT_RATES,
): ListReaction {
  const user = world.users[visit.userIndex];
  if (!user) throw new RangeError(`no user at index ${visit.userIndex}`);
  const events: SimulatedEvent[] = [];
  const page = visit.page ?? 'home';
  let clock = visit.at?.getTime() ?? null;
  let shown = 0;
  let clicks = 0;
  let engagedSeconds = 0;
  let unknown = 0;

  const emit = (itemId: string, position: number, type: EventType, delay: [number, number]) => {
    const offset = random.uniform(delay[0], delay[1]);
    if (clock !== null) clock += offset;
    events.push({
      // Unique per list, slot and type, so a retried batch is stored once.
      event_id: `sim-${list.recommendationId}-${position}-${type}`,
      user_id: user.input.id,
      item_id: itemId,
      type,
      ...(clock !== null && { timestamp: new Date(Math.round(clock)).toISOString() }),
      session_id: visit.sessionId,
      context: { device: user.device, page: type === 'purchase' ? 'checkout' : page },
      recommendation_id: list.recommendationId,
    });
  };

  list.itemIds.forEach((itemId, position) => {
    const itemIndex = items.get(itemId);
    if (itemIndex === undefined) {
      unknown++;
      return;
    }
    shown++;
    // Every draw happens whatever the outcome, so one item's fate never shifts another's.
    const clickRoll = random.next();
    const enjoyment = enjoymentOf(trueAffinity(world, visit.userIndex, itemIndex));
    if (clickRoll < clickProbability(world, visit.userIndex, itemIndex, position)) {
      clicks++;
      engagedSeconds += ENGAGED_SECONDS[0] + (ENGAGED_SECONDS[1] - ENGAGED_SECONDS[0]) * enjoyment;
      emit(itemId, position, 'click', CLICK_GAP_MS);
      const [likeRoll, cartRoll, buyRoll, dislikeRoll] = [random.next(), random.next(), random.next(), random.next()];
      if (likeRoll < rates.like * enjoyment) emit(itemId, position, 'like', REACTION_DELAY_MS);
      else if (dislikeRoll < rates.dislikeAfterClick * (1 - enjoyment)) emit(itemId, position, 'dislike', REACTION_DELAY_MS);
      if (cartRoll < rates.addToCart * enjoyment) {
        emit(itemId, position, 'add_to_cart', REACTION_DELAY_MS);
        if (buyRoll < rates.purchase * enjoyment) emit(itemId, position, 'purchase', REACTION_DELAY_MS);
      }
    } else {
      const [rejectRoll, kindRoll] = [random.next(), random.next()];
      // Same logarithmic attention discount as clicks: what sits low in the list is rarely looked at.
      if (rejectRoll < (rates.rejectShown * (1 - enjoyment)) / Math.log2(position + 2)) {
        emit(itemId, position, kindRoll < DISLIKE_SHARE ? 'dislike' : 'skip', CLICK_GAP_MS);
      }
    }
  });
  return { events, shown, clicks, engagedSeconds, unknown };
}

/** The random stream for one visit's reactions: stream `visitNumber` of the seed (stream 0 is the schedule's). */
export function visitRandom(seed: number, visitNumber: number): Random {
  if (!(Number.isInteger(visitNumber) && visitNumber >= 1)) throw new RangeError(`visit numbers start at 1, got ${visitNumber}`);
  return new Random(seed, visitNumber);
}

function enjoymentOf(affinity: number): number {
  return 1 / (1 + Math.exp(-ENJOYMENT_SLOPE * (affinity - ENJOYMENT_MIDPOINT)));
}
