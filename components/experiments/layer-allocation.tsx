import { layerAllocations } from '@/lib/experiments/allocation';
import type { ExperimentJson } from '@/lib/experiments/schema';
import styles from './experiments.module.css';
import { VARIANT_COLOURS } from './format';

/** Each layer's traffic as one bar: the share each live experiment owns, and what is free. */
export function LayerAllocation({ experiments }: { experiments: ExperimentJson[] }) {
  const layers = layerAllocations(experiments);
  if (layers.length === 0) return null;
  return (
    <section className={`card ${styles.section}`} data-testid="layer-allocation">
      <h2 style={{ marginTop: 0 }}>Traffic by layer</h2>
      <p className="subtle">
        Each request is served one strategy, so experiments in different layers may only run together for audiences that cannot meet; within a layer, experiments split the traffic.
      </p>
      {layers.map((layer) => (
        <div key={layer.layer} className={styles.layerRow} data-layer={layer.layer}>
          <span>
            <code>{layer.layer}</code> <span className="subtle">· {layer.free_percent}% free</span>
          </span>
          <div className={styles.layerBar} role="img" aria-label={`Layer ${layer.layer}: ${layer.experiments.map((experiment) => `${experiment.key} ${experiment.range[1] - experiment.range[0]}%`).join(', ')}, ${layer.free_percent}% free`}>
            {layer.experiments.map((experiment, index) => (
              <span
                key={experiment.key}
                className={styles.layerSegment}
                title={`${experiment.key} (${experiment.status}, audience ${experiment.targeting}): ${experiment.range[0]}–${experiment.range[1]}%`}
                style={{ left: `${experiment.range[0]}%`, width: `${experiment.range[1] - experiment.range[0]}%`, background: VARIANT_COLOURS[index % VARIANT_COLOURS.length], opacity: experiment.status === 'paused' ? 0.45 : 1 }}
              >
                {experiment.key}
              </span>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
