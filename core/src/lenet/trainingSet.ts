// The training images a run uses and the order it visits them in.
import { FASHION_MNIST_CLASSES, FASHION_MNIST_SIDE, type LabelledImages } from '../data/fashionMnist.ts';
import type { Generator } from '../random/generator.ts';

const PIXELS = FASHION_MNIST_SIDE * FASHION_MNIST_SIDE;

/**
 * `count` images taken from the front of `set`, as evenly over the classes as the set allows: each
 * class gets count / 10 (the first count % 10 classes one more), taken in file order; a class with too
 * few images leaves its share to the next images in file order. The chosen images keep their order.
 * With count equal to the set's size this is the whole set.
 */
export function balancedFirst(set: LabelledImages, count: number): LabelledImages {
  if (!Number.isInteger(count) || count < 1 || count > set.count) {
    throw new RangeError(`balancedFirst: count must be a whole number from 1 to ${set.count}, got ${count}`);
  }
  if (count === set.count) return set;
  const classes = FASHION_MNIST_CLASSES.length;
  const quota = Array.from(
    { length: classes },
    (_, c) => Math.floor(count / classes) + (c < count % classes ? 1 : 0),
  );
  const chosen = new Uint8Array(set.count);
  let taken = 0;
  for (let i = 0; i < set.count && taken < count; i++) {
    const label = set.labels[i];
    if (quota[label] > 0) {
      quota[label]--;
      chosen[i] = 1;
      taken++;
    }
  }
  for (let i = 0; i < set.count && taken < count; i++) {
    if (chosen[i] === 0) {
      chosen[i] = 1;
      taken++;
    }
  }
  const images = new Float32Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < set.count; i++) {
    if (chosen[i] === 0) continue;
    images.set(set.images.subarray(i * PIXELS, (i + 1) * PIXELS), at * PIXELS);
    labels[at++] = set.labels[i];
  }
  return { count, images, labels };
}

/** Fisher-Yates over `order` in place, drawing from `generator` (a fresh order for each epoch). */
export function shuffleInPlace(order: Uint32Array, generator: Generator): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(generator.uniform() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/** The identity order 0, 1, ..., count - 1. */
export function identityOrder(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/**
 * Copies images `order[start .. start + size)` of `set` into `images` ([size, 1, 28, 28] row-major,
 * image after image) and their labels into `labels`.
 */
export function gatherBatch(
  set: LabelledImages,
  order: ArrayLike<number>,
  start: number,
  size: number,
  images: Float32Array,
  labels: Uint8Array,
): void {
  for (let b = 0; b < size; b++) {
    const n = order[start + b];
    images.set(set.images.subarray(n * PIXELS, (n + 1) * PIXELS), b * PIXELS);
    labels[b] = set.labels[n];
  }
}
