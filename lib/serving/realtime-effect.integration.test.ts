import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { getConnection } from '@/db';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

/**
 * The feed answers a click at once (issue 14): a user who clicks three items of a category they
 * never used finds that category in their next feed. Measured over several users of a trained
 * demo world, through the HTTP routes, as a browsing user meets it.
 */
const USERS = 8;
const CLICKS = 3;
const FEED_SIZE = 20;

interface Trial {
  user: string;
  category: string;
  before: string[];
  after: string[];
}

let trials: Trial[] = [];

beforeAll(async () => {
  await servingWorld();
  const conn = await getConnection();
  const users = await conn.query<{ user_id: string }>(
    `select u.external_id as user_id from users u join events e on e.user_id = u.id group by u.external_id having count(*) >= 20 order by u.external_id limit ${USERS}`,
  );
  trials = [];
  for (const { user_id: user } of users) {
    const used = new Set(
      (await conn.query<{ category: string }>('select distinct i.category from events e join users u on u.id = e.user_id join items i on i.id = e.item_id where u.external_id = $1', [user])).map(
        (row) => row.category,
      ),
    );
    // The unused category with the most items, so that there is something in it to recommend.
    const [fresh] = await conn.query<{ category: string }>(
      'select category from items where category is not null and not (category = any($1::text[])) group by category order by count(*) desc, category limit 1',
      [[...used]],
    );
    if (!fresh) continue;
    const before = await categoriesOfFeed(user);
    const clicked = await conn.query<{ external_id: string }>('select external_id from items where category = $1 and not is_hidden order by external_id limit $2', [fresh.category, CLICKS]);
    const events = clicked.map(({ external_id: item }, n) => ({ event_id: `realtime-${user}-${n}`, user_id: user, item_id: item, type: 'click' as const, session_id: `session-${user}` }));
    const posted = await call(postEvents, 'POST', '/api/v1/events', { body: events });
    expect(posted.status).toBe(200);
    trials.push({ user, category: fresh.category, before, after: await categoriesOfFeed(user) });
  }
}, 240_000);

async function categoriesOfFeed(user: string): Promise<string[]> {
  const response = await call(feed, 'GET', `/api/v1/recommendations?user=${user}&n=${FEED_SIZE}`);
  expect(response.status).toBe(200);
  return response.body.items.map((item: { category: string }) => item.category);
}

const inCategory = (categories: string[], category: string) => categories.filter((c) => c === category).length;

describe('three clicks in a new category', () => {
  it('bring that category into the next feed, near the top', () => {
    expect(trials.length).toBeGreaterThanOrEqual(USERS / 2);
    const before = trials.map((trial) => inCategory(trial.before, trial.category));
    const after = trials.map((trial) => inCategory(trial.after, trial.category));
    const firstFive = trials.map((trial) => inCategory(trial.after.slice(0, 5), trial.category));
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    console.info(`realtime effect over ${trials.length} users: before ${mean(before).toFixed(2)}/20, after ${mean(after).toFixed(2)}/20, first five ${mean(firstFive).toFixed(2)}/5`);
    expect(mean(after)).toBeGreaterThanOrEqual(3);
    expect(mean(after) - mean(before)).toBeGreaterThanOrEqual(2);
    expect(firstFive.filter((count) => count > 0).length).toBeGreaterThanOrEqual(trials.length / 2);
  });
});
