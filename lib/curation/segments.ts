import type { CurationRule } from './types';

export interface SegmentUser {
  /** No history yet: the cold-start audience. */
  isNew: boolean;
  attributes: Record<string, unknown>;
}

/** The rules that apply to this user: those for everyone, plus those whose segment the user is in. */
export function rulesForUser(rules: CurationRule[], user: SegmentUser): CurationRule[] {
  return rules.filter((rule) => inSegment(rule.segment, user));
}

export function inSegment(segment: string | null, user: SegmentUser): boolean {
  if (segment === null) return true;
  if (segment === 'new') return user.isNew;
  if (segment === 'returning') return !user.isNew;
  const split = segment.indexOf('=');
  // Anything else is unknown: applying an editor's rule to the wrong audience is worse than skipping it.
  if (split <= 0) return false;
  const key = segment.slice(0, split);
  // A missing attribute would stringify to 'undefined' and match a rule that happens to say so.
  if (!Object.hasOwn(user.attributes, key) || user.attributes[key] === undefined) return false;
  return String(user.attributes[key]) === segment.slice(split + 1);
}
