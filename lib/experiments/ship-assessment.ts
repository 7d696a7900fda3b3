import type { ComparisonJson, ExperimentResultsJson } from './results';

/**
 * What shipping a variant stands on: its verdict on the primary metric and every guardrail. Shared
 * by the ship confirmation and the ship route, so the page warns about exactly what the server
 * refuses without the experiment's key typed.
 */
export interface ShipAssessment {
  variant: string;
  metric: string;
  /** Null for the control, which has nothing to be compared with. */
  verdict: string | null;
  chance_to_beat_control: number | null;
  guardrails: { metric: string; max_degradation: number; relative_change: number | null; breached: boolean }[];
  /** Why this ship needs the key typed; empty when nothing speaks against it. */
  risks: string[];
}

/** Below this chance to beat control, the variant is more likely losing than winning. */
export const LOSING_CHANCE = 0.5;

export function assessShip(results: Pick<ExperimentResultsJson, 'control' | 'metrics' | 'guardrails'>, variant: string): ShipAssessment {
  const primary = results.metrics.find((metric) => metric.primary) ?? results.metrics[0];
  const comparison = primary?.comparisons.find((candidate) => candidate.variant === variant) ?? null;
  const chance = comparison && 'chance_to_beat_control' in comparison ? (comparison as ComparisonJson).chance_to_beat_control : null;
  const verdict = comparison?.verdict ?? null;
  const guardrails = results.guardrails.map((rail) => {
    const own = rail.variants.find((candidate) => candidate.variant === variant);
    return { metric: rail.metric, max_degradation: rail.max_degradation, relative_change: own?.relative_change ?? null, breached: own?.breached ?? false };
  });
  const risks: string[] = [];
  if (verdict === 'worse') risks.push(`'${variant}' is worse than control on ${primary!.metric}`);
  else if (chance !== null && chance < LOSING_CHANCE) risks.push(`'${variant}' has a ${Math.round(chance * 100)}% chance to beat control on ${primary!.metric}`);
  for (const rail of guardrails) if (rail.breached) risks.push(`guardrail ${rail.metric} is breached (${signed(rail.relative_change)} against a limit of ${Math.round(rail.max_degradation * 100)}%)`);
  return { variant, metric: primary?.metric ?? '', verdict: variant === results.control ? null : verdict, chance_to_beat_control: chance, guardrails, risks };
}

/** The decision note for the audit log: what was shipped, on what evidence, and the editor's own words. */
export function decisionNote(assessment: ShipAssessment, note: string | undefined): string {
  const evidence =
    assessment.verdict === null
      ? 'kept the control'
      : `verdict ${assessment.verdict} on ${assessment.metric}${assessment.chance_to_beat_control === null ? '' : `, ${Math.round(assessment.chance_to_beat_control * 100)}% chance to beat control`}`;
  const rails = assessment.guardrails.length === 0 ? 'no guardrails' : assessment.guardrails.map((rail) => `${rail.metric} ${rail.breached ? 'breached' : 'held'}`).join(', ');
  const override = assessment.risks.length > 0 ? '; shipped despite the risks, key typed to confirm' : '';
  return `Shipped '${assessment.variant}': ${evidence}; ${rails}${override}.${note ? ` ${note}` : ''}`;
}

function signed(change: number | null): string {
  return change === null ? 'n/a' : `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%`;
}
