// The loss and gradient OF the learned kernel: the weights after the last update, evaluated on the lab
// as it is now. The worker's progress reports another pair, the loss and gradient of epoch N taken
// before that epoch's update (what the notebook prints); after a run the two differ by one update.
// The training panel and the chapter's Backward pass both read this one, so they agree.
import type { Experiment } from '../../../core/src/train/experiment.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import type { Grid } from '../lib/grid.ts';

export interface KernelEvaluation {
  loss: number;
  /** dLoss/dw for the stored (unrotated) weights, [kh, kw] row-major. */
  gradient: Grid;
}

/** The experiment's loss and weight gradient at `weight`, or null when it does not fit the layer or the loss overflows. */
export function evaluateKernel(experiment: Experiment, weight: Grid): KernelEvaluation | null {
  const [kh, kw] = experiment.layer.kernelSize;
  const { inChannels, outChannels } = experiment.layer;
  if (inChannels !== 1 || outChannels !== 1 || weight.height !== kh || weight.width !== kw) return null;
  let trainer: Trainer;
  try {
    trainer = new Trainer({
      ...experiment,
      init: { kind: 'weights', weight: { shape: [1, 1, kh, kw], data: Array.from(weight.data) }, bias: null },
    });
  } catch {
    return null; // the lab's layer cannot run (its own views say why)
  }
  // One epoch's loss and gradient are taken before its update: exactly the values at `weight`.
  if (trainer.step().kind !== 'trained') return null;
  return {
    loss: trainer.lossHistory[0],
    gradient: { height: kh, width: kw, data: Float32Array.from(trainer.weightGrad) },
  };
}
