// Plain constants and types, free of imports: db/schema.ts (and so drizzle-kit) loads this file.

export const CURATION_KINDS = ['pick', 'pin', 'boost', 'block'] as const;
export const CURATION_TARGET_TYPES = ['item', 'tag', 'category'] as const;

export type CurationKind = (typeof CURATION_KINDS)[number];
export type CurationTargetType = (typeof CURATION_TARGET_TYPES)[number];

/** An editorial rule as the recommendation pipeline applies it. */
export interface CurationRule {
  id: number;
  kind: CurationKind;
  targetType: CurationTargetType;
  target: string;
  /** Pins only: the 1-based slot the item takes. */
  position: number | null;
  /** Boosts only: the score multiplier, above zero. */
  boost: number | null;
  /** Null for everyone; `new`, `returning`, or an attribute rule `key=value`. */
  segment: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  note: string;
  /** Picks only: the named collection of editor's picks the rule belongs to. */
  collection: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
