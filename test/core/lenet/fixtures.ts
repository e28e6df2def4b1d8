// Small slices of the shipped Fashion-MNIST subset for the LeNet tests (loaded once per file).
import { loadFashionMnist, SHIPPED_FASHION_MNIST_DIR } from '../../../core/node/fashionMnist.ts';
import { firstExamples, type FashionMnist } from '../../../core/src/data/fashionMnist.ts';
import type { LenetData } from '../../../core/src/lenet/trainer.ts';

let shipped: FashionMnist | null = null;

export function shippedSubset(): FashionMnist {
  shipped ??= loadFashionMnist(SHIPPED_FASHION_MNIST_DIR);
  return shipped;
}

/** The shipped training set (the trainer picks trainSize of it) and its first `testCount` test images. */
export function lenetData(testCount: number): LenetData {
  const { train, test } = shippedSubset();
  return { train, test: firstExamples(test, testCount) };
}
