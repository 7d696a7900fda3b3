import 'server-only';
import type { ItemSpace } from './context';
import type { ServingModel } from './model';

/** Trained items a new item may borrow a neighbour score from. */
const LOOK_ALIKES = 5;

interface LookAlike {
  item: number;
  /** Content cosine with the new item. */
  similarity: number;
}

interface LookAlikeMemo {
  byItem: Map<number, LookAlike[]>;
  /** The retriever's skip mask: nothing is skipped. */
  noSkip: Uint8Array;
}

/** Per item space, so per model and catalogue epoch; filled as new items turn up in similar lists. */
const memos = new WeakMap<ItemSpace, LookAlikeMemo>();

/**
 * The model never saw items appended since training, so none of them is anyone's neighbour, and
 * beside a modelled anchor they would compete on content alone. Each one borrows instead the
 * neighbour score of its closest trained look-alikes in content, scaled by how alike they are:
 * a near-copy of the anchor borrows the anchor's own standing (the strongest neighbour's), one
 * resembling a neighbour borrows part of that neighbour's, and one resembling nothing near the
 * anchor borrows nothing, so a crowd of merely same-category arrivals does not push the
 * neighbours out.
 *
 * `neighbours` are the anchor's, best first; scores returned are relative to the best of them
 * (1), for the appended items among `candidates` that borrow anything.
 */
export function borrowedNeighbourScores(
  model: ServingModel,
  space: ItemSpace,
  anchor: number,
  neighbours: readonly { item: number; score: number }[],
  candidates: readonly { item: number }[],
): Map<number, number> {
  const top = neighbours[0]?.score ?? 0;
  const standing = new Map<number, number>(top > 0 ? neighbours.map(({ item, score }) => [item, score / top]) : []);
  standing.set(anchor, 1);
  const borrowed = new Map<number, number>();
  for (const { item } of candidates) {
    if (item < space.modelItems) continue;
    let best = 0;
    for (const lookAlike of lookAlikesOf(model, space, item)) best = Math.max(best, lookAlike.similarity * (standing.get(lookAlike.item) ?? 0));
    if (best > 0) borrowed.set(item, best);
  }
  return borrowed;
}

function lookAlikesOf(model: ServingModel, space: ItemSpace, item: number): LookAlike[] {
  let memo = memos.get(space);
  if (!memo) {
    memo = { byItem: new Map(), noSkip: new Uint8Array(space.modelItems) };
    memos.set(space, memo);
  }
  const known = memo.byItem.get(item);
  if (known) return known;
  const { dims } = model.models.content;
  const trained = model.models.contentVectors;
  const row = item - space.modelItems;
  const vector = space.newVectors.subarray(row * dims, (row + 1) * dims);
  const found = Array.from(model.retrievers.content.search(vector, LOOK_ALIKES, memo.noSkip), (candidate) => {
    let similarity = 0;
    for (let d = 0; d < dims; d++) similarity += vector[d]! * trained[candidate * dims + d]!;
    return { item: candidate, similarity };
  });
  memo.byItem.set(item, found);
  return found;
}
