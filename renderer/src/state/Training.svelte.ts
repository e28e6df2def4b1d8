// The training panel's state: its settings, the experiment they make with the lab, and the live results
// the worker reports. Progress arrives up to ~60 times a second; it is applied to reactive state at
// most once per animation frame, and results of superseded runs are dropped (`generation`).
import type { Experiment } from '../../../core/src/train/experiment.ts';
import {
  bookStartUnavailable,
  bookStartWeights,
  defaultSettings,
  labExperiment,
  learnableKernelSize,
  startChoice,
  type StartChoice,
  type TrainingSettings,
} from '../lab/labExperiment.ts';
import type {
  Progress,
  RunResult,
  TensorData,
  TrainerState,
  TrainerStatus,
} from '../../../core/src/worker/api.ts';
import type { TrainerClient } from '../worker/trainerClient.ts';
import type { Grid } from '../lib/grid.ts';
import { trainingSummary } from '../lib/format.ts';
import type { Lab } from './Lab.svelte.ts';
import { evaluateKernel, type KernelEvaluation } from '../lab/learnedKernel.ts';
import { experimentKey } from '../lab/experimentKey.ts';

/** What survives a reload: the learned weights and the loss history of the last run. */
export interface TrainingResults {
  weight: { shape: number[]; data: number[] };
  weightGrad: { shape: number[]; data: number[] } | null;
  lossHistory: number[];
  /** The epoch of each value when the history is decimated (a long run read from a file); absent: value i is epoch i + 1. */
  lossHistoryEpochs?: number[];
  epoch: number;
  /** The experiment these results belong to, as `experimentKey` writes it. */
  key: string;
}

const toGrid = (t: TensorData): Grid => ({
  height: t.shape[t.shape.length - 2],
  width: t.shape[t.shape.length - 1],
  data: Float32Array.from(t.data),
});

/** Why a run cannot start from the learned kernel, or null when it can. */
export function learnedStartUnavailable(learned: Grid | null, kernelSize: [number, number]): string | null {
  if (learned === null) return 'Train or Step first: there is no learned kernel yet.';
  if (learned.height !== kernelSize[0] || learned.width !== kernelSize[1]) {
    return `The learned kernel is ${learned.height} × ${learned.width} but the learnable kernel is ${kernelSize[0]} × ${kernelSize[1]}.`;
  }
  return null;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class Training {
  settings = $state<TrainingSettings>(defaultSettings());
  targetOutput = $state.raw<Grid | null>(null);

  status = $state<TrainerStatus | 'starting'>('unconfigured');
  epoch = $state(0);
  totalEpochs = $state(0);
  /** The loss of epoch `epoch`, taken before that epoch's update (as the notebook prints it). */
  loss = $state<number | null>(null);
  learned = $state.raw<Grid | null>(null);
  /** The gradient of epoch `epoch`, taken before that epoch's update. */
  gradient = $state.raw<Grid | null>(null);
  divergence = $state<string | null>(null);
  error = $state<string | null>(null);
  summary = $state<string | null>(null);
  /** Bumped when `lossHistory` (a plain array: it can hold 20,000 values) changes. */
  historyVersion = $state(0);
  lossHistory: number[] = [];
  /** The epoch of each `lossHistory` value once a decimated history was restored; null: value i is epoch i + 1. */
  lossHistoryEpochs: number[] | null = null;

  running = $derived(this.status === 'running' || this.status === 'starting');
  /**
   * The loss and gradient of the learned kernel (after the last update) on the lab as it is now; null
   * before training and during a run. `loss` and `gradient` above are epoch N's, before its update.
   */
  /** The current experiment's run key, kept as the lab and settings change rather than computed per press. */
  runKey = $derived(experimentKey(this.experiment()));
  learnedKernel = $derived.by((): KernelEvaluation | null =>
    this.running || this.learned === null ? null : evaluateKernel(this.experiment(), this.learned),
  );

  private configuredKey: string | null = null;
  /** Weights and history restored from storage, used to continue when the experiment still matches. */
  private restored: TrainingResults | null = null;
  private generation = 0;
  private pending: Progress | null = null;
  private frame: number | null = null;

  constructor(
    private readonly client: TrainerClient,
    private readonly lab: Lab,
    private readonly onFinished: () => void = () => {},
  ) {
    client.onCrash((text) => {
      this.generation++;
      this.configuredKey = null;
      this.status = 'unconfigured';
      this.error = text;
    });
  }

  experiment(): Experiment {
    return labExperiment(this.lab, this.settings, this.targetOutput);
  }

  /** Where the next fresh run starts: the book's start or the learned kernel only while they fit the layer. */
  get startFrom(): StartChoice {
    return startChoice(this.settings, learnableKernelSize(this.lab, this.settings));
  }

  /** Why "the book's run" cannot be chosen now, or null when it can. */
  get bookStartReason(): string | null {
    return bookStartUnavailable(learnableKernelSize(this.lab, this.settings));
  }

  /** Why "the learned kernel" cannot be chosen now, or null when it can. */
  get learnedStartReason(): string | null {
    return learnedStartUnavailable(this.learned, learnableKernelSize(this.lab, this.settings));
  }

  /** Starts later runs from the book's start, the seed's draw, or a copy of the kernel learned so far. */
  chooseStart(start: StartChoice): void {
    if (start === 'seed') this.settings.startWeights = null;
    if (start === 'book' && this.bookStartReason === null) this.settings.startWeights = bookStartWeights();
    // A choice that does not fit the layer now leaves the start as it was.
    if (start !== 'learned' || this.learned === null || this.learnedStartReason !== null) return;
    const { height, width, data } = this.learned;
    // Plain numbers (the float32 values exactly), so the experiment is reproducible and saves as JSON.
    this.settings.startWeights = { shape: [1, 1, height, width], data: Array.from(data) };
  }

  /** Configures the worker if the experiment changed since the last configure; true if it did. */
  private async ensureConfigured(generation: number): Promise<boolean> {
    const experiment = this.experiment();
    const key = this.runKey;
    if (key === this.configuredKey) return true;
    const restored = this.restored !== null && this.restored.key === key ? this.restored : null;
    const toConfigure: Experiment = restored
      ? {
          ...experiment,
          init: {
            kind: 'weights',
            weight: {
              shape: restored.weight.shape as [number, number, number, number],
              data: restored.weight.data,
            },
            bias: null,
          },
        }
      : experiment;
    const state = await this.client.api().configure(toConfigure);
    if (generation !== this.generation) return false;
    this.configuredKey = key;
    this.epochOffset = restored ? restored.epoch : 0;
    this.lossHistory = restored ? [...restored.lossHistory] : [];
    this.lossHistoryEpochs = restored?.lossHistoryEpochs ? [...restored.lossHistoryEpochs] : null;
    this.restored = null;
    this.applyState(state);
    return true;
  }

  /** Epochs already run before the worker was configured (a run restored after a reload). */
  private epochOffset = 0;

  async train(): Promise<void> {
    if (this.running) return;
    const generation = ++this.generation;
    this.error = null;
    this.divergence = null;
    this.summary = null;
    const wasPaused = this.status === 'paused';
    this.status = 'starting';
    try {
      const api = this.client.api();
      const onProgress = (p: Progress) => this.receive(generation, p);
      let result: RunResult;
      if (wasPaused && this.runKey === this.configuredKey) {
        this.status = 'running';
        result = await api.resume(onProgress);
      } else {
        if (!(await this.ensureConfigured(generation))) return;
        this.status = 'running';
        result = await api.run(this.settings.epochs, onProgress);
      }
      if (generation !== this.generation) return;
      this.finish(result);
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = 'idle';
      this.error = message(error);
    }
  }

  async pause(): Promise<void> {
    if (!this.running) return;
    try {
      await this.client.api().pause();
    } catch (error) {
      this.error = message(error);
    }
  }

  async step(): Promise<void> {
    if (this.running) return;
    const generation = ++this.generation;
    this.error = null;
    this.divergence = null;
    try {
      if (!(await this.ensureConfigured(generation))) return;
      if (this.status === 'paused') await this.client.api().stop();
      const progress = await this.client.api().step();
      if (generation !== this.generation) return;
      this.receive(generation, progress);
      this.flush();
      this.status = 'idle';
      this.summary = this.describe();
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = message(error);
    }
  }

  /** Back to the run's initial weights (the seed's draw or the chosen start): reconfigures, so a restored run starts over too. */
  async reset(): Promise<void> {
    const generation = ++this.generation;
    this.restored = null;
    this.configuredKey = null;
    this.error = null;
    this.divergence = null;
    this.summary = null;
    this.lossHistory = [];
    this.lossHistoryEpochs = null;
    this.historyVersion++;
    try {
      if (this.running) await this.client.api().stop();
      await this.ensureConfigured(generation);
    } catch (error) {
      if (generation === this.generation) this.error = message(error);
    }
  }

  /** Forgets the results (the lab changed under them) without touching the worker. */
  invalidate(): void {
    if (this.running) return;
    this.summary = null;
  }

  private receive(generation: number, progress: Progress): void {
    if (generation !== this.generation) return;
    const { fromEpoch, values } = progress.lossHistory;
    // A delta that overlaps what we have replaces the overlap.
    const first = this.epochOffset + fromEpoch;
    this.keepBefore(first);
    for (let i = 0; i < values.length; i++) {
      this.lossHistory.push(values[i]);
      this.lossHistoryEpochs?.push(first + i);
    }
    this.pending = progress;
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** Applies the newest progress to the reactive state: once per animation frame at most. */
  private flush(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    this.epoch = this.epochOffset + p.epoch;
    this.totalEpochs = this.epochOffset + p.totalEpochs;
    this.loss = p.loss;
    this.learned = toGrid(p.weight);
    this.gradient = toGrid(p.weightGrad);
    this.historyVersion++;
  }

  private applyState(state: TrainerState): void {
    this.pending = null;
    this.status = state.status;
    this.epoch = this.epochOffset + state.epoch;
    this.totalEpochs = this.epochOffset + state.targetEpoch;
    this.loss = state.loss;
    this.learned = state.weight ? toGrid(state.weight) : null;
    this.gradient = state.weightGrad ? toGrid(state.weightGrad) : null;
    this.keepBefore(this.epochOffset + 1);
    for (let i = 0; i < state.lossHistory.length; i++) {
      this.lossHistory.push(state.lossHistory[i]);
      this.lossHistoryEpochs?.push(this.epochOffset + i + 1);
    }
    this.historyVersion++;
  }

  /** Drops the history from `epoch` on (a dense history holds epoch i + 1 at index i). */
  private keepBefore(epoch: number): void {
    const epochs = this.lossHistoryEpochs;
    let keep = Math.min(this.lossHistory.length, epoch - 1);
    if (epochs !== null) {
      keep = epochs.length;
      while (keep > 0 && epochs[keep - 1] >= epoch) keep--;
      epochs.length = keep;
    }
    this.lossHistory.length = keep;
  }

  private finish(result: RunResult): void {
    this.flush();
    this.applyState(result.state);
    if (result.type === 'diverged') this.divergence = result.reason;
    if (result.type === 'finished' || result.type === 'stopped' || result.type === 'diverged') {
      this.summary = this.describe();
    }
    this.onFinished();
  }

  private describe(): string | null {
    if (this.learned === null || this.loss === null) return null;
    return trainingSummary(this.learned.data, this.epoch, this.loss);
  }

  /** The results to autosave, or null before any training. */
  results(): TrainingResults | null {
    if (this.learned === null || this.lossHistory.length === 0) return null;
    return {
      weight: { shape: [1, 1, this.learned.height, this.learned.width], data: Array.from(this.learned.data) },
      weightGrad: this.gradient
        ? { shape: [1, 1, this.gradient.height, this.gradient.width], data: Array.from(this.gradient.data) }
        : null,
      lossHistory: [...this.lossHistory],
      ...(this.lossHistoryEpochs ? { lossHistoryEpochs: [...this.lossHistoryEpochs] } : {}),
      epoch: this.epoch,
      key: this.configuredKey ?? this.runKey,
    };
  }

  /** Shows results saved earlier; training continues from them while the experiment is unchanged. */
  restore(results: TrainingResults): void {
    this.restored = results;
    this.learned = {
      height: results.weight.shape[2],
      width: results.weight.shape[3],
      data: Float32Array.from(results.weight.data),
    };
    this.gradient = results.weightGrad
      ? {
          height: results.weightGrad.shape[2],
          width: results.weightGrad.shape[3],
          data: Float32Array.from(results.weightGrad.data),
        }
      : null;
    this.lossHistory = [...results.lossHistory];
    this.lossHistoryEpochs = results.lossHistoryEpochs ? [...results.lossHistoryEpochs] : null;
    this.epoch = results.epoch;
    this.totalEpochs = results.epoch;
    this.loss = results.lossHistory.at(-1) ?? null;
    this.status = 'idle';
    this.summary = this.describe();
    this.historyVersion++;
  }

  dispose(): void {
    this.generation++;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.client.dispose();
  }
}
