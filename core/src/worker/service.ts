// The trainer service behind the worker: a Trainer, the run's record (runHistory.ts), and the run loop
// that trains in time slices, yields so pause and stop messages get through, keeps the watchable pace
// when asked (pace.ts) and coalesces progress messages. It runs the same in-process (tests, the CLI's
// determinism check) and inside the worker, where comlink exposes it.
import type { Experiment } from '../train/experiment.ts';
import { RunHistory } from '../train/runHistory.ts';
import { Trainer } from '../train/trainer.ts';
import { runLimitIssue } from '../train/validate.ts';
import type {
  Progress,
  ProgressCallback,
  RunResult,
  RunResume,
  TensorData,
  TrainerApi,
  TrainerState,
  TrainerStatus,
} from './api.ts';
import { TRAINING_SPEEDS, watchPaceMs, type TrainingSpeed } from './pace.ts';
import { PROGRESS_INTERVAL_MS, RunControl, SLICE_MS, sendProgress } from './runControl.ts';
import { now, sleep, yieldToHost } from './scheduling.ts';

/** The state before any configure: what a caller shows while nothing is loaded. */
export function unconfiguredState(): TrainerState {
  return {
    type: 'state',
    status: 'unconfigured',
    epoch: 0,
    targetEpoch: 0,
    loss: null,
    weight: null,
    bias: null,
    weightGrad: null,
    biasGrad: null,
    lossHistory: [],
    history: { epochs: [], losses: [], weights: new Float32Array(0), gradients: new Float32Array(0) },
    startWeight: null,
    historyRevision: 0,
    divergence: null,
  };
}

export class TrainerService implements TrainerApi {
  private trainer: Trainer | null = null;
  /** The experiment as configured: Reset goes back to its start, also after a resumed run. */
  private experiment: Experiment | null = null;
  private history = new RunHistory(0);
  /** Epochs a resumed run had completed before this trainer (its losses come first in `restoredLosses`). */
  private epochBase = 0;
  private restoredLosses: number[] = [];
  private status: TrainerStatus = 'unconfigured';
  private targetEpoch = 0;
  /** Epochs of the current run, from its start to its target: sets the watchable pace. */
  private runLength = 0;
  private speed: TrainingSpeed = 'fast';
  private readonly control = new RunControl<RunResult>();
  private onProgress: ProgressCallback | undefined;
  /** Wakes a loop waiting between two epochs at the watchable pace. */
  private wake: () => void = () => undefined;
  private reported = { epoch: 0, revision: -1 };

  constructor() {
    this.control.onRequest = () => this.wake();
  }

  async configure(experiment: unknown, resume?: RunResume): Promise<TrainerState> {
    await this.halt();
    const fresh = new Trainer(experiment);
    this.experiment = fresh.experiment;
    this.history = new RunHistory(fresh.weight.length, fresh.weight);
    this.epochBase = 0;
    this.restoredLosses = [];
    this.trainer = fresh;
    if (resume !== undefined && resume.epoch > 0) this.resumeFrom(resume);
    this.status = 'idle';
    this.targetEpoch = this.epoch;
    this.reported = { epoch: this.epoch, revision: -1 };
    return this.snapshot();
  }

  async setSpeed(speed: TrainingSpeed): Promise<void> {
    if (!TRAINING_SPEEDS.includes(speed)) {
      throw new Error(
        `trainer.setSpeed: speed must be ${TRAINING_SPEEDS.join(' or ')}, got ${String(speed)}`,
      );
    }
    this.speed = speed;
    this.wake();
  }

  async run(epochs?: number, onProgress?: ProgressCallback): Promise<RunResult> {
    const trainer = this.requireTrainer('run');
    if (this.status === 'running') throw new Error('trainer.run: a run is already in progress');
    const count = epochs ?? trainer.experiment.epochs;
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(`trainer.run: epochs must be a non-negative integer, got ${String(count)}`);
    }
    const tooLong = runLimitIssue(trainer.experiment, count);
    if (tooLong !== null) throw new Error(`trainer.run: ${tooLong}`);
    if (this.status === 'diverged') {
      throw new Error(`trainer.run: training diverged (${trainer.divergence}); reset first`);
    }
    this.targetEpoch = this.epoch + count;
    this.runLength = count;
    return this.startLoop(onProgress);
  }

  async resume(onProgress?: ProgressCallback): Promise<RunResult> {
    this.requireTrainer('resume');
    if (this.status !== 'paused') {
      throw new Error(`trainer.resume: nothing is paused (status ${this.status})`);
    }
    return this.startLoop(onProgress);
  }

  async pause(): Promise<TrainerState> {
    if (this.status === 'running') await this.control.requestAndWait('pause');
    return this.snapshot();
  }

  async stop(): Promise<TrainerState> {
    await this.halt();
    return this.snapshot();
  }

  async reset(): Promise<TrainerState> {
    await this.halt();
    this.requireTrainer('reset');
    const experiment = this.experiment as Experiment;
    // A resumed run's trainer started from the saved weights: the run's own start is the experiment's.
    if (this.epochBase > 0) this.trainer = new Trainer(experiment);
    else this.trainer?.reset();
    this.epochBase = 0;
    this.restoredLosses = [];
    this.history.clear((this.trainer as Trainer).weight);
    this.status = 'idle';
    this.targetEpoch = 0;
    this.reported = { epoch: 0, revision: -1 };
    return this.snapshot();
  }

  async step(): Promise<Progress> {
    const trainer = this.requireTrainer('step');
    if (this.status === 'running') throw new Error('trainer.step: a run is in progress; pause it first');
    if (this.status !== 'paused') {
      // A fresh run steps towards the experiment's epochs; a finished one grows by the epoch stepped.
      const length = this.epoch === 0 ? trainer.experiment.epochs : 1;
      this.targetEpoch = Math.max(this.targetEpoch, this.epoch + length);
      if (this.epoch === 0) this.runLength = length;
    }
    const outcome = this.trainOneEpoch(trainer);
    if (outcome.kind === 'diverged') {
      this.status = 'diverged';
      throw new Error(`trainer.step: ${outcome.reason}`);
    }
    this.status = this.epoch >= this.targetEpoch ? 'finished' : 'paused';
    return this.progress(trainer);
  }

  async getState(): Promise<TrainerState> {
    return this.snapshot();
  }

  /** Epochs completed in the run, a resumed run's included. */
  private get epoch(): number {
    return this.epochBase + (this.trainer?.epoch ?? 0);
  }

  /** The trainer continues from the saved weights; the record starts with the saved losses. */
  private resumeFrom(resume: RunResume): void {
    const experiment = this.experiment as Experiment;
    const shape = [...(this.trainer as Trainer).weightShape];
    this.trainer = new Trainer({
      ...experiment,
      init: { kind: 'weights', weight: { shape, data: Array.from(resume.weight.data) }, bias: null },
    });
    // The gradient the saved run last computed, shown until the next epoch computes its own.
    if (resume.weightGrad !== null) this.trainer.weightGrad.set(resume.weightGrad.data);
    const epochs = resume.lossHistoryEpochs ?? resume.lossHistory.map((_, i) => i + 1);
    this.history.recordLossesOnly(epochs, resume.lossHistory);
    if (this.history.lastEpoch === resume.epoch) {
      this.history.setLast(resume.weight.data, resume.weightGrad?.data ?? null);
    }
    this.epochBase = resume.epoch;
    this.restoredLosses = [...resume.lossHistory];
  }

  /** One epoch of the trainer, recorded in the run's history. */
  private trainOneEpoch(trainer: Trainer): ReturnType<Trainer['step']> {
    const before = trainer.epoch;
    const outcome = trainer.step();
    // A diverging epoch whose loss was finite still counts (its loss is in the trainer's history).
    if (trainer.epoch > before) {
      this.history.record(
        this.epoch,
        trainer.lossHistory[trainer.epoch - 1],
        trainer.weight,
        trainer.weightGrad,
      );
    }
    return outcome;
  }

  /** Stops a running or paused run and waits until it has. */
  private async halt(): Promise<void> {
    if (this.status === 'running') await this.control.requestAndWait('stop');
    else if (this.status === 'paused') {
      this.status = 'stopped';
      this.targetEpoch = this.epoch;
    }
  }

  private requireTrainer(operation: string): Trainer {
    if (this.trainer === null)
      throw new Error(`trainer.${operation}: no experiment configured; call configure first`);
    return this.trainer;
  }

  private startLoop(onProgress: ProgressCallback | undefined): Promise<RunResult> {
    this.status = 'running';
    this.onProgress = onProgress;
    return this.control.start(() => this.loop());
  }

  private async loop(): Promise<void> {
    const trainer = this.trainer as Trainer;
    let lastProgress = -Infinity;
    let divergence: string | null = null;
    while (this.control.request === null && this.epoch < this.targetEpoch) {
      if (this.speed === 'watch') {
        // One epoch, shown, then the pause that makes it visible (cut short by a request or a speed change).
        const outcome = this.trainOneEpoch(trainer);
        if (outcome.kind === 'diverged') {
          divergence = outcome.reason;
          break;
        }
        this.send(trainer);
        lastProgress = now();
        if (this.epoch < this.targetEpoch) await this.pace();
        continue;
      }
      const sliceStart = now();
      let time = sliceStart;
      while (this.epoch < this.targetEpoch && time - sliceStart < SLICE_MS) {
        const outcome = this.trainOneEpoch(trainer);
        time = now();
        if (outcome.kind === 'diverged') {
          divergence = outcome.reason;
          break;
        }
        if (time - lastProgress >= PROGRESS_INTERVAL_MS) {
          this.send(trainer);
          lastProgress = time;
        }
      }
      if (divergence !== null) break;
      await yieldToHost();
    }
    this.finishLoop(trainer, divergence);
  }

  private async pace(): Promise<void> {
    const wait = sleep(watchPaceMs(this.runLength));
    this.wake = wait.wake;
    await wait.done;
    this.wake = () => undefined;
  }

  private finishLoop(trainer: Trainer, divergence: string | null): void {
    const request = this.control.takeRequest();
    if (divergence !== null) this.status = 'diverged';
    else if (request === 'pause') this.status = 'paused';
    else if (request === 'stop') {
      this.status = 'stopped';
      this.targetEpoch = this.epoch;
    } else this.status = 'finished';
    // The final progress always goes out, so the last message carries the last epoch.
    if (this.epoch > 0 && this.epoch > this.reported.epoch) this.send(trainer);
    const state = this.snapshot();
    if (divergence !== null) this.control.settle({ type: 'diverged', reason: divergence, state });
    else if (this.status === 'paused') this.control.settle({ type: 'paused', state });
    else if (this.status === 'stopped') this.control.settle({ type: 'stopped', state });
    else this.control.settle({ type: 'finished', state });
  }

  private send(trainer: Trainer): void {
    sendProgress(this.onProgress, () => this.progress(trainer));
  }

  /** The progress message for the current epoch; advances the record cursor. */
  private progress(trainer: Trainer): Progress {
    const records = this.history.since(this.reported.epoch, this.reported.revision);
    this.reported = { epoch: this.epoch, revision: this.history.revision };
    return {
      type: 'progress',
      epoch: this.epoch,
      totalEpochs: Math.max(this.targetEpoch, this.epoch),
      loss: trainer.lossHistory[trainer.epoch - 1] ?? this.restoredLosses.at(-1) ?? Number.NaN,
      weight: tensorData(trainer.weight, trainer.weightShape),
      bias: copyOrNull(trainer.bias),
      weightGrad: tensorData(trainer.weightGrad, trainer.weightShape),
      biasGrad: copyOrNull(trainer.biasGrad),
      records,
    };
  }

  private snapshot(): TrainerState {
    const trainer = this.trainer;
    if (trainer === null) return unconfiguredState();
    const lossHistory = this.restoredLosses.concat(trainer.lossHistory);
    return {
      type: 'state',
      status: this.status,
      epoch: this.epoch,
      targetEpoch: Math.max(this.targetEpoch, this.epoch),
      loss: this.epoch > 0 ? (lossHistory.at(-1) ?? null) : null,
      weight: tensorData(trainer.weight, trainer.weightShape),
      bias: copyOrNull(trainer.bias),
      weightGrad: tensorData(trainer.weightGrad, trainer.weightShape),
      biasGrad: copyOrNull(trainer.biasGrad),
      lossHistory,
      history: this.history.all(),
      startWeight: this.history.start,
      historyRevision: this.history.revision,
      divergence: trainer.divergence,
    };
  }
}

function tensorData(values: Float32Array, shape: readonly number[]): TensorData {
  return { shape: [...shape], data: Float32Array.from(values) };
}

function copyOrNull(values: Float32Array | null): Float32Array | null {
  return values === null ? null : Float32Array.from(values);
}
