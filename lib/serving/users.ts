import 'server-only';
import type { DatabaseConnection } from '@/db';
import { getConnection } from '@/db';
import { onChange, publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import { DEFAULT_DATA_SHARING, sharingPolicy } from '@/lib/users/privacy';
import { TableMirror } from './mirror';
import { Refreshing } from './refreshing';

/** What serving needs to know about an end user's profile, held in memory. */
export interface UserEntry {
  id: string;
  preferredCategories: string[];
  attributes: Record<string, unknown>;
  dataSharing: 'minimal' | 'standard' | 'enhanced';
  updatedAt: number;
}

type UserRow = { external_id: string; preferred_categories: string[]; attributes: Record<string, unknown>; data_sharing: UserEntry['dataSharing']; updated: number };

/** Every end user's profile, so a request reads preferences and attributes without a query. */
export class UserMirror extends TableMirror<UserRow, UserEntry> {
  constructor(conn: DatabaseConnection) {
    super(conn, {
      table: 'users',
      columns: 'external_id, preferred_categories, attributes, data_sharing, extract(epoch from updated_at) * 1000 as updated',
      toEntry: (row) => ({ id: row.external_id, preferredCategories: row.preferred_categories, attributes: row.attributes, dataSharing: row.data_sharing, updatedAt: Number(row.updated) }),
    });
  }
}

/** As fresh as the catalogue: a profile update reaches the next request of every instance within this. */
const USERS_MAX_AGE_MS = 1_000;

function usersState(): Refreshing<UserMirror> {
  return processSingleton('serving-users', () => {
    const state = new Refreshing<UserMirror>(
      async (previous) => {
        const mirror = previous ?? new UserMirror(await getConnection());
        await mirror.refresh();
        return mirror;
      },
      { maxAgeMs: USERS_MAX_AGE_MS, staleWhileRefreshing: true, invalidatedBy: 'users', onError: (error) => log.warn('refreshing the users mirror failed', error) },
    );
    // Polling sees updated rows, never deleted ones: a deletion leaves at once, and the whole table
    // is re-read in case a deletion went unannounced.
    onChange('user-deletions', (userId) => void forgetInMirror(state, userId));
    return state;
  });
}

async function forgetInMirror(state: Refreshing<UserMirror>, userId: string | undefined): Promise<void> {
  try {
    const mirror = await state.get();
    if (userId !== undefined) mirror.delete(userId);
    await mirror.refresh({ whole: true });
  } catch (error) {
    log.warn('re-reading the users mirror after a deletion failed', error);
  }
}

export function servingUsers(): Promise<UserMirror> {
  return usersState().get();
}

/**
 * The events whose users share their behaviour: those a real-time profile may hold. A minimal
 * user's events are stored (they count in popularity and experiment metrics) but kept out of it.
 * A user the mirror does not know yet is at the default level. When the mirror cannot be read,
 * the levels are unknown, and no event is let through.
 */
export async function eventsOfBehaviourSharers<T extends { userId: string }>(events: T[]): Promise<T[]> {
  let users: UserMirror;
  try {
    users = await servingUsers();
  } catch (error) {
    log.warn('reading the users mirror failed; these events skip the real-time store', error);
    return [];
  }
  return events.filter((event) => sharingPolicy(users.get(event.userId)?.dataSharing ?? DEFAULT_DATA_SHARING).behaviour);
}

/** Profile writes call this, so the next response of every process reflects them. */
export function usersChanged(): void {
  publishChange('users');
}
