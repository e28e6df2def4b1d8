// The contract between the trainer worker and its callers (the renderer's Web Worker wrapper and
// the Node client in core/node). Everything crossing it is plain data that structured clone copies:
// numbers, strings, number arrays and Float32Arrays. Call it through comlink: `wrap<TrainerApi>(endpoint)`.
import type { Experiment } from '../train/experiment.ts';

/** A tensor as plain data: row-major values with their shape. */
export interface TensorData {
  shape: number[];
  data: Float32Array;
}

/**
 * New loss values since the previous message: `values[i]` is the loss of epoch `fromEpoch + i`
 * (epochs count from 1). A caller appends them; `fromEpoch` lets it notice a gap.
 */
export interface LossDelta {
  fromEpoch: number;
  values: number[];
}

/** One progress message (coalesced: at most about 60 per second, whatever the epoch rate). */
export interface Progress {
  type: 'progress';
  /** Epochs completed in the trainer's lifetime since the last configure/reset. */
  epoch: number;
  /** The epoch the current run will end at. */
  totalEpochs: number;
  /** Loss of `epoch` (computed with the weights before that epoch's update, as the notebook prints it). */
  loss: number;
  weight: TensorData;
  bias: Float32Array | null;
  /** Gradient of the loss with respect to the weight at `epoch` (before the update). */
  weightGrad: TensorData;
  biasGrad: Float32Array | null;
  lossHistory: LossDelta;
}

export type TrainerStatus =
  'unconfigured' | 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'diverged';

/** Everything a caller needs to redraw from scratch (after a reload, or to resync). */
export interface TrainerState {
  type: 'state';
  status: TrainerStatus;
  epoch: number;
  /** Where a paused or running run is heading; equals `epoch` when idle. */
  targetEpoch: number;
  loss: number | null;
  weight: TensorData | null;
  bias: Float32Array | null;
  weightGrad: TensorData | null;
  biasGrad: Float32Array | null;
  /** The full loss history, index i = epoch i + 1. */
  lossHistory: number[];
  /** Set when status is 'diverged', e.g. "loss became Infinity at epoch 37: learning rate 5 is too high". */
  divergence: string | null;
}

/** How a run ended. `paused` runs continue with `resume`. */
export type RunResult =
  | { type: 'finished'; state: TrainerState }
  | { type: 'paused'; state: TrainerState }
  | { type: 'stopped'; state: TrainerState }
  | { type: 'diverged'; reason: string; state: TrainerState };

export type ProgressCallback = (progress: Progress) => void;

/**
 * The worker service. All methods are async because they cross a thread. Errors (an invalid
 * experiment, calling run before configure, run while running) reject with an Error whose message
 * names the operation, e.g. `trainer.run: no experiment configured`.
 */
export interface TrainerApi {
  /** Validate and load an experiment; the weights go to their initial values, epoch 0. */
  configure(experiment: Experiment): Promise<TrainerState>;
  /**
   * Train `epochs` more epochs (default: the experiment's `epochs`). Progress goes to `onProgress`
   * (pass `comlink.proxy(fn)`); the last message always carries the final epoch. Resolves when the
   * run finishes, is paused, is stopped, or diverges.
   */
  run(epochs?: number, onProgress?: ProgressCallback): Promise<RunResult>;
  /** Pause a running run: resolves (the acknowledgement) once training has halted; the run resolves 'paused'. */
  pause(): Promise<TrainerState>;
  /** Continue a paused run to its target epoch; resolves like run. */
  resume(onProgress?: ProgressCallback): Promise<RunResult>;
  /** One epoch, when not running; returns its progress (the loss history delta holds that one epoch). */
  step(): Promise<Progress>;
  /** End a running or paused run; resolves once it has halted. The weights are kept. */
  stop(): Promise<TrainerState>;
  /** Back to the initial weights of the configured experiment (stops a run first). */
  reset(): Promise<TrainerState>;
  getState(): Promise<TrainerState>;
}
