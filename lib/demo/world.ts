import { z } from 'zod';
import type { ItemInput } from '@/lib/catalog/schema';
import type { NewEvent } from '@/lib/events/schema';
import type { EventType } from '@/lib/events/types';
import { AliasTable, Random, WeightedChoice } from '@/lib/math/random';
import type { DataSharing, UserRecord } from '@/lib/users/schema';
import { CATEGORY_VOCABULARIES, LANGUAGES, SHARED_TAGS, type CategoryFamily, type CategoryVocabulary } from './vocabulary';

/**
 * The demo world: a synthetic streaming catalogue, its audience and their viewing history, with
 * the hidden ground truth (taste vectors, item vectors, popularity) that produced the history.
 * Everything follows from the parameters, so a world stored as its parameters can be rebuilt
 * exactly, and a model's recommendations can be scored against what users really like.
 */

/** Without an explicit `now` a world is the same on every machine and every day. */
export const REFERENCE_NOW = new Date('2025-01-01T00:00:00.000Z');

const dateParam = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));

export const demoWorldParamsSchema = z
  .object({
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
    items: z.number().int().min(1).max(2_000_000).default(5_000),
    users: z.number().int().min(1).max(2_000_000).default(2_000),
    events: z.number().int().min(0).max(100_000_000).default(150_000),
    categories: z.number().int().min(1).max(CATEGORY_VOCABULARIES.length).default(20),
    /** Latent taste dimensions. */
    dims: z.number().int().min(2).max(256).default(16),
    /** How far back the event history reaches from `now`. */
    days: z.number().min(1).max(3_650).default(90),
    now: dateParam.default(() => new Date(REFERENCE_NOW)),
  })
  .strict()
  .refine((params) => params.items >= params.categories, { message: 'need at least one item per category', path: ['items'] });

export type DemoWorldParams = z.infer<typeof demoWorldParamsSchema>;
/** What callers may pass: every field optional, `now` also as an ISO string (as stored in settings). */
export type DemoWorldParamsInput = z.input<typeof demoWorldParamsSchema>;

export interface WorldItem {
  input: ItemInput;
  categoryIndex: number;
  /** Hidden ground truth: where the item sits in taste space (unit length). */
  vector: Float32Array;
  /** Hidden ground truth: exposure the item gets regardless of taste. */
  popularity: number;
}

export interface CategoryInterest {
  categoryIndex: number;
  weight: number;
}

export interface WorldUser {
  input: UserRecord;
  /** Hidden ground truth: what the user likes (unit length); affinity is its dot product with an item vector. */
  taste: Float32Array;
  /**
   * The categories the user actually watches, strongest first, weights summing to 1. A session
   * picks from these, except for an exploration share drawn from the whole catalogue's category mix.
   */
  interests: CategoryInterest[];
  /** Relative share of all sessions: heavy-tailed, a few users are very active. */
  activity: number;
  device: Device;
}

export interface DemoWorld {
  params: DemoWorldParams;
  categories: string[];
  items: WorldItem[];
  users: WorldUser[];
}

const DAY_MS = 86_400_000;
/** Separate random streams: changing the event count must not change the catalogue or the audience. */
const STREAMS = { geometry: 0, items: 1, users: 2, events: 3 } as const;

// Taste-space geometry. Vectors are normalised, so affinities are cosines in [-1, 1].
const FAMILY_PULL = 0.6;
const TAG_PULL = 0.35;
const ITEM_NOISE = 0.45;
const TASTE_NOISE = 0.3;

// Catalogue shape.
const CATALOGUE_SPAN_DAYS = 730;
const FRESH_SHARE = 0.03;
const FRESH_DAYS = 7;
const BACK_CATALOGUE_SHARE = 0.3;
const SHARED_TAG_SHARE = 0.15;
const POPULARITY_SPREAD = 1.3;
/** New releases get a boost that fades over about a month and a half. */
const NEW_RELEASE_BOOST = 2;
const NEW_RELEASE_DAYS = 45;
const HIDDEN_SHARE = 0.005;
const EXPIRED_SHARE = 0.005;
const EXPIRING_SHARE = 0.02;

// Audience shape.
const EXPLICIT_PREFERENCE_SHARE = 1 / 3;
const ACTIVITY_SPREAD = 1.3;
const INTEREST_SPREAD = 0.6;
export type Device = 'mobile' | 'web' | 'tv';
const DEVICES = new WeightedChoice<Device>([
  { value: 'mobile', weight: 5 },
  { value: 'web', weight: 3 },
  { value: 'tv', weight: 2 },
]);
const DATA_SHARING = new WeightedChoice<DataSharing>([
  { value: 'standard', weight: 85 },
  { value: 'minimal', weight: 10 },
  { value: 'enhanced', weight: 5 },
]);
/** How many categories a user cares about. */
const INTEREST_COUNTS = new WeightedChoice([
  { value: 1, weight: 35 },
  { value: 2, weight: 40 },
  { value: 3, weight: 25 },
]);
const LANGUAGE = new WeightedChoice(LANGUAGES.map((language) => ({ value: language.code, weight: language.weight })));

export function generateWorld(input: DemoWorldParamsInput = {}): DemoWorld {
  const params = demoWorldParamsSchema.parse(input);
  const vocabularies = CATEGORY_VOCABULARIES.slice(0, params.categories);
  const geometry = buildGeometry(new Random(params.seed, STREAMS.geometry), vocabularies, params.dims);
  const categoryShares = new AliasTable(vocabularies.map((vocabulary) => vocabulary.weight));
  return {
    params,
    categories: vocabularies.map((vocabulary) => vocabulary.name),
    items: generateItems(params, vocabularies, geometry, categoryShares),
    users: generateUsers(params, vocabularies, geometry, categoryShares),
  };
}

// ---------------------------------------------------------------------------------------------
// Geometry

interface Geometry {
  centroids: Float32Array[];
  tagVectors: Map<string, Float32Array>;
}

function buildGeometry(random: Random, vocabularies: readonly CategoryVocabulary[], dims: number): Geometry {
  const families = new Map<CategoryFamily, Float32Array>();
  const centroids = vocabularies.map((vocabulary) => {
    let family = families.get(vocabulary.family);
    if (!family) {
      family = randomUnitVector(random, dims);
      families.set(vocabulary.family, family);
    }
    const centroid = randomUnitVector(random, dims);
    addScaled(centroid, family, FAMILY_PULL);
    return normalize(centroid);
  });
  // Tags carry a little taste of their own, so content features predict preferences within a category.
  const tagVectors = new Map<string, Float32Array>();
  for (const tag of [...vocabularies.flatMap((vocabulary) => vocabulary.tags), ...SHARED_TAGS]) {
    if (!tagVectors.has(tag)) tagVectors.set(tag, randomUnitVector(random, dims));
  }
  return { centroids, tagVectors };
}

// ---------------------------------------------------------------------------------------------
// Items

/** What happens to an item besides being published: a few are hidden or have expired, so serving has something to filter. */
type ItemFate = 'normal' | 'hidden' | 'expired' | 'expiring';

interface TitleBook {
  used: Set<string>;
  /** Next sequel number per base title, so disambiguating stays O(1) when a big catalogue exhausts the word lists. */
  nextPart: Map<string, number>;
}

interface TitleWords {
  A: string;
  N: string;
  S: string;
}

const MAX_TITLE_ATTEMPTS = 12;

function generateItems(params: DemoWorldParams, vocabularies: readonly CategoryVocabulary[], geometry: Geometry, categoryShares: AliasTable): WorldItem[] {
  const random = new Random(params.seed, STREAMS.items);
  const categoryIndices = assignCategories(random, params.items, vocabularies.length, categoryShares);
  const fates = assignFates(random, params.items);
  const titles: TitleBook = { used: new Set(), nextPart: new Map() };
  // One buffer for all vectors: far less garbage than one typed array per item, and scans stay in cache.
  const vectors = new Float32Array(params.items * params.dims);
  const nowMs = params.now.getTime();
  const catalogueSpanMs = Math.max(CATALOGUE_SPAN_DAYS, 2 * params.days) * DAY_MS;

  return categoryIndices.map((categoryIndex, index) => {
    const vocabulary = vocabularies[categoryIndex] as CategoryVocabulary;
    const publishedAt = new Date(publicationTime(random, nowMs, catalogueSpanMs));
    const year = releaseYear(random, publishedAt);
    const { title, words } = uniqueTitle(random, vocabulary, year, titles);
    const tags = chooseTags(random, vocabulary);
    const fate = fates.get(index) ?? 'normal';
    const { published, expires } = applyFate(random, fate, publishedAt, nowMs);
    const ageDays = (nowMs - published.getTime()) / DAY_MS;
    return {
      input: {
        id: `item-${padIndex(index, params.items)}`,
        title,
        description: describe(random, vocabulary, words),
        category: vocabulary.name,
        tags,
        attributes: {
          year,
          duration_minutes: randomInt(random, vocabulary.durationMinutes[0], vocabulary.durationMinutes[1]),
          rating_age: random.pick(vocabulary.ageRatings),
          language: LANGUAGE.pick(random),
        },
        is_hidden: fate === 'hidden',
        published_at: published,
        expires_at: expires,
      },
      categoryIndex,
      vector: itemVector(random, geometry, categoryIndex, tags, vectors.subarray(index * params.dims, (index + 1) * params.dims)),
      popularity: random.lognormal(0, POPULARITY_SPREAD) * (1 + NEW_RELEASE_BOOST * Math.exp(-ageDays / NEW_RELEASE_DAYS)),
    };
  });
}

/** Every category gets at least one item; the rest follow the categories' catalogue shares. */
function assignCategories(random: Random, count: number, categories: number, shares: AliasTable): number[] {
  const assigned = Array.from({ length: count }, (_, index) => (index < categories ? index : shares.sample(random)));
  return random.shuffle(assigned);
}

/** Exact counts rather than coin flips, so even a small test world has hidden and expired items. */
function assignFates(random: Random, count: number): Map<number, ItemFate> {
  const fates = new Map<number, ItemFate>();
  const quotas: [ItemFate, number][] = [
    ['hidden', Math.ceil(count * HIDDEN_SHARE)],
    ['expired', Math.ceil(count * EXPIRED_SHARE)],
    ['expiring', Math.floor(count * EXPIRING_SHARE)],
  ];
  for (const [fate, quota] of quotas) {
    for (let assigned = 0; assigned < quota && fates.size < count; ) {
      const index = random.int(count);
      if (fates.has(index)) continue;
      fates.set(index, fate);
      assigned++;
    }
  }
  return fates;
}

function publicationTime(random: Random, nowMs: number, catalogueSpanMs: number): number {
  const ageMs = random.chance(FRESH_SHARE) ? random.uniform(0, FRESH_DAYS * DAY_MS) : random.uniform(FRESH_DAYS * DAY_MS, catalogueSpanMs);
  // Whole seconds: the stored value then round-trips through JSON and the database unchanged.
  return Math.round((nowMs - ageMs) / 1000) * 1000;
}

/** Most titles are new releases; the back catalogue is older films put on the service later. */
function releaseYear(random: Random, publishedAt: Date): number {
  const year = publishedAt.getUTCFullYear();
  return random.chance(BACK_CATALOGUE_SHARE) ? year - 1 - random.int(40) : year;
}

function applyFate(random: Random, fate: ItemFate, publishedAt: Date, nowMs: number): { published: Date; expires: Date | null } {
  if (fate === 'expired') {
    const expires = roundToSecond(nowMs - random.uniform(1, 60) * DAY_MS);
    // An item must have been live for a while before it expired.
    const latestPublication = expires - 30 * DAY_MS;
    const published = publishedAt.getTime() < latestPublication ? publishedAt.getTime() : roundToSecond(latestPublication - random.uniform(0, 335) * DAY_MS);
    return { published: new Date(published), expires: new Date(expires) };
  }
  if (fate === 'expiring') return { published: publishedAt, expires: new Date(roundToSecond(nowMs + random.uniform(1, 120) * DAY_MS)) };
  return { published: publishedAt, expires: null };
}

function uniqueTitle(random: Random, vocabulary: CategoryVocabulary, year: number, book: TitleBook): { title: string; words: TitleWords } {
  let words = pickTitleWords(random, vocabulary);
  let title = composeTitle(random, vocabulary, words);
  for (let attempt = 1; attempt < MAX_TITLE_ATTEMPTS && book.used.has(title); attempt++) {
    words = pickTitleWords(random, vocabulary);
    title = composeTitle(random, vocabulary, words);
  }
  // Real catalogues tell remakes apart by year, and sequels by number.
  let unique = book.used.has(title) ? `${title} (${year})` : title;
  while (book.used.has(unique)) {
    const part = book.nextPart.get(title) ?? 2;
    book.nextPart.set(title, part + 1);
    unique = `${title}: Part ${part}`;
  }
  book.used.add(unique);
  return { title: unique, words };
}

function pickTitleWords(random: Random, vocabulary: CategoryVocabulary): TitleWords {
  return { A: random.pick(vocabulary.adjectives), N: random.pick(vocabulary.nouns), S: random.pick(vocabulary.settings) };
}

function composeTitle(random: Random, vocabulary: CategoryVocabulary, words: TitleWords): string {
  return capitalise(fill(random.pick(vocabulary.titles), words));
}

function describe(random: Random, vocabulary: CategoryVocabulary, words: TitleWords): string {
  return `${capitalise(fill(random.pick(vocabulary.premises), words))} ${random.pick(vocabulary.hooks)}`;
}

/**
 * `{A}`, `{N}`, `{S}` as written; `{a}`, `{n}` in lower case for use mid-sentence. An article
 * right before a slot agrees with the word that lands there: "an ember", "the Void" not "the the Void".
 */
function fill(template: string, words: TitleWords): string {
  return template.replace(/(\b[Aa] |\b[Tt]he )?\{([ANSan])\}/g, (_, article: string | undefined, slot: string) => {
    const word = slot === 'a' ? words.A.toLowerCase() : slot === 'n' ? words.N.toLowerCase() : words[slot as keyof TitleWords];
    if (!article) return word;
    if (/^the /i.test(article) && /^the /i.test(word)) return article + word.slice('the '.length);
    if (/^a $/i.test(article) && /^[aeiou]/i.test(word)) return `${article.trimEnd()}n ${word}`;
    return article + word;
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Two to five tags, mostly from the category's own pool. */
function chooseTags(random: Random, vocabulary: CategoryVocabulary): string[] {
  const pool = [...vocabulary.tags];
  const count = Math.min(pool.length, 2 + random.int(4));
  const tags: string[] = [];
  for (let i = 0; i < count; i++) {
    const pick = i + random.int(pool.length - i);
    [pool[i], pool[pick]] = [pool[pick] as string, pool[i] as string];
    tags.push(pool[i] as string);
  }
  if (random.chance(SHARED_TAG_SHARE)) tags[tags.length - 1] = random.pick(SHARED_TAGS);
  return tags;
}

function itemVector(random: Random, geometry: Geometry, categoryIndex: number, tags: string[], target: Float32Array): Float32Array {
  target.set(geometry.centroids[categoryIndex] as Float32Array);
  for (const tag of tags) {
    const tagVector = geometry.tagVectors.get(tag);
    if (tagVector) addScaled(target, tagVector, TAG_PULL / tags.length);
  }
  addNoise(random, target, ITEM_NOISE);
  return normalize(target);
}

// ---------------------------------------------------------------------------------------------
// Users

function generateUsers(params: DemoWorldParams, vocabularies: readonly CategoryVocabulary[], geometry: Geometry, categoryShares: AliasTable): WorldUser[] {
  const random = new Random(params.seed, STREAMS.users);
  const tastes = new Float32Array(params.users * params.dims);
  return Array.from({ length: params.users }, (_, index) => {
    const interests = chooseInterests(random, vocabularies.length, categoryShares);
    const explicitCount = random.chance(EXPLICIT_PREFERENCE_SHARE) ? 1 + random.int(interests.length) : 0;
    return {
      input: {
        id: `user-${padIndex(index, params.users)}`,
        preferences: {
          categories: interests.slice(0, explicitCount).map((interest) => (vocabularies[interest.categoryIndex] as CategoryVocabulary).name),
          attributes: {},
        },
        data_sharing: DATA_SHARING.pick(random),
      },
      taste: tasteVector(random, geometry, interests, tastes.subarray(index * params.dims, (index + 1) * params.dims)),
      interests,
      activity: random.lognormal(0, ACTIVITY_SPREAD),
      device: DEVICES.pick(random),
    };
  });
}

/** One to three distinct categories, popular ones more often, with uneven weights. */
function chooseInterests(random: Random, categoryCount: number, categoryShares: AliasTable): CategoryInterest[] {
  const wanted = Math.min(categoryCount, INTEREST_COUNTS.pick(random));
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(categoryShares.sample(random));
  const interests = [...chosen].map((categoryIndex) => ({ categoryIndex, weight: random.lognormal(0, INTEREST_SPREAD) }));
  const total = interests.reduce((sum, interest) => sum + interest.weight, 0);
  return interests.map((interest) => ({ ...interest, weight: interest.weight / total })).sort((a, b) => b.weight - a.weight);
}

function tasteVector(random: Random, geometry: Geometry, interests: CategoryInterest[], target: Float32Array): Float32Array {
  for (const interest of interests) addScaled(target, geometry.centroids[interest.categoryIndex] as Float32Array, interest.weight);
  addNoise(random, target, TASTE_NOISE);
  return normalize(target);
}

// ---------------------------------------------------------------------------------------------
// Ground truth

/** Affinity at which a user is as likely to enjoy an item as not. */
const ENJOYMENT_MIDPOINT = 0.35;
const ENJOYMENT_SLOPE = 8;
/** Click rate of a perfectly matched item in the first slot. */
const TOP_CLICK_RATE = 0.35;

/** Cosine between a user's taste and an item: about 0.5–0.9 inside the user's interests, near 0 outside. */
export function trueAffinity(world: DemoWorld, userIndex: number, itemIndex: number): number {
  return dot(userAt(world, userIndex).taste, itemAt(world, itemIndex).vector);
}

/** Chance that the user, shown the item at `position` (0 = first slot) of a list, clicks it. */
export function clickProbability(world: DemoWorld, userIndex: number, itemIndex: number, position: number): number {
  if (!Number.isInteger(position) || position < 0) throw new RangeError(`position must be a non-negative integer, got ${position}`);
  // The usual logarithmic position discount: attention falls off quickly, then flattens.
  return (TOP_CLICK_RATE * enjoyment(trueAffinity(world, userIndex, itemIndex))) / Math.log2(position + 2);
}

function enjoyment(affinity: number): number {
  return 1 / (1 + Math.exp(-ENJOYMENT_SLOPE * (affinity - ENJOYMENT_MIDPOINT)));
}

function userAt(world: DemoWorld, index: number): WorldUser {
  const user = world.users[index];
  if (!user) throw new RangeError(`no user at index ${index}`);
  return user;
}

function itemAt(world: DemoWorld, index: number): WorldItem {
  const item = world.items[index];
  if (!item) throw new RangeError(`no item at index ${index}`);
  return item;
}

// ---------------------------------------------------------------------------------------------
// Events

export const DEFAULT_EVENT_BATCH = 5_000;

/**
 * The world's interaction history, `params.events` events in batches, oldest first (to within a
 * session). Only the current batch is held in memory, so millions of events stream straight
 * into the database; the same world always yields the same events with the same ids.
 */
export function* generateEvents(world: DemoWorld, batchSize = DEFAULT_EVENT_BATCH): Generator<NewEvent[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const simulator = new HistorySimulator(world);
  for (let sessionNumber = 1; !simulator.finished; sessionNumber++) {
    simulator.simulateSession(sessionNumber);
    while (simulator.pending.length >= batchSize) yield simulator.takeBatch(batchSize);
  }
  while (simulator.pending.length > 0) yield simulator.takeBatch(batchSize);
}

// Sessions.
const SESSION_CONTINUE = 0.65;
const MAX_INTERACTIONS = 12;
const CATEGORY_SWITCH = 0.25;
const EXPLORATION = 0.1;
const DEVICE_SWITCH = 0.15;
/** Sessions start at least this long before `now`, so their events rarely need clamping to it. */
const SESSION_ALLOWANCE_MS = 60 * 60 * 1000;
const MEDIAN_BROWSE_GAP_MS = 90_000;
const MAX_BROWSE_GAP_MS = 20 * 60 * 1000;

// Choosing items: draw candidates by popularity, then pick among them by softmax of affinity.
const CANDIDATES = 16;
const AFFINITY_SHARPNESS = 6;
const OFF_CATEGORY = 0.1;
const NEGATIVE_SHARE = 0.07;
/** At most `CANDIDATES`: the scratch arrays are sized for that. */
const NEGATIVE_CANDIDATES = 8;
/** Consecutive interactions that found nothing live before we give up: only an empty window does that. */
const MAX_EMPTY_INTERACTIONS = 10_000;

// Reactions to a chosen item.
const CLICK_SHARE = 0.4;
const FOLLOW_UP_RATE = 0.3;
const BOUNCE_RATE = 0.15;
const PURCHASE_RATE = 0.5;
const DISLIKE_SHARE = 0.35;
const FOLLOW_UPS = new WeightedChoice<EventType>([
  { value: 'like', weight: 35 },
  { value: 'rate', weight: 25 },
  { value: 'add_to_cart', weight: 25 },
  { value: 'share', weight: 15 },
]);
const BROWSE_PAGES = ['home', 'recommendations', 'category', 'search'];

/**
 * Items to draw from, by popularity. Each member's lifetime and vector are copied into one record,
 * in slot order: a draw then reads one small contiguous block instead of chasing objects across
 * the heap. Cache misses, not arithmetic, are what limit millions of draws from a large catalogue.
 */
interface ItemPool {
  /** Slot → index into `world.items`. */
  items: Int32Array;
  table: AliasTable;
  /** Per slot: live from, live until (minutes relative to `now`, exact in float32), then the vector. */
  records: Float32Array;
  stride: number;
}

const RECORD_HEADER = 2;
const MINUTE_MS = 60_000;

interface SessionState {
  userIndex: number;
  sessionId: string;
  device: Device;
  at: number;
}

/** Appends events to `pending` session by session, stopping at exactly `params.events`. */
class HistorySimulator {
  pending: NewEvent[] = [];
  private readonly random: Random;
  private readonly total: number;
  private readonly nowMs: number;
  private readonly windowStartMs: number;
  private readonly users: AliasTable;
  // Ids by index: an event then reads one array slot instead of following user → input → id.
  private readonly userIds: string[];
  private readonly itemIds: string[];
  private readonly categories: AliasTable;
  private readonly byCategory: ItemPool[];
  private readonly everything: ItemPool;
  private readonly candidateSlots = new Int32Array(CANDIDATES);
  private readonly candidateWeights = new Float64Array(CANDIDATES);
  private readonly candidateAffinities = new Float64Array(CANDIDATES);
  /** Affinity of the item `chooseItem` last returned, so the caller need not look the item up again. */
  private chosenAffinity = 0;
  private emitted = 0;
  private emptyInteractions = 0;

  constructor(private readonly world: DemoWorld) {
    const { params } = world;
    this.random = new Random(params.seed, STREAMS.events);
    this.total = params.events;
    this.nowMs = params.now.getTime();
    this.windowStartMs = this.nowMs - params.days * DAY_MS;
    this.users = new AliasTable(world.users.map((user) => user.activity));
    this.userIds = world.users.map((user) => user.input.id);
    this.itemIds = world.items.map((item) => item.input.id);
    this.categories = new AliasTable(CATEGORY_VOCABULARIES.slice(0, world.categories.length).map((vocabulary) => vocabulary.weight));
    this.byCategory = world.categories.map((_, categoryIndex) => itemPool(world.items, this.nowMs, (item) => item.categoryIndex === categoryIndex));
    this.everything = itemPool(world.items, this.nowMs, () => true);
  }

  get finished(): boolean {
    return this.emitted >= this.total;
  }

  takeBatch(size: number): NewEvent[] {
    const batch = this.pending;
    this.pending = batch.splice(size);
    return batch;
  }

  simulateSession(sessionNumber: number): void {
    const userIndex = this.users.sample(this.random);
    const user = userAt(this.world, userIndex);
    const session: SessionState = {
      userIndex,
      sessionId: `demo-${this.world.params.seed}-s${sessionNumber}`,
      device: this.random.chance(DEVICE_SWITCH) ? DEVICES.pick(this.random) : user.device,
      at: this.sessionStart(),
    };
    // People binge: a session mostly stays in one category.
    let categoryIndex = this.chooseCategory(user);
    for (let interaction = 0; interaction < MAX_INTERACTIONS && !this.finished; interaction++) {
      if (interaction > 0 && !this.random.chance(SESSION_CONTINUE)) return;
      if (interaction > 0 && this.random.chance(CATEGORY_SWITCH)) categoryIndex = this.chooseCategory(user);
      session.at = Math.min(this.nowMs, session.at + this.browseGap());
      if (this.random.chance(NEGATIVE_SHARE)) this.reject(session, user);
      else this.engage(session, user, categoryIndex);
    }
  }

  /** Sessions advance with the event count, so the history comes out (nearly) in time order. */
  private sessionStart(): number {
    const progress = (this.emitted + this.random.next()) / Math.max(1, this.total);
    const usableMs = Math.max(0, this.nowMs - this.windowStartMs - SESSION_ALLOWANCE_MS);
    return this.windowStartMs + progress * usableMs;
  }

  private browseGap(): number {
    return Math.min(MAX_BROWSE_GAP_MS, MEDIAN_BROWSE_GAP_MS * this.random.lognormal(0, 1));
  }

  private chooseCategory(user: WorldUser): number {
    if (this.random.chance(EXPLORATION)) return this.categories.sample(this.random);
    let roll = this.random.next();
    for (const interest of user.interests) {
      roll -= interest.weight;
      if (roll < 0) return interest.categoryIndex;
    }
    return user.interests[0]?.categoryIndex ?? 0;
  }

  /** A title the user is drawn to: popular ones come up more, and good matches win among those. */
  private engage(session: SessionState, user: WorldUser, categoryIndex: number): void {
    const pool = this.random.chance(OFF_CATEGORY) ? this.everything : (this.byCategory[categoryIndex] ?? this.everything);
    const itemIndex = this.chooseItem(pool, user.taste, session.at, CANDIDATES, AFFINITY_SHARPNESS);
    if (itemIndex < 0) return;
    const liking = enjoyment(this.chosenAffinity);
    const opened = this.random.chance(CLICK_SHARE) ? 'click' : 'view';
    this.emit(session, itemIndex, opened, null, opened === 'click' ? this.random.pick(BROWSE_PAGES) : 'item');
    if (this.random.chance(liking * FOLLOW_UP_RATE)) {
      this.followUp(session, itemIndex, liking);
    } else if (this.random.chance((1 - liking) * BOUNCE_RATE)) {
      this.emit(session, itemIndex, 'skip', null, 'item');
    }
  }

  private followUp(session: SessionState, itemIndex: number, liking: number): void {
    const type = FOLLOW_UPS.pick(this.random);
    this.emit(session, itemIndex, type, type === 'rate' ? this.stars(liking) : null, 'item');
    if (type === 'add_to_cart' && this.random.chance(liking * PURCHASE_RATE)) this.emit(session, itemIndex, 'purchase', null, 'checkout');
  }

  /** A title pushed at the user that misses their taste: skipped, sometimes disliked outright. */
  private reject(session: SessionState, user: WorldUser): void {
    const itemIndex = this.chooseItem(this.everything, user.taste, session.at, NEGATIVE_CANDIDATES, -AFFINITY_SHARPNESS);
    if (itemIndex < 0) return;
    const disliked = this.random.chance(DISLIKE_SHARE);
    this.emit(session, itemIndex, disliked ? 'dislike' : 'skip', null, disliked ? 'item' : this.random.pick(BROWSE_PAGES));
  }

  /** Softmax of `sharpness × affinity` over the live candidates; -1 if none was live at that moment. */
  private chooseItem(pool: ItemPool, taste: Float32Array, at: number, candidates: number, sharpness: number): number {
    const { records, stride } = pool;
    const dims = taste.length;
    const atMinute = (at - this.nowMs) / MINUTE_MS;
    let live = 0;
    let total = 0;
    for (let draw = 0; draw < candidates; draw++) {
      const slot = pool.table.sample(this.random);
      const record = slot * stride;
      if (atMinute < (records[record] as number) || atMinute >= (records[record + 1] as number)) continue;
      const vector = record + RECORD_HEADER;
      let affinity = 0;
      for (let d = 0; d < dims; d++) affinity += (taste[d] as number) * (records[vector + d] as number);
      const weight = Math.exp(sharpness * affinity);
      this.candidateSlots[live] = slot;
      this.candidateWeights[live] = weight;
      this.candidateAffinities[live] = affinity;
      total += weight;
      live++;
    }
    if (live === 0) {
      if (++this.emptyInteractions > MAX_EMPTY_INTERACTIONS) throw new Error('demo world: no item is live during the event window');
      return -1;
    }
    this.emptyInteractions = 0;
    let roll = this.random.next() * total;
    let chosen = live - 1;
    for (let candidate = 0; candidate < live - 1; candidate++) {
      roll -= this.candidateWeights[candidate] as number;
      if (roll < 0) {
        chosen = candidate;
        break;
      }
    }
    this.chosenAffinity = this.candidateAffinities[chosen] as number;
    return pool.items[this.candidateSlots[chosen] as number] as number;
  }

  private stars(liking: number): number {
    return Math.min(5, Math.max(1, Math.round(1 + 4 * liking + this.random.normal(0, 0.7))));
  }

  private emit(session: SessionState, itemIndex: number, type: EventType, value: number | null, page: string): void {
    if (this.finished) return;
    this.emitted++;
    // Reactions follow the opening event by seconds, not minutes.
    if (type !== 'view' && type !== 'click') session.at = Math.min(this.nowMs, session.at + this.random.uniform(5_000, 60_000));
    this.pending.push({
      eventId: `demo-${this.world.params.seed}-${this.emitted}`,
      userId: this.userIds[session.userIndex] as string,
      itemId: this.itemIds[itemIndex] as string,
      type,
      value,
      occurredAt: new Date(Math.round(session.at)),
      sessionId: session.sessionId,
      context: { device: session.device, page },
      recommendationId: null,
    });
  }
}

function itemPool(items: WorldItem[], nowMs: number, include: (item: WorldItem) => boolean): ItemPool {
  const members = items.flatMap((item, index) => (include(item) ? [index] : []));
  const stride = RECORD_HEADER + (items[0]?.vector.length ?? 0);
  const records = new Float32Array(members.length * stride);
  // Whole minutes, rounded inwards: an event never lands before publication or after expiry.
  const minutesFromNow = (date: Date | null, absent: number, round: (minutes: number) => number) =>
    date ? round((date.getTime() - nowMs) / MINUTE_MS) : absent;
  members.forEach((itemIndex, slot) => {
    const item = items[itemIndex] as WorldItem;
    records[slot * stride] = minutesFromNow(item.input.published_at, -Infinity, Math.ceil);
    records[slot * stride + 1] = minutesFromNow(item.input.expires_at, Infinity, Math.floor);
    records.set(item.vector, slot * stride + RECORD_HEADER);
  });
  return { items: Int32Array.from(members), table: new AliasTable(members.map((itemIndex) => (items[itemIndex] as WorldItem).popularity)), records, stride };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** "item-00001": at least five digits, more when the world needs them, so ids sort in creation order. */
function padIndex(index: number, count: number): string {
  return String(index + 1).padStart(Math.max(5, String(count).length), '0');
}

function randomInt(random: Random, min: number, max: number): number {
  return min + random.int(max - min + 1);
}

function roundToSecond(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

function randomUnitVector(random: Random, dims: number): Float32Array {
  const vector = new Float32Array(dims);
  for (let i = 0; i < dims; i++) vector[i] = random.normal();
  return normalize(vector);
}

/** Noise of total length about `scale`, whatever the dimension. */
function addNoise(random: Random, vector: Float32Array, scale: number): void {
  const perDimension = scale / Math.sqrt(vector.length);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) + random.normal(0, perDimension);
}

function addScaled(target: Float32Array, source: Float32Array, scale: number): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + scale * (source[i] as number);
}

function normalize(vector: Float32Array): Float32Array {
  const length = Math.sqrt(dot(vector, vector));
  if (length > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / length;
  return vector;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
