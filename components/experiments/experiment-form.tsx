'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { apiRequest } from '@/lib/console/api-client';
import { DEFAULT_BANDIT_INTERVAL_MINUTES, MAX_VARIANTS, WEIGHT_TOLERANCE, type ExperimentJson } from '@/lib/experiments/schema';
import { EXPERIMENT_TYPES, MAX_BREAKDOWN_ATTRIBUTES, METRICS, TESTABLE_METRICS, type ExperimentType, type Metric, type TestableMetric } from '@/lib/experiments/types';
import { CtrDefinition } from './ctr-definition';
import styles from './experiments.module.css';
import { METRIC_LABELS } from './format';
import { PlanEstimate } from './plan-estimate';

interface VariantDraft {
  key: string;
  strategy: string;
  weight: string;
}

interface GuardrailDraft {
  metric: Metric;
  /** Percent, as typed: 20 is a 20% degradation. */
  maxDegradation: string;
}

type Audience = 'all' | 'new' | 'returning' | 'attribute';

/** Four decimals each, the last taking the remainder, so the sum is exactly 1. */
function evenWeights(count: number): number[] {
  const share = Math.floor(10_000 / count) / 10_000;
  return Array.from({ length: count }, (_, index) => (index === count - 1 ? Number((1 - share * (count - 1)).toFixed(4)) : share));
}

/** Client-side checks the server would make anyway; caught here, they cost no round trip. */
function localProblems(variants: VariantDraft[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const weights = variants.map((variant) => Number(variant.weight));
  weights.forEach((weight, index) => {
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1) problems[`variants[${index}].weight`] = 'must be above 0 and at most 1';
  });
  const sum = weights.reduce((total, weight) => total + weight, 0);
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) problems.variants = `weights sum to ${Number(sum.toFixed(6))}; they must sum to 1`;
  return problems;
}

export function ExperimentForm({ strategies, defaultStrategy }: { strategies: string[]; defaultStrategy: string }) {
  const router = useRouter();
  const treatmentStrategy = strategies.find((key) => key !== defaultStrategy) ?? defaultStrategy;
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [type, setType] = useState<ExperimentType>('ab');
  const [banditMinutes, setBanditMinutes] = useState(String(DEFAULT_BANDIT_INTERVAL_MINUTES));
  const [layer, setLayer] = useState('default');
  const [coverage, setCoverage] = useState('100');
  const [audience, setAudience] = useState<Audience>('all');
  const [attributeRule, setAttributeRule] = useState('');
  const [variants, setVariants] = useState<VariantDraft[]>([
    { key: 'control', strategy: defaultStrategy, weight: '0.5' },
    { key: 'treatment', strategy: treatmentStrategy, weight: '0.5' },
  ]);
  const [primaryMetric, setPrimaryMetric] = useState<TestableMetric>('ctr');
  const [secondary, setSecondary] = useState<Metric[]>(['conversion']);
  const [guardrails, setGuardrails] = useState<GuardrailDraft[]>([{ metric: 'latency_p99', maxDegradation: '20' }]);
  const [breakdownAttributes, setBreakdownAttributes] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: (body: unknown) => apiRequest<ExperimentJson>('/api/v1/experiments', { method: 'POST', json: body }),
    onSuccess: (experiment) => {
      router.push(`/experiments/${experiment.key}`);
      router.refresh();
    },
  });

  const errors = { ...fieldErrors(create.error), ...local };
  const weightSum = variants.reduce((total, variant) => total + (Number(variant.weight) || 0), 0);
  const updateVariant = (index: number, change: Partial<VariantDraft>) => setVariants((current) => current.map((variant, at) => (at === index ? { ...variant, ...change } : variant)));
  const splitEvenly = () => setVariants((current) => evenWeights(current.length).map((weight, index) => ({ ...current[index]!, weight: String(weight) })));
  const updateGuardrail = (index: number, change: Partial<GuardrailDraft>) => setGuardrails((current) => current.map((rail, at) => (at === index ? { ...rail, ...change } : rail)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = localProblems(variants);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    create.mutate({
      key: key.trim(),
      ...(name.trim() && { name: name.trim() }),
      hypothesis,
      type,
      layer: layer.trim(),
      coverage_percent: Number(coverage),
      targeting: audience === 'attribute' ? attributeRule.trim() : audience,
      variants: variants.map((variant) => ({ key: variant.key.trim(), strategy: variant.strategy, weight: Number(variant.weight) })),
      primary_metric: primaryMetric,
      secondary_metrics: secondary.filter((metric) => metric !== primaryMetric),
      guardrails: guardrails.map((rail) => ({ metric: rail.metric, max_degradation: Number(rail.maxDegradation) / 100 })),
      breakdown_attributes: breakdownAttributes
        .split(',')
        .map((attribute) => attribute.trim())
        .filter((attribute) => attribute.length > 0),
      bandit: type === 'bandit' ? { reallocate_every_minutes: Number(banditMinutes) } : null,
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New experiment">
      <section className={`card ${styles.section}`}>
        <h2>What you are testing</h2>
        <div className="form-row">
          <Field label="Key" error={errors.key} hint="Letters, digits, _ . -; sent to clients in X-Experiment">
            <input className="input" name="key" value={key} onChange={(event) => setKey(event.target.value)} placeholder="content-vs-hybrid" required />
          </Field>
          <Field label="Name" error={errors.name} hint="Defaults to the key">
            <input className="input" name="name" value={name} onChange={(event) => setName(event.target.value)} placeholder="Content-based feed for new users" />
          </Field>
        </div>
        <Field label="Hypothesis" error={errors.hypothesis} hint="What you expect and why; the results page shows it next to the verdict">
          <textarea className={styles.textarea} name="hypothesis" value={hypothesis} onChange={(event) => setHypothesis(event.target.value)} />
        </Field>
        <div className="form-row">
          <Field label="Type" error={errors.type} hint={type === 'bandit' ? 'Traffic moves towards the better variants as results come in' : 'Fixed split for a clean comparison'}>
            <select className="select" name="type" value={type} onChange={(event) => setType(event.target.value as ExperimentType)}>
              {EXPERIMENT_TYPES.map((value) => (
                <option key={value} value={value}>
                  {value === 'ab' ? 'A/B test' : 'Multi-armed bandit'}
                </option>
              ))}
            </select>
          </Field>
          {type === 'bandit' && (
            <Field label="Reallocate every (minutes)" error={errors['bandit.reallocate_every_minutes'] ?? errors.bandit}>
              <input className="input" type="number" name="bandit_minutes" min={5} value={banditMinutes} onChange={(event) => setBanditMinutes(event.target.value)} />
            </Field>
          )}
        </div>
      </section>

      <section className={`card ${styles.section}`}>
        <h2>Who takes part</h2>
        <div className="form-row">
          <Field label="Layer" error={errors.layer} hint="Experiments in one layer never share a user">
            <input className="input" name="layer" value={layer} onChange={(event) => setLayer(event.target.value)} />
          </Field>
          <Field label="Coverage (% of the layer)" error={errors.coverage_percent}>
            <input className="input" type="number" name="coverage_percent" min={0} max={100} step="any" value={coverage} onChange={(event) => setCoverage(event.target.value)} />
          </Field>
          <Field label="Audience" error={audience === 'attribute' ? undefined : errors.targeting}>
            <select className="select" name="audience" value={audience} onChange={(event) => setAudience(event.target.value as Audience)}>
              <option value="all">All users</option>
              <option value="new">New users</option>
              <option value="returning">Returning users</option>
              <option value="attribute">Users with an attribute…</option>
            </select>
          </Field>
          {audience === 'attribute' && (
            <Field label="Attribute rule" error={errors.targeting} hint="key=value, e.g. country=DE">
              <input className="input" name="targeting" value={attributeRule} onChange={(event) => setAttributeRule(event.target.value)} placeholder="country=DE" />
            </Field>
          )}
        </div>
      </section>

      <section className={`card ${styles.section}`}>
        <div className={styles.sectionHeader}>
          <h2>Variants</h2>
          <span className={`${styles.weightSum} ${Math.abs(weightSum - 1) > WEIGHT_TOLERANCE ? styles.weightSumBad : ''}`} data-testid="weight-sum">
            Weights sum to {Number(weightSum.toFixed(6))}
          </span>
        </div>
        <p className="subtle" style={{ marginTop: 0 }}>
          The first variant is the control. Weights are the share of the experiment&apos;s users each variant gets, as fractions summing to 1.
        </p>
        {variants.map((variant, index) => (
          <div key={index} className={styles.variantRow}>
            <Field label={index === 0 ? 'Control key' : `Variant ${index + 1} key`} error={errors[`variants[${index}].key`]}>
              <input className="input" name={`variants.${index}.key`} value={variant.key} onChange={(event) => updateVariant(index, { key: event.target.value })} />
            </Field>
            <Field label="Strategy" error={errors[`variants[${index}].strategy`]}>
              <select className="select" name={`variants.${index}.strategy`} value={variant.strategy} onChange={(event) => updateVariant(index, { strategy: event.target.value })}>
                {strategies.map((strategy) => (
                  <option key={strategy}>{strategy}</option>
                ))}
              </select>
            </Field>
            <Field label="Weight" error={errors[`variants[${index}].weight`]}>
              <input className="input" type="number" step="any" min={0} max={1} name={`variants.${index}.weight`} value={variant.weight} onChange={(event) => updateVariant(index, { weight: event.target.value })} />
            </Field>
            <button type="button" className={`button button-secondary button-small ${styles.rowButton}`} disabled={variants.length <= 2} onClick={() => setVariants((current) => current.filter((_, at) => at !== index))} aria-label={`Remove variant ${index + 1}`}>
              Remove
            </button>
          </div>
        ))}
        {errors.variants && (
          <div className="field-error" role="alert" data-field="variants">
            {errors.variants}
          </div>
        )}
        <div className={styles.formActions}>
          <button type="button" className="button button-secondary button-small" disabled={variants.length >= MAX_VARIANTS} onClick={() => setVariants((current) => [...current, { key: `variant-${current.length + 1}`, strategy: treatmentStrategy, weight: '0' }])}>
            Add variant
          </button>
          <button type="button" className="button button-secondary button-small" onClick={splitEvenly}>
            Split evenly
          </button>
        </div>
      </section>

      <section className={`card ${styles.section}`}>
        <h2>How it is judged</h2>
        <div className="form-row">
          <Field
            label="Primary metric"
            error={errors.primary_metric}
            hint={
              <>
                The verdict and the sample size are computed on this one.{primaryMetric === 'ctr' && <CtrDefinition />}
              </>
            }
          >
            <select className="select" name="primary_metric" value={primaryMetric} onChange={(event) => setPrimaryMetric(event.target.value as TestableMetric)}>
              {TESTABLE_METRICS.map((metric) => (
                <option key={metric} value={metric}>
                  {METRIC_LABELS[metric]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Secondary metrics" error={Object.entries(errors).find(([field]) => field.startsWith('secondary_metrics'))?.[1]}>
            <span className={styles.checks}>
              {METRICS.filter((metric) => metric !== primaryMetric).map((metric) => (
                <label key={metric}>
                  <input type="checkbox" checked={secondary.includes(metric)} onChange={(event) => setSecondary((current) => (event.target.checked ? [...current, metric] : current.filter((value) => value !== metric)))} />
                  {METRIC_LABELS[metric]}
                </label>
              ))}
            </span>
          </Field>
        </div>
        <div className="form-row">
          <Field
            label="Break down by user attributes"
            error={Object.entries(errors).find(([field]) => field.startsWith('breakdown_attributes'))?.[1]}
            hint={`Optional: up to ${MAX_BREAKDOWN_ATTRIBUTES} attribute keys, comma-separated, e.g. country, plan. Results always break down by device and new vs returning.`}
          >
            <input className="input" name="breakdown_attributes" value={breakdownAttributes} placeholder="country" onChange={(event) => setBreakdownAttributes(event.target.value)} />
          </Field>
        </div>
        <h2 style={{ marginTop: 8 }}>Guardrails</h2>
        <p className="subtle" style={{ marginTop: 0 }}>
          A variant is flagged when a guardrail metric gets worse than control by more than this.
        </p>
        {guardrails.map((rail, index) => (
          <div key={index} className={styles.guardrailRow}>
            <Field label="Metric" error={errors[`guardrails[${index}].metric`]}>
              <select className="select" value={rail.metric} onChange={(event) => updateGuardrail(index, { metric: event.target.value as Metric })}>
                {METRICS.map((metric) => (
                  <option key={metric} value={metric}>
                    {METRIC_LABELS[metric]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Max degradation (%)" error={errors[`guardrails[${index}].max_degradation`]}>
              <input className="input" type="number" step="any" min={0} value={rail.maxDegradation} onChange={(event) => updateGuardrail(index, { maxDegradation: event.target.value })} />
            </Field>
            <button type="button" className={`button button-secondary button-small ${styles.rowButton}`} onClick={() => setGuardrails((current) => current.filter((_, at) => at !== index))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button button-secondary button-small" disabled={guardrails.length >= METRICS.length} onClick={() => setGuardrails((current) => [...current, { metric: 'ctr', maxDegradation: '10' }])}>
          Add guardrail
        </button>
      </section>

      <PlanEstimate metric={primaryMetric} coveragePercent={Number(coverage)} variants={variants.length} />

      {create.error && (
        <div className="error-box" role="alert" style={{ marginBottom: 16 }}>
          {create.error.message}
        </div>
      )}
      <div className={styles.formActions}>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create draft'}
        </button>
        <span className="subtle">Nothing is served until you start it.</span>
      </div>
    </form>
  );
}
