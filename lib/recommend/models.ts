import type { AlsModel, AlsParams } from '@/lib/models/als';
import type { ContentModel } from '@/lib/models/content';
import type { EaseModel } from '@/lib/models/ease';
import type { ItemKnnModel, ItemKnnParams } from '@/lib/models/item-knn';
import type { PopularityModel } from '@/lib/models/popularity';
import type { RankerModel } from '@/lib/models/ranker/mlp';
import type { PrecomputedCandidates } from './precomputed';
import type { ServingRecipe } from './recipes';
import type { UserHistories } from './user-histories';

/** Everything the recommendation pipeline reads, held in memory. Items and users are dense indices. */
export interface RecommenderModels {
  userIds: string[];
  itemIds: string[];
  /** Index into `popularity.categories`, or -1. */
  itemCategory: Int32Array;
  /** Epoch ms, NaN when unknown. */
  itemPublishedAt: Float64Array;
  /** When the training data ends. */
  now: number;
  als: AlsModel;
  alsParams: AlsParams;
  knn: ItemKnnModel;
  knnParams: ItemKnnParams;
  ease: EaseModel | null;
  content: ContentModel;
  /** items × content.dims, unit rows. */
  contentVectors: Float32Array;
  popularity: PopularityModel;
  /** Null until enough data exists to train one; candidates are then ordered by their blended source ranks. */
  ranker: RankerModel | null;
  /** How candidates are ordered, as chosen on held-out users at training; absent (older bundles) means the stacker. */
  servingRecipe?: ServingRecipe;
  /** Per item, what serving subtracts from the stacker's score for being in many users' lists (exposure.ts); absent when off and in older bundles. */
  exposurePenalty?: Float32Array;
  /** Each user's trained interactions, so serving reads history from memory; bundles from before it lack them. */
  histories?: UserHistories;
  /** Each user's candidates from the costly sources, computed after training; absent in offline evaluation. */
  precomputed?: PrecomputedCandidates;
}
