// The trainer service behind the worker: a Trainer plus the run loop that trains in time slices,
// yields so pause and stop messages get through, and coalesces progress messages. It runs the same
// in-process (tests, the CLI's determinism check) and inside the worker, where comlink exposes it.
import { Trainer } from '../train/trainer.ts';
import { runLimitIssue } from '../train/validate.ts';
import type {
  Progress,
  ProgressCallback,
  RunResult,
  TensorData,
  TrainerApi,
  TrainerState,
  TrainerStatus,
} from './api.ts';
import { now, yieldToHost } from './scheduling.ts';

/** Longest stretch of training between two yields: bounds pause/stop latency. */
export const SLICE_MS = 4;
/** Shortest gap between two progress messages: at most 60 per second (plus the final one). */
export const PROGRESS_INTERVAL_MS = 17;

interface ActiveRun {
  onProgress: ProgressCallback | undefined;
  finish: (result: RunResult) => void;
}

type Request = 'pause' | 'stop' | null;

export class TrainerService implements TrainerApi {
  private trainer: Trainer | null = null;
  private status: TrainerStatus = 'unconfigured';
  private targetEpoch = 0;
  private active: ActiveRun | null = null;
  private request: Request = null;
  private acknowledgements: Array<() => void> = [];
  private reportedEpochs = 0;

  async configure(experiment: unknown): Promise<TrainerState> {
    await this.halt();
    const trainer = new Trainer(experiment);
    this.trainer = trainer;
    this.status = 'idle';
    this.targetEpoch = 0;
    this.reportedEpochs = 0;
    return this.snapshot();
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
    this.targetEpoch = trainer.epoch + count;
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
    if (this.status === 'running') await this.requestAndWait('pause');
    return this.snapshot();
  }

  async stop(): Promise<TrainerState> {
    await this.halt();
    return this.snapshot();
  }

  async reset(): Promise<TrainerState> {
    await this.halt();
    const trainer = this.requireTrainer('reset');
    trainer.reset();
    this.status = 'idle';
    this.targetEpoch = 0;
    this.reportedEpochs = 0;
    return this.snapshot();
  }

  async step(): Promise<Progress> {
    const trainer = this.requireTrainer('step');
    if (this.status === 'running') throw new Error('trainer.step: a run is in progress; pause it first');
    const outcome = trainer.step();
    if (outcome.kind === 'diverged') {
      this.status = 'diverged';
      throw new Error(`trainer.step: ${outcome.reason}`);
    }
    if (this.status !== 'paused') {
      this.status = 'idle';
      this.targetEpoch = trainer.epoch;
    } else if (trainer.epoch >= this.targetEpoch) {
      this.status = 'finished';
    }
    return this.progress(trainer);
  }

  async getState(): Promise<TrainerState> {
    return this.snapshot();
  }

  /** Stops a running or paused run and waits until it has. */
  private async halt(): Promise<void> {
    if (this.status === 'running') await this.requestAndWait('stop');
    else if (this.status === 'paused') {
      this.status = 'stopped';
      if (this.trainer) this.targetEpoch = this.trainer.epoch;
    }
  }

  private requestAndWait(request: 'pause' | 'stop'): Promise<void> {
    // A stop overrides a pending pause, never the other way round.
    if (this.request !== 'stop') this.request = request;
    return new Promise((resolve) => this.acknowledgements.push(resolve));
  }

  private requireTrainer(operation: string): Trainer {
    if (this.trainer === null)
      throw new Error(`trainer.${operation}: no experiment configured; call configure first`);
    return this.trainer;
  }

  private startLoop(onProgress: ProgressCallback | undefined): Promise<RunResult> {
    this.status = 'running';
    this.request = null;
    return new Promise<RunResult>((finish) => {
      this.active = { onProgress, finish };
      void this.loop();
    });
  }

  private async loop(): Promise<void> {
    const trainer = this.trainer as Trainer;
    let lastProgress = -Infinity;
    let divergence: string | null = null;
    while (true) {
      if (this.request !== null || trainer.epoch >= this.targetEpoch) break;
      const sliceStart = now();
      let time = sliceStart;
      while (trainer.epoch < this.targetEpoch && time - sliceStart < SLICE_MS) {
        const outcome = trainer.step();
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

  private finishLoop(trainer: Trainer, divergence: string | null): void {
    const request = this.request;
    this.request = null;
    if (divergence !== null) this.status = 'diverged';
    else if (request === 'pause') this.status = 'paused';
    else if (request === 'stop') {
      this.status = 'stopped';
      this.targetEpoch = trainer.epoch;
    } else this.status = 'finished';
    // The final progress always goes out, so the last message carries the last epoch.
    if (trainer.epoch > 0 && trainer.epoch > this.reportedEpochs) this.send(trainer);
    const state = this.snapshot();
    const active = this.active;
    this.active = null;
    const acknowledgements = this.acknowledgements;
    this.acknowledgements = [];
    for (const acknowledge of acknowledgements) acknowledge();
    if (active === null) return;
    if (divergence !== null) active.finish({ type: 'diverged', reason: divergence, state });
    else if (this.status === 'paused') active.finish({ type: 'paused', state });
    else if (this.status === 'stopped') active.finish({ type: 'stopped', state });
    else active.finish({ type: 'finished', state });
  }

  private send(trainer: Trainer): void {
    const callback = this.active?.onProgress;
    const message = this.progress(trainer);
    if (callback === undefined) return;
    // Through comlink the callback returns a promise; a caller that went away must not crash the loop.
    try {
      const returned: unknown = callback(message);
      if (returned instanceof Promise) returned.catch(() => undefined);
    } catch {
      // Same: progress is best effort, the run's result is what counts.
    }
  }

  /** The progress message for the trainer's current epoch; advances the loss-history cursor. */
  private progress(trainer: Trainer): Progress {
    const fromEpoch = this.reportedEpochs + 1;
    const values = trainer.lossHistory.slice(this.reportedEpochs);
    this.reportedEpochs = trainer.epoch;
    return {
      type: 'progress',
      epoch: trainer.epoch,
      totalEpochs: Math.max(this.targetEpoch, trainer.epoch),
      loss: trainer.lossHistory[trainer.epoch - 1] ?? Number.NaN,
      weight: tensorData(trainer.weight, trainer.weightShape),
      bias: copyOrNull(trainer.bias),
      weightGrad: tensorData(trainer.weightGrad, trainer.weightShape),
      biasGrad: copyOrNull(trainer.biasGrad),
      lossHistory: { fromEpoch, values },
    };
  }

  private snapshot(): TrainerState {
    const trainer = this.trainer;
    if (trainer === null) {
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
        divergence: null,
      };
    }
    return {
      type: 'state',
      status: this.status,
      epoch: trainer.epoch,
      targetEpoch: Math.max(this.targetEpoch, trainer.epoch),
      loss: trainer.epoch > 0 ? trainer.lossHistory[trainer.epoch - 1] : null,
      weight: tensorData(trainer.weight, trainer.weightShape),
      bias: copyOrNull(trainer.bias),
      weightGrad: tensorData(trainer.weightGrad, trainer.weightShape),
      biasGrad: copyOrNull(trainer.biasGrad),
      lossHistory: trainer.lossHistory.slice(),
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
