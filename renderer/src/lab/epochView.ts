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

/** The prediction and its error at `weight` [kh, kw], or null when the weights do not fit the layer. */
export function predictionAt(experiment: Experiment, weight: Grid): PredictionView | null {
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
  const { height, width, data } = trainer.predict();
  const target = trainer.targetValues();
  const error = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) error[i] = data[i] - target[i];
  return { prediction: { height, width, data }, error: { height, width, data: error } };
}
