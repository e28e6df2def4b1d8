// The contract between the trainer worker and its callers (the renderer's Web Worker wrapper and
// the Node client in core/node). Everything crossing it is plain data that structured clone copies:
// numbers, strings, number arrays and Float32Arrays. Call it through comlink: `wrap<TrainerApi>(endpoint)`.
import type { Shaped } from '../shape.ts';
import type { Experiment } from '../train/experiment.ts';
import type { EpochRecords, EpochRecordsDelta } from '../train/runHistory.ts';
import type { TrainingSpeed } from './pace.ts';

/** A tensor as plain data: row-major values with their shape. */
export type TensorData = Shaped<Float32Array>;

/** One progress message (coalesced: at most about 60 per second, whatever the epoch rate). */
export interface Progress {
  type: 'progress';
  /** Epochs completed in the run since the last configure/reset (a restored run counts its epochs). */
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
  /** The epochs recorded since the previous message (or, after a decimation, the whole record). */
  records: EpochRecordsDelta;
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
  /**
   * The loss of every epoch, index i = epoch i + 1 (after a restored history, which may be
   * decimated, the values it held come first: `history.epochs` says which epoch each record is).
   */
  lossHistory: number[];
  /** The run's record, epoch by epoch (runHistory.ts): what the Epoch slider scrubs. */
  history: EpochRecords;
  /** The weights at epoch 0, where the run starts (null before configure). */
  startWeight: Float32Array | null;
  /** The record's revision: a caller that holds it applies later progress deltas to this state. */
  historyRevision: number;
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

/** A run to continue after a reload or Open lab: where it got to, and the losses it recorded. */
export interface RunResume {
  /** The weights after the last epoch, [out, in, kh, kw]. */
  weight: { shape: readonly number[]; data: ArrayLike<number> };
  weightGrad: { shape: readonly number[]; data: ArrayLike<number> } | null;
  /** Epochs the run had completed. */
  epoch: number;
  lossHistory: number[];
  /** The epoch of each value of a decimated history; absent: value i is epoch i + 1. */
  lossHistoryEpochs?: number[];
}

/**
 * The worker service. All methods are async because they cross a thread. Errors (an invalid
 * experiment, calling run before configure, run while running) reject with an Error whose message
 * names the operation, e.g. `trainer.run: no experiment configured`.
 */
export interface TrainerApi {
  /**
   * Validate and load an experiment; the weights go to their initial values, epoch 0. With `resume`,
   * the run continues where a saved one stopped (its weights, epoch and recorded losses); Reset still
   * goes back to the experiment's own start.
   */
  configure(experiment: Experiment, resume?: RunResume): Promise<TrainerState>;
  /** 'watch' waits between epochs so each can be seen (pace.ts), 'fast' does not; applies at once, also mid-run. */
  setSpeed(speed: TrainingSpeed): Promise<void>;
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
  /**
   * One epoch, when not running; returns its progress (the record delta holds that one epoch). A
   * stepped run is paused: `resume` goes on to its target (the experiment's epochs for a fresh run).
   */
  step(): Promise<Progress>;
  /** End a running or paused run; resolves once it has halted. The weights are kept. */
  stop(): Promise<TrainerState>;
  /** Back to the initial weights of the configured experiment (stops a run first). */
  reset(): Promise<TrainerState>;
  getState(): Promise<TrainerState>;
}
