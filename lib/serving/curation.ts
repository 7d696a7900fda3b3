import { rulesForUser } from '@/lib/curation/segments';
import type { CurationRule } from '@/lib/curation/types';
import { placesAnItem, type CurationDirective, type PinnedItem } from '@/lib/recommend/postprocess';
import type { ItemSpace, UserSegment } from './context';
import type { Blocks, SpaceEligibility } from './eligibility';

/**
 * Curation as one request sees it: the rules for the user's segment, split into blocks (which
 * eligibility enforces), the directives post-processing applies (boosts) and editorial placements
 * (picks join the candidates, pins take fixed positions on the first page).
 */
export interface RequestCuration {
  directives: CurationDirective[];
  blocks: Blocks;
  /** False where editorial placements do not belong (search results, item pages). */
  placements: boolean;
}

/** Whom lists for nobody in particular (trending, similar items) are curated for: a user without history. */
export const ANONYMOUS: UserSegment = { isNew: true, attributes: {} };

export function curationFor(rules: CurationRule[], segment: UserSegment, { placements = true } = {}): RequestCuration {
  const directives = directivesFor(rules, segment);
  return { directives: placements ? directives : directives.filter((rule) => rule.kind !== 'pick' && rule.kind !== 'pin'), blocks: blocksOf(directives), placements };
}

function directivesFor(rules: CurationRule[], segment: UserSegment): CurationDirective[] {
  return rulesForUser(rules, segment).map((rule) => ({ kind: rule.kind, targetType: rule.targetType, target: rule.target, position: rule.position, boost: rule.boost, rule: ruleName(rule) }));
}

/** A rule as explanations name it: its note when it has one, else its id. */
function ruleName(rule: CurationRule): string {
  return rule.note.trim() ? `“${rule.note.trim()}”` : `#${rule.id}`;
}

function blocksOf(directives: readonly CurationDirective[]): Blocks {
  const blocks = { ids: new Set<string>(), categories: new Set<string>(), tags: new Set<string>() };
  for (const rule of directives) {
    if (rule.kind !== 'block') continue;
    (rule.targetType === 'item' ? blocks.ids : rule.targetType === 'category' ? blocks.categories : blocks.tags).add(rule.target);
  }
  return blocks;
}

export interface EditorialPlacements {
  /** Picked items that join the candidates, best first. */
  picks: number[];
  pinned: PinnedItem[];
}

/** Picks and pins resolved to items of the space, keeping only those eligibility lets through. */
export function editorialPlacements(curation: RequestCuration, space: ItemSpace, eligibility: SpaceEligibility): EditorialPlacements {
  const picks: number[] = [];
  const pinned: EditorialPlacements['pinned'] = [];
  for (const rule of curation.directives) {
    if (!placesAnItem(rule)) continue;
    const item = space.indexOf(rule.target);
    if (item === undefined) continue;
    // Picks join the model's candidates, so only the model's items; pins may place any item.
    if (rule.kind === 'pick' && item < space.modelItems && eligibility.allowed(item)) picks.push(item);
    if (rule.kind === 'pin' && eligibility.placeable(item)) pinned.push({ item, position: rule.position ?? 1, ...(rule.rule && { rule: rule.rule }) });
  }
  return { picks, pinned };
}
