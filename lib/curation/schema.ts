import { z } from 'zod';
import { externalId, pageLimit, storedAsReal, timestampInput } from '@/lib/api/fields';
import { CURATION_KINDS, CURATION_TARGET_TYPES, type CurationRule } from './types';

export { CURATION_KINDS, CURATION_TARGET_TYPES, type CurationKind, type CurationRule, type CurationTargetType } from './types';

export const MAX_PIN_POSITION = 100;
/** Far beyond any useful multiplier; a bigger one is a pin in disguise. */
export const MAX_BOOST = 1000;

/** `new`, `returning`, or `key=value` (split at the first `=`; both sides non-empty). */
const segment = z
  .string()
  .trim()
  .max(256)
  .regex(/^(new|returning|[^=]+=.+)$/, "must be 'new', 'returning' or an attribute rule 'key=value'");

const ruleFields = {
  kind: z.enum(CURATION_KINDS),
  target_type: z.enum(CURATION_TARGET_TYPES),
  target: externalId,
  position: z.number().int().min(1).max(MAX_PIN_POSITION).nullable(),
  boost: storedAsReal(z.number().positive().max(MAX_BOOST)).nullable(),
  segment: segment.nullable(),
  starts_at: timestampInput.nullable(),
  ends_at: timestampInput.nullable(),
  note: z.string().max(2000),
  collection: z.string().trim().min(1).max(100).nullable(),
  created_by: z.string().trim().min(1).max(256).nullable(),
};

/** The fields whose combination makes a rule coherent. */
interface RuleShape {
  kind: CurationRule['kind'];
  target_type: CurationRule['targetType'];
  position: number | null;
  boost: number | null;
  starts_at: Date | null;
  ends_at: Date | null;
  collection: string | null;
}

function coherent(rule: RuleShape, context: z.RefinementCtx): void {
  const problem = (field: keyof RuleShape, message: string) => context.addIssue({ code: 'custom', path: [field], message });
  if (rule.kind === 'pin') {
    if (rule.position === null) problem('position', `a pin needs a position (1..${MAX_PIN_POSITION})`);
    if (rule.target_type !== 'item') problem('target_type', "a pin holds one item: target_type must be 'item'");
  } else if (rule.position !== null) {
    problem('position', 'only pins have a position');
  }
  if (rule.kind === 'boost' && rule.boost === null) problem('boost', 'a boost needs a multiplier above 0');
  if (rule.kind !== 'boost' && rule.boost !== null) problem('boost', 'only boosts have a multiplier');
  if (rule.kind !== 'pick' && rule.collection !== null) problem('collection', 'only picks belong to a collection');
  if (rule.starts_at && rule.ends_at && rule.ends_at <= rule.starts_at) problem('ends_at', 'ends_at must be after starts_at');
}

export const curationRuleInputSchema = z
  .object({
    kind: ruleFields.kind,
    target_type: ruleFields.target_type,
    target: ruleFields.target,
    position: ruleFields.position.default(null),
    boost: ruleFields.boost.default(null),
    segment: ruleFields.segment.default(null),
    starts_at: ruleFields.starts_at.default(null),
    ends_at: ruleFields.ends_at.default(null),
    note: ruleFields.note.default(''),
    collection: ruleFields.collection.default(null),
    created_by: ruleFields.created_by.default(null),
  })
  .strict()
  .superRefine(coherent);

/** A partial update: only the fields present change. */
export const curationRulePatchSchema = z
  .object(ruleFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'at least one field must be given' });

export type CurationRuleInput = z.infer<typeof curationRuleInputSchema>;
export type CurationRulePatch = z.infer<typeof curationRulePatchSchema>;

/**
 * A patch is judged by the rule it leaves behind: turning a block into a pin needs a position,
 * moving only `ends_at` must still end after the stored `starts_at`.
 */
export function curationRulePatchSchemaFor(current: CurationRule) {
  return curationRulePatchSchema.superRefine((patch, context) =>
    coherent(
      {
        kind: patch.kind ?? current.kind,
        target_type: patch.target_type ?? current.targetType,
        position: patch.position !== undefined ? patch.position : current.position,
        boost: patch.boost !== undefined ? patch.boost : current.boost,
        starts_at: patch.starts_at !== undefined ? patch.starts_at : current.startsAt,
        ends_at: patch.ends_at !== undefined ? patch.ends_at : current.endsAt,
        collection: patch.collection !== undefined ? patch.collection : current.collection,
      },
      context,
    ),
  );
}

export const curationRuleListQuerySchema = z
  .object({
    kind: z.enum(CURATION_KINDS).optional(),
    target_type: z.enum(CURATION_TARGET_TYPES).optional(),
    target: z.string().trim().min(1).max(256).optional(),
    collection: z.string().trim().min(1).max(100).optional(),
    /** `true`: the schedule contains now; `false`: not yet started or already ended. */
    active: z.enum(['true', 'false', 'any']).default('any'),
    limit: pageLimit(200, 50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export type CurationRuleListQuery = z.infer<typeof curationRuleListQuerySchema>;

/** A rule as the API returns it. */
export interface CurationRuleJson {
  id: number;
  kind: CurationRule['kind'];
  target_type: CurationRule['targetType'];
  target: string;
  position: number | null;
  boost: number | null;
  segment: string | null;
  starts_at: string | null;
  ends_at: string | null;
  note: string;
  collection: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** The catalog item an item rule targets, so lists can show its title; null for tags, categories and unknown ids. */
  target_item: TargetItem | null;
}

/** What a list shows of a rule's target item. */
export interface TargetItem {
  title: string;
  category: string | null;
}

/** Target items by external id, looked up for many rules at once. */
export type TargetItems = ReadonlyMap<string, TargetItem>;

export function toCurationRuleJson(rule: CurationRule, targets: TargetItems): CurationRuleJson {
  return {
    id: rule.id,
    kind: rule.kind,
    target_type: rule.targetType,
    target: rule.target,
    position: rule.position,
    boost: rule.boost,
    segment: rule.segment,
    starts_at: rule.startsAt?.toISOString() ?? null,
    ends_at: rule.endsAt?.toISOString() ?? null,
    note: rule.note,
    collection: rule.collection,
    created_by: rule.createdBy,
    created_at: rule.createdAt.toISOString(),
    updated_at: rule.updatedAt.toISOString(),
    target_item: (rule.targetType === 'item' && targets.get(rule.target)) || null,
  };
}

/** What the audit log keeps of a rule: enough to tell which rule it was after it is gone. */
export function auditDetails({ kind, target_type, target, position, boost, segment, collection }: CurationRuleJson): Record<string, unknown> {
  return { kind, target_type, target, position, boost, segment, collection };
}

export const feedPreviewQuerySchema = z
  .object({
    user: z.string().trim().min(1, 'user is required').max(256),
    n: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
