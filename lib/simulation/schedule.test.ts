import { describe, expect, it } from 'vitest';
import { generateWorld } from '@/lib/demo/world';
import { expectedVisitsPerSession, sessionsPerDayFor, VisitSchedule, type Visit } from './schedule';

const world = generateWorld({ seed: 7, items: 100, users: 200, events: 0 });
const start = new Date('2025-03-01T00:00:00Z');
const DAY_MS = 86_400_000;

function take(schedule: VisitSchedule, count: number): Visit[] {
  return Array.from({ length: count }, () => schedule.next());
}

describe('VisitSchedule', () => {
  it('is deterministic for a seed', () => {
    const options = { seed: 4, start, sessionsPerDay: 500 };
    expect(take(new VisitSchedule(world, options), 300)).toEqual(take(new VisitSchedule(world, options), 300));
    expect(take(new VisitSchedule(world, { ...options, seed: 5 }), 300)).not.toEqual(take(new VisitSchedule(world, options), 300));
  });

  it('advances the clock, numbers visits and spans the planned days', () => {
    const visits = 6_000;
    const days = 5;
    const schedule = new VisitSchedule(world, { seed: 1, start, sessionsPerDay: sessionsPerDayFor(visits, days) });
    const all = take(schedule, visits);
    all.forEach((visit, index) => {
      expect(visit.number).toBe(index + 1);
      if (index > 0) expect(visit.at.getTime()).toBeGreaterThanOrEqual(all[index - 1]!.at.getTime());
      expect(visit.day).toBe(Math.floor((visit.at.getTime() - start.getTime()) / DAY_MS));
    });
    const spanDays = (all.at(-1)!.at.getTime() - start.getTime()) / DAY_MS;
    expect(spanDays).toBeGreaterThan(days * 0.85);
    expect(spanDays).toBeLessThan(days * 1.15);
  });

  it('draws users by activity, and brings them back on later days', () => {
    const all = take(new VisitSchedule(world, { seed: 2, start, sessionsPerDay: 1_000 }), 20_000);
    const sessionsOf = new Map<number, Set<string>>();
    for (const visit of all) {
      if (!sessionsOf.has(visit.userIndex)) sessionsOf.set(visit.userIndex, new Set());
      sessionsOf.get(visit.userIndex)!.add(visit.sessionId);
    }
    const byActivity = world.users.map((user, index) => ({ activity: user.activity, sessions: sessionsOf.get(index)?.size ?? 0 })).sort((a, b) => b.activity - a.activity);
    const top = byActivity.slice(0, 20).reduce((sum, user) => sum + user.sessions, 0);
    const bottom = byActivity.slice(-20).reduce((sum, user) => sum + user.sessions, 0);
    expect(top).toBeGreaterThan(5 * bottom);
    expect(all.filter((visit) => visit.returning).length).toBeGreaterThan(all.length / 2);
    expect(all.filter((visit) => visit.day === 0).every((visit) => !visit.returning)).toBe(true);
  });

  it('groups a session’s requests for one user, minutes apart', () => {
    const all = take(new VisitSchedule(world, { seed: 3, start, sessionsPerDay: 200 }), 5_000);
    const sessions = new Map<string, Visit[]>();
    for (const visit of all) sessions.set(visit.sessionId, [...(sessions.get(visit.sessionId) ?? []), visit]);
    const perSession = all.length / sessions.size;
    expect(perSession).toBeGreaterThan(expectedVisitsPerSession() * 0.9);
    expect(perSession).toBeLessThan(expectedVisitsPerSession() * 1.1);
    for (const visits of sessions.values()) {
      expect(new Set(visits.map((visit) => visit.userIndex)).size).toBe(1);
      expect(visits.map((visit) => visit.sessionVisit)).toEqual(visits.map((_, index) => index));
      expect(visits.at(-1)!.at.getTime() - visits[0]!.at.getTime()).toBeLessThanOrEqual(5 * 30 * 60_000);
    }
  });

  it('refuses a non-positive session rate', () => {
    expect(() => new VisitSchedule(world, { seed: 1, start, sessionsPerDay: 0 })).toThrow(RangeError);
    expect(expectedVisitsPerSession(0.5, 1)).toBe(1);
    expect(expectedVisitsPerSession(0.5, 3)).toBe(1.75);
  });
});
