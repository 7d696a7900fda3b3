import type { DataSharing } from './schema';

/**
 * What a user's data-sharing level lets Tailor use. Serving, ingest and training all ask here, and
 * the README's "Privacy levels" table says the same:
 * - `minimal`: no behavioural profile. The feed uses stated preferences, popularity, trending and
 *   editorial picks; the user's events count only in aggregates (item popularity, experiment
 *   metrics), never as their history, real-time profile or training row.
 * - `standard`: the behavioural profile (trained factors and history, precomputed lists, the
 *   real-time store), but no personal context.
 * - `enhanced`: also the personal context: the session's category, the request's device, the
 *   time of day, and the user's attributes, in ranking and in segment targeting.
 */
export interface SharingPolicy {
  /** Events build the user's profile: history, trained row, precomputed lists, real-time store. */
  behaviour: boolean;
  /** Session, device, time of day and attributes shape ranking and curation segments. */
  context: boolean;
}

const POLICIES: Record<DataSharing, SharingPolicy> = {
  minimal: { behaviour: false, context: false },
  standard: { behaviour: true, context: false },
  enhanced: { behaviour: true, context: true },
};

/** Users the users table does not know (yet) are served at the default level. */
export const DEFAULT_DATA_SHARING: DataSharing = 'standard';

export function sharingPolicy(level: DataSharing): SharingPolicy {
  return POLICIES[level];
}

export type TimeOfDay = 'night' | 'morning' | 'afternoon' | 'evening';

/** The parts of a day as segments name them, by local hour: 0–5 night, 6–11 morning, 12–17 afternoon, 18–23 evening. */
export function timeOfDay(at: number, timeZone: string | null): TimeOfDay {
  const hour = localHour(at, timeZone);
  return hour < 6 ? 'night' : hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour in the user's `timezone` attribute (an IANA name), or in UTC when it is missing or unknown. */
function localHour(at: number, timeZone: string | null): number {
  if (timeZone === null) return new Date(at).getUTCHours();
  let format = hourFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone });
    } catch {
      return new Date(at).getUTCHours();
    }
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}
