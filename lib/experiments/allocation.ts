import type { ExperimentJson } from './schema';

/**
 * Each layer's traffic, for the list page: which live experiment owns which share of its slots,
 * for which audience, and what is left. Live experiments of different layers never share an
 * audience (the lifecycle refuses it), so a layer's free share is what a new experiment with an
 * overlapping audience could take, in that layer only.
 */
export interface LayerAllocation {
  layer: string;
  experiments: { key: string; status: ExperimentJson['status']; targeting: string; range: [number, number] }[];
  /** Percent of the layer no live experiment owns. */
  free_percent: number;
}

export function layerAllocations(experiments: readonly Pick<ExperimentJson, 'key' | 'status' | 'layer' | 'targeting' | 'layer_range_percent'>[]): LayerAllocation[] {
  const layers = new Map<string, LayerAllocation>();
  for (const experiment of experiments) {
    if ((experiment.status !== 'running' && experiment.status !== 'paused') || !experiment.layer_range_percent) continue;
    let layer = layers.get(experiment.layer);
    if (!layer) layers.set(experiment.layer, (layer = { layer: experiment.layer, experiments: [], free_percent: 100 }));
    const [start, end] = experiment.layer_range_percent;
    layer.experiments.push({ key: experiment.key, status: experiment.status, targeting: experiment.targeting, range: [start, end] });
    layer.free_percent -= end - start;
  }
  for (const layer of layers.values()) {
    layer.experiments.sort((a, b) => a.range[0] - b.range[0]);
    // Ranges are whole slots of 0.01%: round away float noise from the subtraction.
    layer.free_percent = Math.max(0, Math.round(layer.free_percent * 100) / 100);
  }
  return [...layers.values()].sort((a, b) => a.layer.localeCompare(b.layer));
}
