// The contract between the LeNet trainer worker and its callers (`convlab lenet`, the lab's LeNet
// view). Plain data only, which structured clone copies (or transfers: the data set's typed arrays).
// Call it through comlink: `wrap<LenetTrainerApi>(endpoint)`, or through lenetClient.ts.
import type { FashionMnistBytes } from '../data/fashionMnist.ts';
import type { LenetTraining } from '../formats/lenetModel.ts';
import type { LenetRunConfig } from '../lenet/config.ts';
import type { LenetEvaluation, LenetPrediction } from '../lenet/evaluate.ts';
import type { LenetData, LenetEpochRecord, LenetPosition } from '../lenet/trainer.ts';
import type { TensorData } from './api.ts';

/** Epochs finished since the previous message: `records[i]` is epoch `fromEpoch + i` (from 1). */
export interface LenetHistoryDelta {
  fromEpoch: number;
  records: LenetEpochRecord[];
}

/**
 * One progress message. Coalesced: at most about 60 a second, plus one at the end of every epoch
 * (so each epoch's record arrives as soon as it is known) and one when the run halts.
 */
export interface LenetProgress extends LenetPosition {
  type: 'lenet-progress';
  /** The epoch the run ends at. */
  totalEpochs: number;
  /** Share of the run's training batches done, 0 to 1. */
  fraction: number;
  history: LenetHistoryDelta;
  /** The kernels as they are now, for the lab's kernel images: conv1 [6, 1, 5, 5] and conv2 [16, 6, 5, 5]. */
  conv1Weight: TensorData;
  conv2Weight: TensorData;
}

export type LenetStatus =
  'unconfigured' | 'idle' | 'running' | 'paused' | 'finished' | 'stopped' | 'diverged';

/** Everything a caller needs to redraw from scratch. */
export interface LenetState {
  type: 'lenet-state';
  status: LenetStatus;
  config: LenetRunConfig | null;
  /** Images the run trains on (after trainSize) and tests on. */
  trainCount: number;
  testCount: number;
  epoch: number;
  position: LenetPosition | null;
  /** Every finished epoch, index i = epoch i + 1. */
  history: LenetEpochRecord[];
  /** Set when status is 'diverged'. */
  divergence: string | null;
}

export type LenetRunResult =
  | { type: 'finished'; state: LenetState }
  | { type: 'paused'; state: LenetState }
  | { type: 'stopped'; state: LenetState }
  | { type: 'diverged'; reason: string; state: LenetState };

export type LenetProgressCallback = (progress: LenetProgress) => void;

/** The trained network as the model file stores it (lenetModelFile takes this with the app's name). */
export interface LenetModelData {
  activation: LenetRunConfig['activation'];
  /** Every parameter by its state-dict name (0.weight, ..., 11.bias). */
  stateDict: Record<string, TensorData>;
  training: LenetTraining;
}

/**
 * The LeNet worker service; every method is async because it crosses a thread. Errors reject with an
 * Error whose message names the operation: `lenet.run: nothing configured; call configure first`.
 */
export interface LenetTrainerApi {
  /**
   * Check the settings and take the data; the weights go to the seed's initial values, epoch 0.
   * Without `data`, the data of the previous configure or `loadData` is used again, so a caller
   * changing settings sends the images once per worker.
   */
  configure(config: Partial<LenetRunConfig>, data?: LenetData): Promise<LenetState>;
  /**
   * Decode Fashion-MNIST from the four idx files' (decompressed) bytes here, in the worker, and keep
   * it for `configure` (the lab: decoding 10,000 images takes the page's thread ~200 ms). Throws the
   * reader's one-line FormatError for a bad file.
   */
  loadData(bytes: FashionMnistBytes): Promise<{ trainCount: number; testCount: number }>;
  /** Train up to the configured epochs; resolves when finished, paused, stopped or diverged. */
  run(onProgress?: LenetProgressCallback): Promise<LenetRunResult>;
  /** Halt a running run (resolves once halted; the run resolves 'paused'); `resume` continues it. */
  pause(): Promise<LenetState>;
  resume(onProgress?: LenetProgressCallback): Promise<LenetRunResult>;
  /** End a running or paused run; resolves once halted. The weights are kept. */
  stop(): Promise<LenetState>;
  /** Back to the initial weights (stops a run first). */
  reset(): Promise<LenetState>;
  getState(): Promise<LenetState>;
  /** The current weights and the run's settings and history. */
  model(): Promise<LenetModelData>;
  /** Accuracy, confusion matrix and the most confident mistakes on the test set (not while running). */
  evaluate(options?: { mistakes?: number }): Promise<LenetEvaluation>;
  /** One 28 x 28 image's every layer and ten probabilities with the current weights. */
  predict(image: Float32Array | number[]): Promise<LenetPrediction>;
  /**
   * Replaces the weights and the history with a saved model's (an imported file, the lab's stored
   * model); stops a run first. The run must be configured for the model's activation.
   */
  load(model: LenetModelData): Promise<LenetState>;
  /**
   * The current model as the model file's JSON text (lenetModelFile + serializeLenetModel), written
   * here so that the caller's thread never spends the ~100 ms that 61,706 shortest decimals take.
   */
  modelFile(app: { name: string; version: string }): Promise<string>;
  /** Reads a model file's text (parseLenetModel's checks and one-line refusals) without loading it. */
  readModelFile(text: string): Promise<LenetModelFileData>;
}

/** A model file's content with float32 arrays: what `load` takes, its run's record when it has one. */
export interface LenetModelFileData {
  activation: LenetRunConfig['activation'];
  stateDict: Record<string, TensorData>;
  training: LenetTraining | null;
}
