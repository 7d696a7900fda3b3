import 'server-only';
import type { RedisClient } from '@/lib/cache/redis';
import type { EventWeights } from '@/lib/events/types';
import { PROFILE_IDLE_TTL_MS } from './memory-store';
import {
  AFFINITY_FLOOR,
  AFFINITY_HALF_LIFE_MS,
  MAX_CATEGORIES,
  RECENT_LIMIT,
  realtimeProfileSchema,
  SESSION_GAP_MS,
  weighEvents,
  type FeatureStore,
  type RealtimeEvent,
  type RealtimeProfile,
} from './profile';

/**
 * `applyWeighted` from profile.ts, run inside Redis so several web instances writing one user
 * cannot lose each other's updates: the read-modify-write is one atomic script and one round
 * trip. Keep it step for step the same as the TypeScript; the integration test compares them.
 * It uses the profile's key alone, so it runs on a Redis Cluster too.
 */
const RECORD_SCRIPT = `
local null = cjson.null
local events = cjson.decode(ARGV[1])
local ttl = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local halfLife = tonumber(ARGV[4])
local gap = tonumber(ARGV[5])
local floor = tonumber(ARGV[6])
local maxCategories = tonumber(ARGV[7])

local stored = redis.call('GET', KEYS[1])
local p
if stored then
  p = cjson.decode(stored)
else
  p = { recent = {}, session = null, categoryAffinity = {}, updatedAt = 0, version = 0 }
end

local function decay(elapsed)
  if elapsed < 0 then elapsed = 0 end
  return math.pow(2, -elapsed / halfLife)
end

-- affinity: decay to the newest time once, add each event decayed from its own time
local updatedAt = p.updatedAt
for _, e in ipairs(events) do
  if e.at > updatedAt then updatedAt = e.at end
end
local factor = decay(updatedAt - p.updatedAt)
local affinity = {}
for category, value in pairs(p.categoryAffinity) do affinity[category] = value * factor end
for _, e in ipairs(events) do
  if e.category ~= null then
    affinity[e.category] = (affinity[e.category] or 0) + e.strength * decay(updatedAt - e.at)
  end
end
local kept = {}
for category, value in pairs(affinity) do
  if math.abs(value) >= floor then table.insert(kept, { category, value }) end
end
table.sort(kept, function(a, b)
  local x, y = math.abs(a[2]), math.abs(b[2])
  if x ~= y then return x > y end
  return a[1] < b[1]
end)
local pruned = {}
for i = 1, math.min(#kept, maxCategories) do pruned[kept[i][1]] = kept[i][2] end

-- recent interactions and the session, in time order
local recent = p.recent
local s = p.session
for _, e in ipairs(events) do
  local index = #recent + 1
  for i = 1, #recent do
    if recent[i].at <= e.at then index = i break end
  end
  if index <= limit then
    table.insert(recent, index, { itemId = e.itemId, type = e.type, at = e.at, strength = e.strength })
    while #recent > limit do table.remove(recent) end
  end

  if s ~= null and e.at < s.lastAt then
    local belongs
    if e.sessionId ~= null then belongs = e.sessionId == s.id else belongs = e.at >= s.startedAt - gap end
    if belongs then
      s.views = s.views + 1
      if e.at < s.startedAt then s.startedAt = e.at end
    end
  else
    local new = s == null
    if not new then
      if e.sessionId ~= null then new = e.sessionId ~= s.id else new = e.at - s.lastAt > gap end
    end
    if new then
      s = { id = e.sessionId, category = e.category, views = 1, startedAt = e.at, lastAt = e.at }
    else
      if e.category ~= null then s.category = e.category end
      s.views = s.views + 1
      s.lastAt = e.at
    end
  end
end

p.recent = recent
p.session = s
p.categoryAffinity = pruned
p.updatedAt = updatedAt
p.version = p.version + 1
local out = cjson.encode(p)
redis.call('SET', KEYS[1], out, 'PX', ttl)
return out
`;

const COMMAND = 'tailorRealtimeRecord';

type ScriptedRedis = RedisClient & {
  [COMMAND](key: string, ...args: (string | number)[]): Promise<string>;
};

export const profileKey = (userId: string) => `realtime:${userId}`;
/**
 * Written once when the store starts empty, and before any profile: a Redis that lost its data has
 * lost this too. In a cluster it lives on one node, so only that node's loss is noticed here.
 */
export const CREATED_KEY = 'realtime-created-at';
/** How long a process trusts its last reading of the creation time: a restart is noticed within this. */
const CREATED_CHECK_MS = 5_000;

/** Profiles as one JSON value per user, so a read is a single GET. Keys expire after 30 idle days. */
export class RedisFeatureStore implements FeatureStore {
  readonly kind = 'redis';
  private readonly redis: ScriptedRedis;
  private created: { at: number; checkedAt: number } | null = null;

  constructor(redis: RedisClient) {
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: RECORD_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async read(userId: string): Promise<RealtimeProfile | null> {
    const stored = await this.redis.get(profileKey(userId));
    return stored === null ? null : parseProfile(stored);
  }

  async record(userId: string, events: RealtimeEvent[], weights: EventWeights): Promise<RealtimeProfile> {
    // The creation marker is sent first, in the same round trip (one server runs the two in order):
    // a profile written without it would have its own events read back as lost, and counted twice.
    const [, stored] = await Promise.all([
      this.redis.set(CREATED_KEY, String(Date.now()), 'NX'),
      this.redis[COMMAND](
      profileKey(userId),
      JSON.stringify(weighEvents(events, weights)),
      PROFILE_IDLE_TTL_MS,
      RECENT_LIMIT,
      AFFINITY_HALF_LIFE_MS,
      SESSION_GAP_MS,
      AFFINITY_FLOOR,
      MAX_CATEGORIES,
      ),
    ]);
    return parseProfile(stored);
  }

  async forget(userId: string): Promise<void> {
    await this.redis.del(profileKey(userId));
  }

  async completeSince(): Promise<number> {
    const now = Date.now();
    if (this.created && now - this.created.checkedAt < CREATED_CHECK_MS) return this.created.at;
    const [, stored] = (await this.redis.multi().set(CREATED_KEY, String(now), 'NX').get(CREATED_KEY).exec()) ?? [];
    const at = Number(stored?.[1] ?? now);
    this.created = { at, checkedAt: now };
    return at;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function parseProfile(stored: string): RealtimeProfile {
  return realtimeProfileSchema.parse(JSON.parse(stored));
}
