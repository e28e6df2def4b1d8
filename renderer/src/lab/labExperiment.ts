// The lab and its training settings as the core's experiment, and back: the one mapping the training
// panel, the chapter, Save lab, Open lab and the autosave all use. `labExperiment` is what the worker
// and `convlab train` run; `labFromExperiment` is its inverse, so a lab file's (possibly hand-edited)
// `experiment` is what opens. What an experiment cannot say (the kernel or drawn output that is not
// the current target, the seed while runs start from given weights, whether the learnable kernel
// follows the target's size) comes from the view settings, or from the textbook's defaults.
import {
  bookInit,
  NOTEBOOK_SEED,
  notebookExperiment,
  type Experiment,
  type Init,
  type LossKind,
  type OptimizerConfig,
} from '../../../core/src/train/experiment.ts';
import type { LayerGeometry } from '../../../core/src/conv/geometry.ts';
import type { Grid } from '../lib/grid.ts';

export type OptimizerChoice = 'sgd' | 'momentum' | 'adam';
export type TargetKind = 'kernel' | 'output';

/** Weights a run starts from instead of the seed's draw, as plain numbers ([1, 1, kh, kw], row-major). */
export interface StartWeights {
  shape: [1, 1, number, number];
  data: number[];
}

export interface TrainingSettings {
  targetKind: TargetKind;
  /** Learnable kernel size; null follows the target kernel's size. */
  kernelSize: [number, number] | null;
  seed: number;
  /**
   * null: runs start from the seed's draw. Otherwise the book's start (the default), or a copy of the
   * learned kernel taken when the user chose "the learned kernel", so Reset goes back to it and a saved
   * lab reproduces the run exactly.
   */
  startWeights: StartWeights | null;
  optimizer: OptimizerChoice;
  learningRate: number;
  epochs: number;
  loss: LossKind;
}

/** The lab's part of an experiment: what the editors hold. */
export interface LabScene {
  input: Grid;
  kernel: Grid;
  geometry: LayerGeometry;
  flip: boolean;
}

/** The momentum the lab's "momentum" optimiser uses. */
export const LAB_MOMENTUM = 0.9;
/** The only Adam betas the lab trains with (PyTorch's defaults). */
const LAB_ADAM_BETAS = [0.9, 0.999] as const;

/** The start of the book's run (the core's notebook experiment's), as the lab's start weights. */
export function bookStartWeights(): StartWeights {
  const init = bookInit();
  if (init.kind !== 'weights') throw new Error("bookInit: the book's run starts from given weights");
  const [, , kh, kw] = init.weight.shape;
  return { shape: [1, 1, kh, kw], data: [...init.weight.data] };
}

const sameWeights = (a: StartWeights, b: StartWeights): boolean =>
  a.shape.every((n, i) => n === b.shape[i]) && a.data.every((v, i) => Object.is(v, b.data[i]));

/** Where the next fresh run starts, as the Start setting names it. */
export type StartChoice = 'book' | 'seed' | 'learned';

/** The start the settings choose for a learnable kernel of `kernelSize` (start weights that do not fit fall back to the seed). */
export function startChoice(settings: TrainingSettings, kernelSize: [number, number]): StartChoice {
  const init = initFor(settings, kernelSize);
  if (init.kind === 'seed' || settings.startWeights === null) return 'seed';
  return sameWeights(settings.startWeights, bookStartWeights()) ? 'book' : 'learned';
}

/** Why the book's start cannot be chosen for a learnable kernel of `kernelSize`, or null when it can. */
export function bookStartUnavailable(kernelSize: [number, number]): string | null {
  const [, , kh, kw] = bookStartWeights().shape;
  return kernelSize[0] === kh && kernelSize[1] === kw
    ? null
    : `The book's run learns a ${kh} × ${kw} kernel; the learnable kernel is ${kernelSize[0]} × ${kernelSize[1]}.`;
}

/** The textbook's training settings: the start, learning rate, epochs and loss of the core's notebook experiment. */
export function defaultSettings(): TrainingSettings {
  const e = notebookExperiment();
  return {
    targetKind: 'kernel',
    kernelSize: null,
    seed: e.init.kind === 'seed' ? e.init.seed : NOTEBOOK_SEED,
    startWeights: e.init.kind === 'weights' ? bookStartWeights() : null,
    optimizer: 'sgd',
    learningRate: e.optimizer.lr,
    epochs: e.epochs,
    loss: e.loss,
  };
}

function optimizerConfig(choice: OptimizerChoice, lr: number): OptimizerConfig {
  if (choice === 'adam') return { kind: 'adam', lr };
  if (choice === 'momentum') return { kind: 'sgd', lr, momentum: LAB_MOMENTUM };
  return { kind: 'sgd', lr };
}

/** The learnable kernel's [height, width]: the chosen size, or the target kernel's. */
export const learnableKernelSize = (
  lab: Pick<LabScene, 'kernel'>,
  settings: Pick<TrainingSettings, 'kernelSize'>,
): [number, number] => settings.kernelSize ?? [lab.kernel.height, lab.kernel.width];

/** The output training compares with: the drawn target, or the lab's feature map (Y = conv(X, K_true)). */
export function trainingTarget(
  labOutput: Grid | null,
  settings: Pick<TrainingSettings, 'targetKind'>,
  targetOutput: Grid | null,
): Grid | null {
  return settings.targetKind === 'output' && targetOutput !== null ? targetOutput : labOutput;
}

const fitsLayer = (shape: readonly number[], kernelSize: [number, number]): boolean =>
  shape.length === 4 &&
  shape[0] === 1 &&
  shape[1] === 1 &&
  shape[2] === kernelSize[0] &&
  shape[3] === kernelSize[1];

/** The run's initial weights: the chosen start weights while they fit the learnable layer, else the seed's draw. */
export function initFor(settings: TrainingSettings, kernelSize: [number, number]): Init {
  const start = settings.startWeights;
  if (start !== null && fitsLayer(start.shape, kernelSize)) {
    // Copies, so the experiment never shares arrays with the (reactive) settings.
    return { kind: 'weights', weight: { shape: [...start.shape], data: [...start.data] }, bias: null };
  }
  return { kind: 'seed', seed: settings.seed };
}

/** The experiment the lab and the settings describe, starting from the seed or the chosen start weights. */
export function labExperiment(
  lab: LabScene,
  settings: TrainingSettings,
  targetOutput: Grid | null,
): Experiment {
  const { input, kernel, geometry } = lab;
  const kernelSize = learnableKernelSize(lab, settings);
  const target: Experiment['target'] =
    settings.targetKind === 'output' && targetOutput !== null
      ? {
          kind: 'output',
          output: {
            channels: 1,
            height: targetOutput.height,
            width: targetOutput.width,
            data: Array.from(targetOutput.data),
          },
        }
      : {
          kind: 'kernel',
          kernel: { shape: [1, 1, kernel.height, kernel.width], data: Array.from(kernel.data) },
          bias: null,
        };
  return {
    input: { channels: 1, height: input.height, width: input.width, data: Array.from(input.data) },
    target,
    layer: {
      kernelSize: [kernelSize[0], kernelSize[1]],
      inChannels: 1,
      outChannels: 1,
      padding: [geometry.padding[0], geometry.padding[1]],
      paddingMode: geometry.paddingMode,
      stride: [geometry.stride[0], geometry.stride[1]],
      dilation: [geometry.dilation[0], geometry.dilation[1]],
      bias: false,
      flip: lab.flip,
    },
    init: initFor(settings, kernelSize),
    loss: settings.loss,
    optimizer: optimizerConfig(settings.optimizer, settings.learningRate),
    epochs: settings.epochs,
  };
}

/** What a lab keeps beside its experiment (a lab file's `ui`); every field may be missing. */
export interface LabViewSettings {
  /** The true kernel while the target is a drawn output. */
  kernel?: { height: number; width: number; data: number[] } | null;
  /** The drawn output while the target is the true kernel. */
  targetOutput?: { height: number; width: number; data: number[] } | null;
  /** The seed while runs start from given weights. */
  seed?: number;
  /** null: the learnable kernel follows the target kernel's size. */
  kernelSize?: [number, number] | null;
}

/** A plain grid: the form a lab file and the autosave hold. */
export interface PlainGrid {
  height: number;
  width: number;
  data: number[];
}

/** The lab and settings an experiment describes: the inverse of `labExperiment`. */
export interface LabFromExperiment {
  input: PlainGrid;
  kernel: PlainGrid;
  flip: boolean;
  geometry: LayerGeometry;
  settings: TrainingSettings;
  targetOutput: PlainGrid | null;
}

/** The lab's optimiser for the experiment's, or an Error naming the field the lab cannot train with. */
function optimizerChoice(e: Experiment, action: string): OptimizerChoice {
  const o = e.optimizer;
  if (o.kind === 'adam') {
    if (o.betas !== undefined && (o.betas[0] !== LAB_ADAM_BETAS[0] || o.betas[1] !== LAB_ADAM_BETAS[1])) {
      throw new Error(
        `${action}: experiment.optimizer.betas is [${o.betas.join(', ')}]; the lab trains Adam with [${LAB_ADAM_BETAS.join(', ')}]`,
      );
    }
    return 'adam';
  }
  if (o.nesterov === true)
    throw new Error(`${action}: experiment.optimizer.nesterov is true; the lab has no Nesterov momentum`);
  const momentum = o.momentum ?? 0;
  if (momentum === 0) return 'sgd';
  if (momentum === LAB_MOMENTUM) return 'momentum';
  throw new Error(
    `${action}: experiment.optimizer.momentum is ${momentum}; the lab trains with momentum ${LAB_MOMENTUM} or none`,
  );
}

/**
 * The lab an experiment describes (one input and output channel, no bias: the caller checks those and
 * the lab's bounds). Throws, prefixed with `action`, when the optimiser is one the lab cannot offer.
 */
export function labFromExperiment(
  e: Experiment,
  view: LabViewSettings | null,
  action: string,
): LabFromExperiment {
  const { layer } = e;
  const [kh, kw] = layer.kernelSize;
  const kernel: PlainGrid =
    e.target.kind === 'kernel'
      ? { height: e.target.kernel.shape[2], width: e.target.kernel.shape[3], data: e.target.kernel.data }
      : (view?.kernel ?? { height: kh, width: kw, data: new Array<number>(kh * kw).fill(0) });
  const targetOutput: PlainGrid | null =
    e.target.kind === 'output'
      ? { height: e.target.output.height, width: e.target.output.width, data: e.target.output.data }
      : (view?.targetOutput ?? null);
  const followsTarget = kernel.height === kh && kernel.width === kw;
  // The layer's kernel size is the truth: "follows the target" holds only while the sizes agree, so a
  // hand-edited kernelSize opens as edited.
  const kernelSize: [number, number] | null =
    followsTarget && (view?.kernelSize ?? null) === null ? null : [kh, kw];
  return {
    input: { height: e.input.height, width: e.input.width, data: e.input.data },
    kernel,
    flip: layer.flip,
    geometry: {
      padding: [layer.padding[0], layer.padding[1]],
      paddingMode: layer.paddingMode,
      stride: [layer.stride[0], layer.stride[1]],
      dilation: [layer.dilation[0], layer.dilation[1]],
    },
    settings: {
      targetKind: e.target.kind,
      kernelSize,
      seed: e.init.kind === 'seed' ? e.init.seed : (view?.seed ?? defaultSettings().seed),
      startWeights: e.init.kind === 'weights' ? { shape: [1, 1, kh, kw], data: e.init.weight.data } : null,
      optimizer: optimizerChoice(e, action),
      learningRate: e.optimizer.lr,
      epochs: e.epochs,
      loss: e.loss,
    },
    targetOutput,
  };
}
