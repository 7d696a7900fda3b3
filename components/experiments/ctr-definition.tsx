import { CTR_DEFINITION, CTR_PER_ARM } from '@/lib/metrics/ctr';

/** The overview's definition of CTR, word for word, and how an experiment applies it; a block-level span, so it fits in a form hint too. */
export function CtrDefinition() {
  return (
    <span className="subtle" style={{ display: 'block', fontSize: 12, margin: '8px 0 0' }} data-testid="ctr-definition">
      {CTR_DEFINITION}, {CTR_PER_ARM}.
    </span>
  );
}
