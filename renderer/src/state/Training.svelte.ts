// The training panel's state: its settings, the experiment they make with the lab, the run's speed, and
// the live results the worker reports. The worker owns the run's history (core/src/train/runHistory.ts);
// this keeps a mirror of it that progress deltas update, so the Epoch slider (and the chapter) can show
// any recorded epoch. Progress arrives up to ~60 times a second; it is applied to reactive state at
// most once per animation frame, and results of superseded runs are dropped (`generation`).
import type { Experiment } from '../../../core/src/train/experiment.ts';
import { storedHistory } from '../../../core/src/formats/lossHistory.ts';
import { seededConvWeights } from '../../../core/src/train/init.ts';
import { RunHistory } from '../../../core/src/train/runHistory.ts';
import { defaultSpeed, type TrainingSpeed } from '../../../core/src/worker/pace.ts';
import type {
  Progress,
  RunResult,
  RunResume,
  TensorData,
  TrainerState,
  TrainerStatus,
} from '../../../core/src/worker/api.ts';
import {
  bookStartUnavailable,
  bookStartWeights,
  defaultSettings,
  initFor,
  labExperiment,
  learnableKernelSize,
  startChoice,
  type StartChoice,
  type TrainingSettings,
} from '../lab/labExperiment.ts';
import type { TrainerHost } from '../worker/trainerClient.ts';
import type { Grid } from '../lib/grid.ts';
import { trainingSummary } from '../lib/format.ts';
import type { Lab } from './Lab.svelte.ts';
import { evaluateKernel, type KernelEvaluation } from '../lab/learnedKernel.ts';
import { PredictionCache, type PredictionView } from '../lab/epochView.ts';
import { experimentKey } from '../lab/experimentKey.ts';

/** What survives a reload: the learned weights and the loss history of the last run. */
export interface TrainingResults {
  weight: { shape: number[]; data: number[] };
  weightGrad: { shape: number[]; data: number[] } | null;
  lossHistory: number[];
  /** The epoch of each value when the history is decimated (a long run); absent: value i is epoch i + 1. */
  lossHistoryEpochs?: number[];
  epoch: number;
  /** The experiment these results belong to, as `experimentKey` writes it. */
  key: string;
}

/** One epoch of the run as the training strip shows it (the Epoch slider's epoch). */
export interface EpochShown {
  epoch: number;
  /** The weights after this epoch's update (epoch 0: the start); null when not recorded (a restored history). */
  weights: Grid | null;
  /** This epoch's loss and gradient, taken before its update (null at epoch 0 or when not recorded). */
  loss: number | null;
  gradient: Grid | null;
  /** Ŷ at `weights` and Ŷ − Y, on the lab as it is now. */
  prediction: PredictionView | null;
}

/** A kernel tensor [1, 1, kh, kw] (or any shape ending in kh, kw) as the grid the panel draws. */
const kernelGrid = (t: TensorData): Grid => ({
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

const isDense = (epochs: readonly number[]): boolean => epochs.every((e, i) => e === i + 1);

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
  /** Bumped whenever the run's record (a plain mirror: it can hold 40,000 epochs) changes. */
  historyVersion = $state(0);
  /** The speed the user chose; null: the default for the run's length (pace.ts). */
  speedChoice = $state<TrainingSpeed | null>(null);

  running = $derived(this.status === 'running' || this.status === 'starting');
  /** The current experiment's run key, kept as the lab and settings change rather than computed per press. */
  runKey = $derived(experimentKey(this.experiment()));
  /**
   * The loss and gradient of the learned kernel (after the last update) on the lab as it is now; null
   * before training and during a run. `loss` and `gradient` above are epoch N's, before its update.
   */
  learnedKernel = $derived.by((): KernelEvaluation | null =>
    this.running || this.learned === null ? null : evaluateKernel(this.experiment(), this.learned),
  );
  /** The experiment the shown results belong to (as experimentKey writes it); null: no results. */
  private resultsKey = $state<string | null>(null);
  /** The results belong to another lab than the one on screen (X, K, the geometry or the settings changed). */
  stale = $derived(this.epoch > 0 && this.resultsKey !== null && this.resultsKey !== this.runKey);

  /** The slider's choice; null follows the run's newest epoch. */
  private viewChoice = $state<number | null>(null);
  /** The epoch every view of the training strip shows: the Epoch slider's. */
  viewedEpoch = $derived(this.viewChoice === null ? this.epoch : Math.min(this.viewChoice, this.epoch));
  /** Every epoch the run's record holds, 0 (the start) first: the Epoch slider's stops. */
  recordedEpochs = $derived.by((): readonly number[] => {
    void this.historyVersion;
    return [0, ...this.record.epochs];
  });
  /** Everything the strip shows at `viewedEpoch`. */
  shown = $derived.by((): EpochShown => {
    void this.historyVersion;
    const epoch = this.viewedEpoch;
    const weights = this.gridAt(this.weightsAtEpoch(epoch));
    const current = epoch === this.epoch;
    return {
      epoch,
      weights,
      loss: current ? this.loss : this.record.lossAt(epoch),
      gradient: current ? this.gradient : this.gridAt(this.record.gradientAt(epoch)),
      prediction:
        weights === null ? null : this.predictions.at(this.runKey, () => this.experiment(), weights),
    };
  });

  private readonly predictions = new PredictionCache();
  private configuredKey: string | null = null;
  /** Weights and history restored from storage, used to continue when the experiment still matches. */
  private restored: TrainingResults | null = null;
  /** The mirror of the worker's record of the run. */
  private record = new RunHistory(0);
  private generation = 0;
  private pending: Progress | null = null;
  private frame: number | null = null;

  constructor(
    private readonly host: TrainerHost,
    private readonly lab: Lab,
    private readonly onFinished: () => void = () => {},
  ) {
    host.onCrash((text) => {
      this.generation++;
      this.configuredKey = null;
      this.status = 'unconfigured';
      this.error = text;
    });
  }

  experiment(): Experiment {
    return labExperiment(this.lab, this.settings, this.targetOutput);
  }

  /** The speed the next run goes at: the user's choice, else the default for the Epochs field. */
  get speed(): TrainingSpeed {
    return this.speedChoice ?? defaultSpeed(this.settings.epochs);
  }

  /** Chooses the speed (it sticks); a run going now takes it at once. */
  async setSpeed(speed: TrainingSpeed): Promise<void> {
    this.speedChoice = speed;
    try {
      await this.host.api().setSpeed(speed);
    } catch (error) {
      this.error = message(error);
    }
  }

  /** Shows `epoch` of the run in every view of the strip (the Epoch slider); null follows the newest. */
  viewEpoch(epoch: number | null): void {
    this.viewChoice = epoch === null || epoch >= this.epoch ? null : epoch;
  }

  /** The kernel's weights after `epoch` (epoch 0: the start), row-major [kh, kw]; null when not recorded. */
  weightsAtEpoch(epoch: number): Float32Array | null {
    if (epoch === this.epoch && this.learned !== null) return Float32Array.from(this.learned.data);
    if (epoch === 0 && this.epoch === 0) return this.startWeights();
    return this.record.weightsAt(epoch);
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

  /**
   * Train: resumes a paused run; otherwise starts the run again from its start (a finished one too)
   * and trains the Epochs field's count.
   */
  async train(): Promise<void> {
    if (this.running) return;
    const resume = this.status === 'paused' && this.runKey === this.configuredKey;
    await this.go(async (api, onProgress) => {
      if (resume) return api.resume(onProgress);
      if (!(await this.ensureConfigured())) return null;
      if (this.epoch > 0) this.applyState(await api.reset());
      // Configure and reset report the worker's idle state; from here the run is going.
      this.status = 'running';
      return api.run(this.settings.epochs, onProgress);
    });
  }

  /** Continue: adds the Epochs field's count to the run, from where it is. */
  async continueRun(): Promise<void> {
    if (this.running || this.status === 'diverged') return;
    const paused = this.status === 'paused' && this.runKey === this.configuredKey;
    const left = paused ? this.totalEpochs - this.epoch : 0;
    await this.go(async (api, onProgress) => {
      if (paused) await api.stop();
      else if (!(await this.ensureConfigured())) return null;
      this.status = 'running';
      return api.run(left + this.settings.epochs, onProgress);
    });
  }

  /** Whether Continue can add epochs now: after some training, and not after a divergence. */
  get canContinue(): boolean {
    return !this.running && this.epoch > 0 && this.status !== 'diverged';
  }

  async pause(): Promise<void> {
    if (!this.running) return;
    try {
      await this.host.api().pause();
    } catch (error) {
      this.error = message(error);
    }
  }

  /** One epoch of the run (a fresh run steps towards the Epochs field's count, paused between). */
  async step(): Promise<void> {
    if (this.running) return;
    const generation = ++this.generation;
    this.error = null;
    this.divergence = null;
    this.viewChoice = null;
    try {
      if (!(await this.ensureConfigured())) return;
      if (generation !== this.generation) return;
      const progress = await this.host.api().step();
      if (generation !== this.generation) return;
      this.receive(generation, progress);
      this.flush();
      this.status = progress.epoch >= progress.totalEpochs ? 'finished' : 'paused';
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
    this.viewChoice = null;
    this.record = new RunHistory(0);
    this.historyVersion++;
    try {
      if (this.running) await this.host.api().stop();
      if (generation === this.generation) await this.ensureConfigured(generation);
    } catch (error) {
      if (generation === this.generation) this.error = message(error);
    }
  }

  /** The weights a fresh run of the current experiment starts from (the seed's draw or the chosen start). */
  startWeights(): Float32Array | null {
    const [kh, kw] = learnableKernelSize(this.lab, this.settings);
    const init = initFor(this.settings, [kh, kw]);
    if (init.kind === 'weights') return Float32Array.from(init.weight.data);
    return seededConvWeights(init.seed, [1, 1, kh, kw], false).weight;
  }

  /** The results to autosave, or null before any training. */
  results(): TrainingResults | null {
    if (this.learned === null || this.epoch === 0) return null;
    // The record holds at most twice what a file stores; the file's rule decimates it once more.
    const stored = storedHistory(this.record.losses, this.record.epochs);
    const epochs = stored.lossHistoryEpochs ?? [];
    return {
      weight: { shape: [1, 1, this.learned.height, this.learned.width], data: Array.from(this.learned.data) },
      weightGrad: this.gradient
        ? { shape: [1, 1, this.gradient.height, this.gradient.width], data: Array.from(this.gradient.data) }
        : null,
      lossHistory: stored.lossHistory,
      ...(isDense(epochs) ? {} : { lossHistoryEpochs: epochs }),
      epoch: this.epoch,
      key: this.resultsKey ?? this.runKey,
    };
  }

  /** Shows results saved earlier; Continue and Step go on from them while the experiment is unchanged. */
  restore(results: TrainingResults): void {
    this.generation++;
    this.restored = results;
    this.configuredKey = null;
    this.viewChoice = null;
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
    const record = new RunHistory(this.learned.data.length, this.startWeights() ?? undefined);
    const epochs = results.lossHistoryEpochs ?? results.lossHistory.map((_, i) => i + 1);
    record.recordLossesOnly(epochs, results.lossHistory);
    if (record.lastEpoch === results.epoch) record.setLast(this.learned.data, this.gradient?.data ?? null);
    this.record = record;
    this.epoch = results.epoch;
    this.totalEpochs = results.epoch;
    this.loss = results.lossHistory.at(-1) ?? null;
    this.status = 'idle';
    this.resultsKey = results.key;
    this.summary = this.describe();
    this.historyVersion++;
  }

  dispose(): void {
    this.generation++;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.host.dispose();
  }

  /** The run's losses, epoch by epoch as recorded (what the loss chart draws). */
  get lossHistory(): readonly number[] {
    return this.record.losses;
  }

  /** The epoch of each `lossHistory` value. */
  get lossHistoryEpochs(): readonly number[] {
    return this.record.epochs;
  }

  /** Starts a run through `start` (null: it did not start) at the chosen speed, and shows its result. */
  private async go(
    start: (
      api: ReturnType<TrainerHost['api']>,
      onProgress: (p: Progress) => void,
    ) => Promise<RunResult | null>,
  ): Promise<void> {
    const generation = ++this.generation;
    this.error = null;
    this.divergence = null;
    this.summary = null;
    this.viewChoice = null;
    this.status = 'starting';
    try {
      const api = this.host.api();
      await api.setSpeed(this.speed);
      this.status = 'running';
      const result = await start(api, (p) => this.receive(generation, p));
      if (generation !== this.generation) return;
      if (result === null) {
        this.status = 'idle';
        return;
      }
      this.finish(result);
    } catch (error) {
      if (generation !== this.generation) return;
      this.status = 'idle';
      this.error = message(error);
    }
  }

  /** Configures the worker if the experiment changed since the last configure; false if superseded. */
  private async ensureConfigured(generation = this.generation): Promise<boolean> {
    const key = this.runKey;
    if (key === this.configuredKey) return true;
    const restored = this.restored !== null && this.restored.key === key ? this.restored : null;
    const resume: RunResume | undefined = restored
      ? {
          weight: restored.weight,
          weightGrad: restored.weightGrad,
          epoch: restored.epoch,
          lossHistory: restored.lossHistory,
          ...(restored.lossHistoryEpochs ? { lossHistoryEpochs: restored.lossHistoryEpochs } : {}),
        }
      : undefined;
    const state = await this.host.api().configure(this.experiment(), resume);
    if (generation !== this.generation) return false;
    this.configuredKey = key;
    this.restored = null;
    this.applyState(state);
    return true;
  }

  private receive(generation: number, progress: Progress): void {
    if (generation !== this.generation) return;
    this.record.apply(progress.records);
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
    this.epoch = p.epoch;
    this.totalEpochs = p.totalEpochs;
    this.loss = p.loss;
    this.learned = kernelGrid(p.weight);
    this.gradient = kernelGrid(p.weightGrad);
    this.resultsKey = this.configuredKey;
    this.historyVersion++;
  }

  /** Takes the worker's whole state, its record included. */
  private applyState(state: TrainerState): void {
    this.pending = null;
    this.status = state.status;
    this.epoch = state.epoch;
    this.totalEpochs = state.targetEpoch;
    this.loss = state.loss;
    this.learned = state.weight ? kernelGrid(state.weight) : null;
    this.gradient = state.weightGrad && state.epoch > 0 ? kernelGrid(state.weightGrad) : null;
    const size = state.weight?.data.length ?? 0;
    this.record = new RunHistory(size, state.startWeight ?? new Float32Array(size));
    this.record.apply({ ...state.history, replace: true, revision: state.historyRevision });
    this.resultsKey = this.configuredKey;
    this.historyVersion++;
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

  /** Kernel values as a grid of the run's kernel size (the learned kernel's, else the layer's). */
  private gridAt(values: Float32Array | null): Grid | null {
    if (values === null) return null;
    const [height, width] =
      this.learned === null
        ? learnableKernelSize(this.lab, this.settings)
        : [this.learned.height, this.learned.width];
    return values.length === height * width ? { height, width, data: values } : null;
  }
}
