// The LeNet trainer service behind its worker: a LenetTrainer plus the loop that trains in time
// slices (one batch at least, then a yield, so pause and stop messages get through) and coalesces
// progress messages, as the kernel trainer's service.ts does. It runs the same in-process (tests) and
// inside the worker (lenet.worker.ts), where comlink exposes it.
import { fashionMnistFromBytes, type FashionMnistBytes } from '../data/fashionMnist.ts';
import {
  LENET_PARAMETER_NAMES,
  lenetModelFile,
  parseLenetModel,
  serializeLenetModel,
} from '../formats/lenetModel.ts';
import type { LenetRunConfig } from '../lenet/config.ts';
import {
  evaluateLenet,
  predictLenet,
  type LenetEvaluation,
  type LenetPrediction,
} from '../lenet/evaluate.ts';
import { LenetTrainer, type LenetData } from '../lenet/trainer.ts';
import type {
  LenetModelData,
  LenetModelFileData,
  LenetProgress,
  LenetProgressCallback,
  LenetRunResult,
  LenetState,
  LenetStatus,
  LenetTrainerApi,
} from './lenetApi.ts';
import type { TensorData } from './api.ts';
import { PROGRESS_INTERVAL_MS, RunControl, SLICE_MS, sendProgress } from './runControl.ts';
import { now, yieldToHost } from './scheduling.ts';

export class LenetTrainerService implements LenetTrainerApi {
  private trainer: LenetTrainer | null = null;
  private status: LenetStatus = 'unconfigured';
  private readonly control = new RunControl<LenetRunResult>();
  private onProgress: LenetProgressCallback | undefined;
  private reportedEpochs = 0;
  /** The whole data set the last configure or loadData gave; each run takes its trainSize of it. */
  private data: LenetData | null = null;

  async loadData(bytes: FashionMnistBytes): Promise<{ trainCount: number; testCount: number }> {
    const data = fashionMnistFromBytes(bytes);
    this.data = data;
    return { trainCount: data.train.count, testCount: data.test.count };
  }

  async configure(config: Partial<LenetRunConfig>, data?: LenetData): Promise<LenetState> {
    const using = data ?? this.data;
    if (using === null) throw new Error('lenet.configure: no data; pass the data set or call loadData first');
    await this.halt();
    this.trainer = new LenetTrainer(config, using);
    this.data = using;
    this.status = 'idle';
    this.reportedEpochs = 0;
    return this.snapshot();
  }

  async run(onProgress?: LenetProgressCallback): Promise<LenetRunResult> {
    const trainer = this.requireTrainer('run');
    if (this.status === 'running') throw new Error('lenet.run: a run is already in progress');
    if (this.status === 'paused') throw new Error('lenet.run: a run is paused; resume or stop it');
    if (trainer.divergence !== null) {
      throw new Error(`lenet.run: training diverged (${trainer.divergence}); reset first`);
    }
    return this.startLoop(onProgress);
  }

  async resume(onProgress?: LenetProgressCallback): Promise<LenetRunResult> {
    this.requireTrainer('resume');
    if (this.status !== 'paused') throw new Error(`lenet.resume: nothing is paused (status ${this.status})`);
    return this.startLoop(onProgress);
  }

  async pause(): Promise<LenetState> {
    if (this.status === 'running') await this.control.requestAndWait('pause');
    return this.snapshot();
  }

  async stop(): Promise<LenetState> {
    await this.halt();
    return this.snapshot();
  }

  async reset(): Promise<LenetState> {
    await this.halt();
    this.requireTrainer('reset').reset();
    this.status = 'idle';
    this.reportedEpochs = 0;
    return this.snapshot();
  }

  async getState(): Promise<LenetState> {
    return this.snapshot();
  }

  async model(): Promise<LenetModelData> {
    const trainer = this.requireTrainer('model');
    const stateDict = Object.fromEntries(
      LENET_PARAMETER_NAMES.map((name) => [name, parameterData(trainer, name)]),
    );
    const { epochs, lr, batchSize, seed, activation } = trainer.config;
    return {
      activation,
      stateDict,
      training: {
        epochs,
        lr,
        batchSize,
        seed,
        trainSize: trainer.train.count,
        history: trainer.history.map(({ epoch, loss, trainAcc, testAcc }) => ({
          epoch,
          loss,
          trainAcc,
          testAcc,
        })),
      },
    };
  }

  async evaluate(options: { mistakes?: number } = {}): Promise<LenetEvaluation> {
    const trainer = this.requireTrainer('evaluate');
    if (this.status === 'running') throw new Error('lenet.evaluate: a run is in progress; pause it first');
    return evaluateLenet(trainer.net, trainer.test, options);
  }

  async predict(image: Float32Array | number[]): Promise<LenetPrediction> {
    // Between two batches of a run this sees the weights of the last finished batch.
    return predictLenet(this.requireTrainer('predict').net, image);
  }

  async load(model: LenetModelData): Promise<LenetState> {
    await this.halt();
    const trainer = this.requireTrainer('load');
    if (model.activation !== trainer.config.activation) {
      throw new Error(
        `lenet.load: the model is for the ${model.activation} network but the run is configured for ${trainer.config.activation}`,
      );
    }
    const state = Object.fromEntries(
      Object.entries(model.stateDict).map(([name, p]) => [
        name,
        { shape: [...p.shape], data: Array.from(p.data) },
      ]),
    );
    // loadStateDict checks everything before it writes, so a refused model leaves the weights as they were.
    trainer.net.loadStateDict(state);
    // Back to epoch 0 with a fresh shuffle, then the saved weights over the seed's.
    trainer.reset();
    trainer.net.loadStateDict(state);
    // A saved history has no speeds (the model file does not store them).
    trainer.history = model.training.history.map((entry) => ({ ...entry, examplesPerSec: 0 }));
    this.status = 'idle';
    this.reportedEpochs = trainer.epoch;
    return this.snapshot();
  }

  async modelFile(app: { name: string; version: string }): Promise<string> {
    return serializeLenetModel(lenetModelFile({ ...(await this.model()), app }));
  }

  async readModelFile(text: string): Promise<LenetModelFileData> {
    const file = parseLenetModel(text);
    const stateDict = Object.fromEntries(
      LENET_PARAMETER_NAMES.map((name) => {
        const parameter = file.stateDict[name];
        return [name, { shape: [...parameter.shape], data: Float32Array.from(parameter.data) }];
      }),
    );
    return { activation: file.activation, stateDict, training: file.training ?? null };
  }

  private async halt(): Promise<void> {
    if (this.status === 'running') await this.control.requestAndWait('stop');
    else if (this.status === 'paused') this.status = 'stopped';
  }

  private requireTrainer(operation: string): LenetTrainer {
    if (this.trainer === null)
      throw new Error(`lenet.${operation}: nothing configured; call configure first`);
    return this.trainer;
  }

  private startLoop(onProgress: LenetProgressCallback | undefined): Promise<LenetRunResult> {
    this.status = 'running';
    this.onProgress = onProgress;
    return this.control.start(() => this.loop());
  }

  private async loop(): Promise<void> {
    const trainer = this.trainer as LenetTrainer;
    let lastProgress = -Infinity;
    while (this.control.request === null && !trainer.done) {
      const sliceStart = now();
      let time: number;
      // At least one step per slice: a batch of 256 takes longer than the slice.
      do {
        const outcome = trainer.step();
        time = now();
        if (outcome.kind === 'diverged') break;
        if (outcome.kind === 'epoch' || time - lastProgress >= PROGRESS_INTERVAL_MS) {
          this.send(trainer);
          lastProgress = time;
        }
      } while (!trainer.done && time - sliceStart < SLICE_MS);
      await yieldToHost();
    }
    this.finishLoop(trainer);
  }

  private finishLoop(trainer: LenetTrainer): void {
    const request = this.control.takeRequest();
    if (trainer.divergence !== null) this.status = 'diverged';
    else if (trainer.done) this.status = 'finished';
    else if (request === 'pause') this.status = 'paused';
    else this.status = 'stopped';
    // The last message always goes out, so a caller's bar and history end where the run did.
    this.send(trainer);
    const state = this.snapshot();
    if (trainer.divergence !== null)
      this.control.settle({ type: 'diverged', reason: trainer.divergence, state });
    else if (this.status === 'finished') this.control.settle({ type: 'finished', state });
    else if (this.status === 'paused') this.control.settle({ type: 'paused', state });
    else this.control.settle({ type: 'stopped', state });
  }

  private send(trainer: LenetTrainer): void {
    sendProgress(this.onProgress, () => this.progress(trainer));
  }

  /** The message for the trainer's position; advances the history cursor. */
  private progress(trainer: LenetTrainer): LenetProgress {
    const position = trainer.position();
    const fromEpoch = this.reportedEpochs + 1;
    const records = trainer.history.slice(this.reportedEpochs);
    this.reportedEpochs = trainer.epoch;
    const { epochs } = trainer.config;
    const batchesDone = position.epoch * position.batches + position.batch;
    return {
      type: 'lenet-progress',
      ...position,
      totalEpochs: epochs,
      fraction: Math.min(1, batchesDone / (epochs * position.batches)),
      history: { fromEpoch, records },
      conv1Weight: parameterData(trainer, '0.weight'),
      conv2Weight: parameterData(trainer, '3.weight'),
    };
  }

  private snapshot(): LenetState {
    const trainer = this.trainer;
    return {
      type: 'lenet-state',
      status: this.status,
      config: trainer === null ? null : { ...trainer.config },
      trainCount: trainer?.train.count ?? 0,
      testCount: trainer?.test.count ?? 0,
      epoch: trainer?.epoch ?? 0,
      position: trainer?.position() ?? null,
      history: trainer?.history.map((record) => ({ ...record })) ?? [],
      divergence: trainer?.divergence ?? null,
    };
  }
}

/** A copy of the network's parameter `name` (a state-dict key such as 0.weight). */
function parameterData(trainer: LenetTrainer, name: string): TensorData {
  const parameter = trainer.net.namedParameters().find(([n]) => n === name)?.[1];
  if (parameter === undefined) throw new Error(`lenet: the network has no parameter ${name}`);
  return { shape: [...parameter.shape], data: Float32Array.from(parameter.data) };
}
