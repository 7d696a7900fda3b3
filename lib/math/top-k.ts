/**
 * The k highest scores' indices, best first, in O(n log k) with a bounded min-heap.
 * `skip[i] = 1` excludes item i (already seen, filtered); NaN and -Infinity scores never qualify.
 */
export function topK(scores: ArrayLike<number>, k: number, skip?: Uint8Array): Uint32Array {
  const heapIndex = new Uint32Array(k);
  const heapScore = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (!(score > -Infinity) || (skip && skip[i] === 1)) continue;
    if (size < k) {
      heapIndex[size] = i;
      heapScore[size] = score;
      siftUp(heapIndex, heapScore, size++);
    } else if (score > heapScore[0]!) {
      heapIndex[0] = i;
      heapScore[0] = score;
      siftDown(heapIndex, heapScore, size);
    }
  }
  const order = Array.from({ length: size }, (_, slot) => slot).sort((a, b) => heapScore[b]! - heapScore[a]! || heapIndex[a]! - heapIndex[b]!);
  return Uint32Array.from(order, (slot) => heapIndex[slot]!);
}

function siftUp(index: Uint32Array, score: Float64Array, position: number): void {
  while (position > 0) {
    const parent = (position - 1) >> 1;
    if (score[parent]! <= score[position]!) return;
    swap(index, score, parent, position);
    position = parent;
  }
}

function siftDown(index: Uint32Array, score: Float64Array, size: number): void {
  let position = 0;
  for (;;) {
    const left = 2 * position + 1;
    const right = left + 1;
    let smallest = position;
    if (left < size && score[left]! < score[smallest]!) smallest = left;
    if (right < size && score[right]! < score[smallest]!) smallest = right;
    if (smallest === position) return;
    swap(index, score, smallest, position);
    position = smallest;
  }
}

function swap(index: Uint32Array, score: Float64Array, a: number, b: number): void {
  const i = index[a]!;
  index[a] = index[b]!;
  index[b] = i;
  const s = score[a]!;
  score[a] = score[b]!;
  score[b] = s;
}
