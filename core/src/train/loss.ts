// The layer's loss and its gradient dL/dY, the one rule the trainer, its divergence watch and the
// chapter's backward views (the Backward pass, the matrix view's dY) all read.
import type { LossKind } from './experiment.ts';

/**
 * The squared loss of `prediction` against `target`: Σ (Y − T)² for 'sum-squared' (the notebook's
 * `((Y_hat - Y) ** 2).sum()`), that sum over the element count for 'mse'. Summed in float64 and
 * returned unrounded; when `gradient` is given, dL/dY = 2·scale·(Y − T) is written into it.
 */
export function squaredLoss(
  kind: LossKind,
  prediction: ArrayLike<number>,
  target: ArrayLike<number>,
  gradient?: Float32Array | Float64Array,
): number {
  const scale = kind === 'mse' ? 1 / Math.max(prediction.length, 1) : 1;
  let sum = 0;
  for (let i = 0; i < prediction.length; i++) {
    const diff = prediction[i] - target[i];
    sum += diff * diff;
    if (gradient !== undefined) gradient[i] = 2 * scale * diff;
  }
  return sum * scale;
}
