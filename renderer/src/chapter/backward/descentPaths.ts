// The paths the loss-surface view draws: their types (the trained one comes from epochPath.ts), and the
// path plain gradient descent would take for the training settings, predicted on the exact quadratic
// loss so the effect of the learning rate and the momentum shows before training.
import {
  gradientDescentPath,
  squaredLossQuadratic,
  type WindowOptions,
} from '../../../../core/src/explain/index.ts';
import type { Grid } from '../../lib/grid.ts';
import { attempt, type Outcome } from '../shared/data.ts';

/** The two weights of a 1x2 (or 2x1) kernel: a point on the loss surface. */
export type WeightPoint = readonly [number, number];

/** Weights visited one epoch after another, oldest first. */
export type WeightPath = readonly WeightPoint[];

/** At most this many predicted steps are drawn (a 20,000-epoch setting draws its first 2,000). */
export const MAX_PREDICTED_STEPS = 2000;

export interface PredictionSettings {
  readonly optimizer: 'sgd' | 'momentum' | 'adam';
  readonly learningRate: number;
  readonly epochs: number;
  readonly loss: 'sum-squared' | 'mse';
}

export interface PredictedPath {
  readonly points: WeightPoint[];
  readonly description: string;
}

/**
 * Full-batch gradient descent from `start` on the squared loss of a two-weight kernel, as PyTorch's SGD
 * with the lab's learning rate and momentum (0.9 for "momentum") would step.
 */
export function predictedPath(
  input: Grid,
  target: Grid,
  start: WeightPoint,
  kernelShape: readonly [number, number],
  options: WindowOptions,
  settings: PredictionSettings,
): Outcome<PredictedPath> {
  if (settings.optimizer === 'adam') {
    return {
      value: null,
      error: 'The predicted path covers SGD with and without momentum; Adam’s path appears as training runs.',
    };
  }
  return attempt((): PredictedPath => {
    const reduction = settings.loss === 'mse' ? 'mean' : 'sum';
    const q = squaredLossQuadratic(
      { shape: [input.height, input.width], data: input.data },
      { shape: [target.height, target.width], data: target.data },
      kernelShape[0],
      kernelShape[1],
      options,
      { reduction },
    );
    const momentum = settings.optimizer === 'momentum' ? 0.9 : 0;
    const steps = Math.min(Math.max(0, Math.round(settings.epochs)), MAX_PREDICTED_STEPS);
    const path = gradientDescentPath(q, start, { lr: settings.learningRate, momentum, steps });
    const points = path.weights.map((w): WeightPoint => [w[0], w[1]]);
    const last = path.losses[path.losses.length - 1];
    // Gradient descent on a quadratic only ends higher than it started when its steps overshoot.
    const diverged = !Number.isFinite(last) || last > path.losses[0];
    const description =
      `Predicted: ${points.length - 1} step${points.length === 2 ? '' : 's'} of SGD, learning rate ` +
      `${settings.learningRate}${momentum > 0 ? `, momentum ${momentum}` : ''}` +
      (diverged ? ': the steps overshoot and the loss grows (lower the learning rate).' : '.');
    return { points, description };
  });
}
