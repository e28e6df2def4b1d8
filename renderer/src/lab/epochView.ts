// What the training strip shows for one epoch of a run: the prediction Ŷ = X ⋆ K at that epoch's
// weights and its error Ŷ − Y, through the core's trainer (its forward pass is conv/convLayer.ts, the one
// every epoch runs), on the lab as it is now.
import type { Experiment } from '../../../core/src/train/experiment.ts';
import { Trainer } from '../../../core/src/train/trainer.ts';
import type { Grid } from '../lib/grid.ts';

export interface PredictionView {
  /** Ŷ, the layer's output at the weights. */
  prediction: Grid;
  /** Ŷ − Y: where the prediction misses the target. */
  error: Grid;
}

/**
 * The prediction and its error at any weights of one experiment. The trainer (the validated experiment
 * and its target) is built once per experiment key, not once per frame: a live run asks at every frame.
 */
export class PredictionCache {
  private key: string | null = null;
  private trainer: Trainer | null = null;
  private target: Float32Array | null = null;

  /** Ŷ and Ŷ − Y at `weight` [kh, kw], or null when the weights do not fit the layer or it cannot run. */
  at(key: string, experiment: () => Experiment, weight: Grid): PredictionView | null {
    if (key !== this.key) {
      this.key = key;
      this.trainer = trainerFor(experiment(), weight);
      this.target = this.trainer?.targetValues() ?? null;
    }
    const trainer = this.trainer;
    const target = this.target;
    if (trainer === null || target === null || trainer.weight.length !== weight.data.length) return null;
    trainer.weight.set(weight.data);
    const { height, width, data } = trainer.predict();
    const error = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) error[i] = data[i] - target[i];
    return { prediction: { height, width, data }, error: { height, width, data: error } };
  }
}

/** A trainer of `experiment` starting at `weight`, or null when the weights do not fit or the layer cannot run. */
function trainerFor(experiment: Experiment, weight: Grid): Trainer | null {
  const [kh, kw] = experiment.layer.kernelSize;
  const { inChannels, outChannels } = experiment.layer;
  if (inChannels !== 1 || outChannels !== 1 || weight.height !== kh || weight.width !== kw) return null;
  try {
    return new Trainer({
      ...experiment,
      init: { kind: 'weights', weight: { shape: [1, 1, kh, kw], data: Array.from(weight.data) }, bias: null },
    });
  } catch {
    return null; // the lab's layer cannot run (its own views say why)
  }
}
