import { z } from 'zod';
import { BundleError, decodeStrings, encodeStrings, packBundle, unpackBundle, type SectionArray } from '@/lib/models/bundle/container';
import { alsParamsSchema } from '@/lib/models/als';
import type { FieldWeights } from '@/lib/models/content';
import { itemKnnParamsSchema } from '@/lib/models/item-knn';
import { POPULARITY_VARIANTS, type PopularityRanking, type PopularityVariant } from '@/lib/models/popularity';
import type { RankerLoss, RankerModel } from '@/lib/models/ranker/mlp';
import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import { SERVING_RECIPES, type ServingRecipe } from './recipes';
import type { RecommenderModels } from './models';
import { PRECOMPUTED_SOURCES, type PrecomputedCandidates } from './precomputed';
import type { UserHistories } from './user-histories';

/** What travels beside the models: the ranker as ONNX, and the ANN indexes as hnswlib bytes. */
export interface BundleExtras {
  onnx: Uint8Array | null;
  annFactors: Uint8Array;
  annContent: Uint8Array;
}

export interface RecommenderBundle extends BundleExtras {
  models: RecommenderModels;
  meta: Record<string, unknown>;
}

interface ModelsMeta {
  now: number;
  alsFactors: number;
  alsParams: unknown;
  knnK: number;
  knnParams: unknown;
  easeItemCount: number | null;
  content: { dims: number; fieldWeights: FieldWeights };
  ranker: { featureCount: number; featureNames?: string[]; loss: RankerLoss; layers: { inputSize: number; outputSize: number }[] } | null;
  /** Absent in bundles from before training chose a recipe: they serve the stacker. */
  servingRecipe?: ServingRecipe;
}

export function packRecommender(models: RecommenderModels, extras: BundleExtras, meta: Record<string, unknown>): Uint8Array {
  const sections: Record<string, SectionArray> = {
    userIds: encodeStrings(models.userIds),
    itemIds: encodeStrings(models.itemIds),
    itemCategory: models.itemCategory,
    itemPublishedAt: models.itemPublishedAt,
    'als.userFactors': models.als.userFactors,
    'als.itemFactors': models.als.itemFactors,
    'knn.neighbors': models.knn.neighbors,
    'knn.scores': models.knn.scores,
    'knn.counts': models.knn.counts,
    'content.vocabulary': encodeStrings(models.content.vocabulary),
    'content.idf': models.content.idf,
    'content.projection': models.content.projection,
    'content.vectors': models.contentVectors,
    'popularity.categories': encodeStrings(models.popularity.categories),
    'ann.factors': extras.annFactors,
    'ann.content': extras.annContent,
  };
  if (models.ease) {
    sections['ease.items'] = models.ease.items;
    sections['ease.weights'] = models.ease.weights;
  }
  for (const variant of POPULARITY_VARIANTS) {
    const ranking = models.popularity.variants[variant];
    sections[`popularity.${variant}.scores`] = ranking.scores;
    sections[`popularity.${variant}.items`] = ranking.items;
    sections[`popularity.${variant}.offsets`] = ranking.offsets;
  }
  if (models.ranker) {
    sections['ranker.means'] = models.ranker.means;
    sections['ranker.stds'] = models.ranker.stds;
    models.ranker.layers.forEach((layer, index) => {
      sections[`ranker.layer${index}.weights`] = layer.weights;
      sections[`ranker.layer${index}.biases`] = layer.biases;
    });
  }
  if (extras.onnx) sections['ranker.onnx'] = extras.onnx;
  if (models.exposurePenalty) sections['exposure.penalty'] = models.exposurePenalty;
  if (models.histories) {
    sections['histories.offsets'] = models.histories.offsets;
    sections['histories.items'] = models.histories.items;
    sections['histories.strengths'] = models.histories.strengths;
    sections['histories.types'] = models.histories.types;
  }
  if (models.precomputed) {
    for (const { name } of PRECOMPUTED_SOURCES) {
      sections[`precomputed.${name}.offsets`] = models.precomputed[name].offsets;
      sections[`precomputed.${name}.items`] = models.precomputed[name].items;
    }
  }
  const modelsMeta: ModelsMeta = {
    now: models.now,
    alsFactors: models.als.factors,
    alsParams: models.alsParams,
    knnK: models.knn.k,
    knnParams: models.knnParams,
    easeItemCount: models.ease?.itemCount ?? null,
    content: { dims: models.content.dims, fieldWeights: models.content.fieldWeights },
    ranker: models.ranker && {
      featureCount: models.ranker.featureCount,
      featureNames: models.ranker.featureNames,
      loss: models.ranker.loss,
      layers: models.ranker.layers.map(({ inputSize, outputSize }) => ({ inputSize, outputSize })),
    },
    ...(models.servingRecipe && { servingRecipe: models.servingRecipe }),
  };
  return packBundle({ meta: { ...meta, models: modelsMeta }, sections });
}

export function unpackRecommender(bytes: Uint8Array): RecommenderBundle {
  const { meta, sections } = unpackBundle(bytes);
  const models = meta.models as ModelsMeta;
  const section = <T extends SectionArray>(name: string, type: new (...args: never[]) => T): T => {
    const found = sections[name];
    if (!(found instanceof type)) throw new BundleError(`section '${name}' is missing or of the wrong type`);
    return found;
  };
  const popularityRanking = (variant: PopularityVariant): PopularityRanking => ({
    scores: section(`popularity.${variant}.scores`, Float32Array),
    items: section(`popularity.${variant}.items`, Uint32Array),
    offsets: section(`popularity.${variant}.offsets`, Uint32Array),
  });
  const recommender: RecommenderModels = {
    userIds: decodeStrings(sections.userIds, 'userIds'),
    itemIds: decodeStrings(sections.itemIds, 'itemIds'),
    itemCategory: section('itemCategory', Int32Array),
    itemPublishedAt: section('itemPublishedAt', Float64Array),
    now: models.now,
    als: { factors: models.alsFactors, userFactors: section('als.userFactors', Float32Array), itemFactors: section('als.itemFactors', Float32Array) },
    alsParams: alsParamsSchema.parse(models.alsParams),
    knn: { k: models.knnK, neighbors: section('knn.neighbors', Uint32Array), scores: section('knn.scores', Float32Array), counts: section('knn.counts', Uint16Array) },
    knnParams: itemKnnParamsSchema.parse(models.knnParams),
    ease: models.easeItemCount === null ? null : { itemCount: models.easeItemCount, items: section('ease.items', Uint32Array), weights: section('ease.weights', Float32Array) },
    content: {
      dims: models.content.dims,
      fieldWeights: models.content.fieldWeights,
      vocabulary: decodeStrings(sections['content.vocabulary'], 'content.vocabulary'),
      idf: section('content.idf', Float32Array),
      projection: section('content.projection', Float32Array),
    },
    contentVectors: section('content.vectors', Float32Array),
    popularity: {
      categories: decodeStrings(sections['popularity.categories'], 'popularity.categories'),
      variants: Object.fromEntries(POPULARITY_VARIANTS.map((variant) => [variant, popularityRanking(variant)])) as Record<PopularityVariant, PopularityRanking>,
    },
    ranker: models.ranker && rankerOf(models.ranker, section),
    ...(models.servingRecipe !== undefined && { servingRecipe: servingRecipeOf(models.servingRecipe) }),
    ...optionalServingSections(sections, section),
  };
  const { models: _models, ...rest } = meta;
  return {
    models: recommender,
    meta: rest,
    onnx: sections['ranker.onnx'] instanceof Uint8Array ? sections['ranker.onnx'] : null,
    annFactors: section('ann.factors', Uint8Array),
    annContent: section('ann.content', Uint8Array),
  };
}

function servingRecipeOf(recipe: unknown): ServingRecipe {
  const parsed = z.enum(SERVING_RECIPES).safeParse(recipe);
  if (!parsed.success) throw new BundleError(`unknown serving recipe ${JSON.stringify(recipe)}: this release serves ${SERVING_RECIPES.join(', ')}`);
  return parsed.data;
}

function rankerOf(meta: NonNullable<ModelsMeta['ranker']>, section: <T extends SectionArray>(name: string, type: new (...args: never[]) => T) => T): RankerModel {
  assertCurrentFeatures(meta);
  return {
    featureCount: meta.featureCount,
    featureNames: meta.featureNames,
    loss: meta.loss,
    means: section('ranker.means', Float32Array),
    stds: section('ranker.stds', Float32Array),
    layers: meta.layers.map((shape, index) => ({ ...shape, weights: section(`ranker.layer${index}.weights`, Float32Array), biases: section(`ranker.layer${index}.biases`, Float32Array) })),
  };
}

/** Bundles from before serving read histories and candidates from memory lack these (serving then computes them per request), and the exposure penalty (serving then applies none). */
function optionalServingSections(
  sections: Record<string, SectionArray>,
  section: <T extends SectionArray>(name: string, type: new (...args: never[]) => T) => T,
): { histories?: UserHistories; precomputed?: PrecomputedCandidates; exposurePenalty?: Float32Array } {
  const histories = 'histories.offsets' in sections ? {
          offsets: section('histories.offsets', Uint32Array),
          items: section('histories.items', Uint32Array),
          strengths: section('histories.strengths', Float32Array),
          types: section('histories.types', Uint16Array),
        } : undefined;
  const hasPrecomputed = PRECOMPUTED_SOURCES.every(({ name }) => `precomputed.${name}.offsets` in sections);
  const precomputed = hasPrecomputed
    ? (Object.fromEntries(PRECOMPUTED_SOURCES.map(({ name }) => [name, { offsets: section(`precomputed.${name}.offsets`, Uint32Array), items: section(`precomputed.${name}.items`, Uint32Array) }])) as PrecomputedCandidates)
    : undefined;
  const exposurePenalty = 'exposure.penalty' in sections ? section('exposure.penalty', Float32Array) : undefined;
  return { ...(histories && { histories }), ...(precomputed && { precomputed }), ...(exposurePenalty && { exposurePenalty }) };
}

/**
 * The ranker reads its inputs by position, so one trained on another feature list (a bundle from
 * an older release) would score every candidate wrongly without any error: it must not load.
 */
function assertCurrentFeatures({ featureCount, featureNames }: NonNullable<ModelsMeta['ranker']>): void {
  const sameNames = featureNames === undefined || featureNames.every((name, index) => name === FEATURE_NAMES[index]);
  if (featureCount === FEATURE_COUNT && sameNames) return;
  const trained = featureNames ? featureNames.join(', ') : 'unnamed';
  throw new BundleError(`the ranker was trained on ${featureCount} features (${trained}), but this release computes ${FEATURE_COUNT} (${FEATURE_NAMES.join(', ')}): train a new version`);
}
