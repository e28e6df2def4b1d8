// The weights and lab files through the core's formats (core/src/formats: zod validation, shortest
// float32 decimals), plus what this lab in particular can use: one input and one output channel, a
// kernel of at most 7 x 7 that fits the current input. Every parse throws one Error naming the field.
import type { Experiment } from '../../../core/src/train/experiment.ts';
import {
  labFile,
  parseLab,
  parseWeights,
  serializeLab,
  serializeWeights,
  weightsFile,
} from '../../../core/src/formats/index.ts';
import type { LayerGeometry } from './geometry.ts';
import type { Grid } from './grid.ts';
import { readSnapshot, type Snapshot } from './snapshot.ts';
import type { TrainingResults } from '../state/Training.svelte.ts';
// Only this field is bundled (Vite tree-shakes named JSON imports); the CLI reads the same package.json.
import { version } from '../../../package.json';

const APP = { name: 'ConvLab', version };

export interface ImportedWeights {
  weight: { shape: number[]; data: number[] };
  geometry: LayerGeometry;
  flip: boolean;
  lossHistory: number[];
}

/** Wraps the core's FormatError (or anything thrown) in the action's name, for the alert. */
function withAction<T>(action: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${action}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Validates a weights file against its format and the current input. */
export function parseWeightsFile(text: string, input: Pick<Grid, 'height' | 'width'>): ImportedWeights {
  const action = 'Import weights';
  const doc = withAction(action, () => parseWeights(text));
  const [out, inChannels, kh, kw] = doc.weight.shape;
  if (out !== 1 || inChannels !== 1) {
    throw new Error(
      `${action}: the lab uses one input and one output channel, but weight.shape is [${doc.weight.shape.join(', ')}]`,
    );
  }
  if (kh > 7 || kw > 7)
    throw new Error(
      `${action}: the lab's kernels are at most 7 × 7, but weight.shape is [1, 1, ${kh}, ${kw}]`,
    );
  const { padding, dilation } = doc.layer;
  if (
    dilation[0] * (kh - 1) + 1 > input.height + 2 * padding[0] ||
    dilation[1] * (kw - 1) + 1 > input.width + 2 * padding[1]
  ) {
    throw new Error(
      `${action}: the ${kh} × ${kw} kernel does not fit the ${input.height} × ${input.width} input`,
    );
  }
  return {
    weight: { shape: [1, 1, kh, kw], data: doc.weight.data.flat(3) },
    geometry: {
      padding: doc.layer.padding,
      paddingMode: doc.layer.paddingMode,
      stride: doc.layer.stride,
      dilation,
    },
    flip: doc.layer.flip,
    lossHistory: doc.training.lossHistory.filter(Number.isFinite),
  };
}

export function serializeWeightsFile(experiment: Experiment, results: TrainingResults): string {
  const [, , kh, kw] = results.weight.shape;
  return serializeWeights(
    weightsFile({
      layer: { ...experiment.layer, kernelSize: [kh, kw] },
      weight: results.weight.data,
      bias: null,
      optimizer: experiment.optimizer,
      loss: experiment.loss,
      epochs: results.epoch,
      seed: experiment.init.kind === 'seed' ? experiment.init.seed : null,
      lossHistory: results.lossHistory,
      targetKernel: experiment.target.kind === 'kernel' ? experiment.target.kernel : null,
      app: APP,
    }),
  );
}

/** A lab file: the experiment and results in the core's format, the screen's state in `ui`. */
export function serializeLabFile(experiment: Experiment, snapshot: Snapshot): string {
  const results = snapshot.results
    ? {
        lossHistory: snapshot.results.lossHistory,
        weight: {
          shape: snapshot.results.weight.shape as [number, number, number, number],
          data: snapshot.results.weight.data,
        },
        bias: null,
      }
    : null;
  return serializeLab(labFile(experiment, results, snapshot as unknown as Record<string, unknown>));
}

/** The lab's on-screen state from a lab file. */
export function parseLabFile(text: string): Snapshot {
  const action = 'Open lab';
  const doc = withAction(action, () => parseLab(text));
  const snapshot = readSnapshot(doc.ui);
  if (snapshot instanceof Error) throw new Error(`${action}: ui: ${snapshot.message}`);
  return snapshot;
}
