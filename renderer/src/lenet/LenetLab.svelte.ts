// The LeNet view's state: the fields, the run in the worker (train, pause, resume, reset), what its
// progress messages bring (epoch records, the running loss for the chart, the conv kernels), the input
// image and its prediction, the test set's evaluation, and the model's files and stored copy. All
// compute happens in the worker; this class only keeps the newest results. Large values are $state.raw
// and replaced, never mutated, so a 60-a-second progress message costs a few assignments.
import { version } from '../../../package.json';
import {
  FASHION_MNIST_FILES,
  FASHION_MNIST_SIDE,
  labelledImagesFromBytes,
  parseIdxLabels,
  type FashionMnistBytes,
  type LabelledImages,
} from '../../../core/src/data/index.ts';
import type { LeNetActivation } from '../../../core/src/models/lenet.ts';
import type { LenetEvaluation, LenetPrediction } from '../../../core/src/lenet/evaluate.ts';
import type { LenetEpochRecord } from '../../../core/src/lenet/trainer.ts';
import { LIMITS, overLimit } from '../../../core/src/limits.ts';
import type { TensorData } from '../../../core/src/worker/api.ts';
import { TrainerWorkerDied } from '../../../core/src/worker/client.ts';
import type {
  LenetModelData,
  LenetModelFileData,
  LenetProgress,
  LenetRunResult,
  LenetState,
} from '../../../core/src/worker/lenetApi.ts';
import type { LenetTrainerClient } from '../../../core/src/worker/lenetClient.ts';
import type { Platform } from '../platform/platform.ts';
import { EMPTY_SERIES, extendSeries, seriesFromHistory, type ChartSeries } from './chartSeries.ts';
import { forgetStoredModel, storedModelText, storeModel } from './modelStore.ts';
import { checkFields, defaultFields, type FieldConfig, type LenetFields } from './settings.ts';
import { datasetFolderBytes, type DatasetInUse } from './datasetFolder.ts';
import type { LenetWorkerHost } from './workerHost.ts';

export const PIXELS = FASHION_MNIST_SIDE * FASHION_MNIST_SIDE;
const MODEL_FILTER = [{ name: 'ConvLab LeNet model', extensions: ['json'] }];
const APP = { name: 'ConvLab', version };
/** Mistakes the end-of-run view lists. */
export const MISTAKES_SHOWN = 8;

export type LenetViewStatus =
  | 'loading'
  | 'load-failed'
  | 'ready'
  | 'starting'
  | 'running'
  | 'pausing'
  | 'paused'
  | 'finished'
  | 'stopped'
  | 'diverged';

export type InputSource = { kind: 'test'; index: number } | { kind: 'drawn' };

export interface ProgressView {
  fraction: number;
  epoch: number;
  totalEpochs: number;
  batch: number;
  batches: number;
  loss: number;
  examplesPerSec: number;
  /** Seconds left at the run's pace so far; null until it can be estimated. */
  secondsLeft: number | null;
}

export interface LenetLabDeps {
  host: LenetWorkerHost;
  platform: Platform;
  storage: Storage | null;
  /** The four idx files, decompressed; called again for each new worker (they move to it). */
  loadData: () => Promise<FashionMnistBytes>;
  now?: () => number;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class LenetLab {
  status = $state<LenetViewStatus>('loading');
  fields = $state<LenetFields>(defaultFields(LIMITS.lenetTrainSize.max));
  /** The test images, decoded here for the strip and the mistakes; the worker has its own copy. */
  test = $state.raw<LabelledImages | null>(null);
  /** Training images the data set has (the worker holds them). */
  trainAvailable = $state<number>(LIMITS.lenetTrainSize.max);
  history = $state.raw<LenetEpochRecord[]>([]);
  series = $state.raw<ChartSeries>(EMPTY_SERIES);
  progress = $state.raw<ProgressView | null>(null);
  conv1 = $state.raw<TensorData | null>(null);
  conv2 = $state.raw<TensorData | null>(null);
  /** The network in the worker (the one its weights belong to). */
  activation = $state<LeNetActivation>('sigmoid');
  input = $state.raw<Float32Array>(new Float32Array(PIXELS));
  source = $state.raw<InputSource>({ kind: 'test', index: 0 });
  prediction = $state.raw<LenetPrediction | null>(null);
  evaluation = $state.raw<LenetEvaluation | null>(null);
  evaluating = $state(false);
  /** A refusal or failure, one line (shown with role="alert"). */
  error = $state<string | null>(null);
  /** What just happened (role="status"). */
  notice = $state<string | null>(null);
  /** Why the trained model could not be kept in local storage, if it could not. */
  storageNote = $state<string | null>(null);
  /** The shipped subset, or a Fashion-MNIST folder the desktop app opened. */
  dataset = $state.raw<DatasetInUse>({ kind: 'shipped' });
  /** A folder's files are being read, decompressed and decoded. */
  openingFolder = $state(false);

  /** The client the worker's current run config went to, and that config; null before (or after a death). */
  private configuredClient = $state.raw<LenetTrainerClient | null>(null);

  readonly checked = $derived(checkFields(this.fields, this.trainAvailable));
  readonly busy = $derived(
    this.status === 'starting' || this.status === 'running' || this.status === 'pausing',
  );
  readonly canTrain = $derived(
    (this.status === 'paused' || (this.checked.config !== null && !this.busy)) &&
      this.status !== 'loading' &&
      this.status !== 'load-failed' &&
      !this.openingFolder,
  );
  readonly hasModel = $derived(this.configuredClient !== null && !this.busy);
  /** Whether the host can open a data set folder (the desktop app can; a browser page cannot). */
  readonly canOpenFolder: boolean;

  private readonly host: LenetWorkerHost;
  private readonly platform: Platform;
  private readonly storage: Storage | null;
  /** The data set's files; replaced when a folder is opened, so a new worker gets that data set. */
  private loadData: () => Promise<FashionMnistBytes>;
  /** The bytes `open` read, until the first worker takes them. */
  private unsentBytes: FashionMnistBytes | null = null;
  /** The worker that holds the data set. */
  private dataClient: LenetTrainerClient | null = null;
  private readonly now: () => number;
  private configuredKey = '';
  private watched = new WeakSet<LenetTrainerClient>();
  /** Bumped by every new run, reset and death, so a stale run's ending changes nothing. */
  private runToken = 0;
  private runClock: { startedAt: number; fractionAtStart: number } | null = null;
  private predicting = false;
  private predictAgain = false;

  constructor(deps: LenetLabDeps) {
    this.host = deps.host;
    this.platform = deps.platform;
    this.storage = deps.storage;
    this.loadData = deps.loadData;
    this.canOpenFolder = deps.platform.openDatasetFolder !== undefined;
    this.now = deps.now ?? (() => performance.now());
  }

  /** Loads the data set, then the stored model if there is one, else the seed's initial weights. */
  async open(): Promise<void> {
    try {
      const bytes = await this.loadData();
      // Only the 2,000 test images are decoded on this thread; the worker decodes the training set.
      this.test = labelledImagesFromBytes(bytes.testImages, bytes.testLabels, {
        images: FASHION_MNIST_FILES.testImages,
        labels: FASHION_MNIST_FILES.testLabels,
      });
      this.trainAvailable = parseIdxLabels(bytes.trainLabels).count;
      this.unsentBytes = bytes;
    } catch (error) {
      this.status = 'load-failed';
      this.error = `LeNet: the Fashion-MNIST images could not be loaded: ${message(error)}`;
      return;
    }
    this.fields = defaultFields(this.trainAvailable);
    this.selectTest(0, false);
    const stored = await this.readStored();
    try {
      if (stored !== null) {
        await this.install(stored.model, stored.text);
        this.notice = `Restored the LeNet you trained before${this.describeRun()}.`;
      } else {
        await this.configure();
        this.status = 'ready';
        await this.afterWeightsChanged({ evaluate: false });
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starts a new run from the seed's initial weights, or resumes a paused one. */
  async train(): Promise<void> {
    if (!this.canTrain || this.test === null) return;
    this.error = null;
    this.notice = null;
    const token = ++this.runToken;
    try {
      let result: LenetRunResult;
      if (this.status === 'paused' && this.configuredClient !== null) {
        const client = this.configuredClient;
        this.status = 'running';
        this.startClock(this.progress?.fraction ?? 0);
        result = await client.resume((p) => this.onProgress(p, token));
      } else {
        this.status = 'starting';
        const client = await this.configure();
        if (token !== this.runToken) return;
        this.clearResults();
        this.status = 'running';
        this.startClock(0);
        result = await client.run((p) => this.onProgress(p, token));
      }
      if (token === this.runToken) await this.finishRun(result);
    } catch (error) {
      if (token === this.runToken) this.fail(error);
    }
  }

  async pause(): Promise<void> {
    if (this.status !== 'running' || this.configuredClient === null) return;
    this.status = 'pausing';
    try {
      await this.configuredClient.pause();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Back to the seed's initial weights (with the current fields); the stored model is forgotten. */
  async reset(): Promise<void> {
    if (this.test === null) return;
    this.error = null;
    this.notice = null;
    const token = ++this.runToken;
    try {
      const client = this.configuredClient;
      if (client !== null && this.checked.config === null) await client.reset();
      else await this.configure();
      if (token !== this.runToken) return;
      this.clearResults();
      forgetStoredModel(this.storage);
      this.storageNote = null;
      this.status = 'ready';
      await this.afterWeightsChanged({ evaluate: false });
    } catch (error) {
      this.fail(error);
    }
  }

  /** The test set's confusion matrix and most confident mistakes with the current weights. */
  async evaluate(): Promise<void> {
    const client = this.configuredClient;
    if (client === null || this.busy) return;
    this.evaluating = true;
    try {
      this.evaluation = await client.evaluate({ mistakes: MISTAKES_SHOWN });
    } catch (error) {
      this.fail(error);
    } finally {
      this.evaluating = false;
    }
  }

  async exportModel(): Promise<void> {
    const client = this.configuredClient;
    if (client === null) return;
    this.error = null;
    try {
      const text = await client.modelFile(APP);
      const name = await this.platform.saveFile(
        'lenet-model.json',
        new TextEncoder().encode(text),
        MODEL_FILTER,
      );
      if (name !== null) this.notice = `Model saved as ${name}.`;
    } catch (error) {
      this.error = `Export model: ${message(error)}`;
    }
  }

  /** Reads a model file; a refused file says why in one line and changes nothing. */
  async importModel(): Promise<void> {
    if (this.busy || this.test === null) return;
    this.error = null;
    this.notice = null;
    let model: LenetModelFileData;
    let name: string;
    let text: string;
    try {
      const file = await this.platform.openFile(MODEL_FILTER);
      if (file === null) return;
      name = file.name;
      const refusal = overLimit('fileBytes', 'the file', file.bytes.length);
      if (refusal !== null) throw new Error(refusal);
      text = new TextDecoder().decode(file.bytes);
      model = await this.reader().readModelFile(text);
    } catch (error) {
      if (error instanceof TrainerWorkerDied) return;
      this.error = `Import model: ${message(error)}`;
      return;
    }
    ++this.runToken;
    try {
      await this.install(model, text);
      this.notice = `Imported ${name}${this.describeRun()}.`;
    } catch (error) {
      this.error = `Import model: ${name}: ${message(error)}`;
    }
  }

  /**
   * Trains on a Fashion-MNIST folder the user picks (the desktop app only). The files are decompressed
   * and decoded before anything changes (the test set here, the training set by the worker), so a
   * folder without the files or with a truncated one is refused in one line and the old data set
   * stays. Once accepted the network starts again from the seed's weights, with every training image.
   */
  async openDatasetFolder(): Promise<void> {
    const pick = this.platform.openDatasetFolder?.bind(this.platform);
    if (pick === undefined || this.busy || this.openingFolder || this.test === null) return;
    this.error = null;
    this.notice = null;
    this.openingFolder = true;
    try {
      let accepted: {
        folder: string;
        source: () => Promise<FashionMnistBytes>;
        client: LenetTrainerClient;
        test: LabelledImages;
        trainCount: number;
      };
      try {
        const opened = await pick();
        if (opened === null) return;
        const source = () => datasetFolderBytes(opened);
        const bytes = await source();
        const names = { images: opened.files.testImages.name, labels: opened.files.testLabels.name };
        const test = labelledImagesFromBytes(bytes.testImages, bytes.testLabels, names);
        // The worker decodes (and so checks) both sets; until it accepts them, it keeps the old ones.
        const client = this.reader();
        const { trainCount } = await client.loadData(bytes, true);
        accepted = { folder: opened.folder, source, client, test, trainCount };
      } catch (error) {
        if (!(error instanceof TrainerWorkerDied))
          this.error = `Open Fashion-MNIST folder: ${message(error)}`;
        return;
      }
      ++this.runToken;
      this.loadData = accepted.source;
      this.unsentBytes = null;
      this.dataClient = accepted.client;
      this.dataset = { kind: 'folder', folder: accepted.folder };
      this.test = accepted.test;
      this.trainAvailable = accepted.trainCount;
      this.fields = { ...this.fields, trainSize: defaultFields(accepted.trainCount).trainSize };
      // The worker's trainer still holds the old images: the next configure builds one on the new.
      this.configuredKey = '';
      this.clearResults();
      this.selectTest(0, false);
      try {
        await this.configure();
        this.status = 'ready';
        await this.afterWeightsChanged({ evaluate: false });
      } catch (error) {
        this.fail(error);
      }
    } finally {
      this.openingFolder = false;
    }
  }

  /** Shows test image `index` and what the network makes of it. */
  selectTest(index: number, predict = true): void {
    const test = this.test;
    if (test === null || test.count === 0) return;
    const i = ((index % test.count) + test.count) % test.count;
    this.source = { kind: 'test', index: i };
    this.input = test.images.slice(i * PIXELS, (i + 1) * PIXELS);
    if (predict) this.requestPrediction();
  }

  /** A drawn image (784 values in [0, 1], white on black like Fashion-MNIST's). */
  setDrawing(pixels: Float32Array): void {
    this.source = { kind: 'drawn' };
    this.input = pixels;
    this.requestPrediction();
  }

  dispose(): void {
    ++this.runToken;
    this.host.dispose();
  }

  /** The newest input's prediction; while one is in flight, only the latest image waits for the next. */
  requestPrediction(): void {
    if (this.configuredClient === null) return;
    if (this.predicting) {
      this.predictAgain = true;
      return;
    }
    this.predicting = true;
    void this.predictLoop();
  }

  private async predictLoop(): Promise<void> {
    try {
      do {
        this.predictAgain = false;
        const client = this.configuredClient;
        if (client === null) break;
        const prediction = await client.predict(this.input);
        if (client === this.configuredClient) this.prediction = prediction;
      } while (this.predictAgain);
    } catch (error) {
      // A death is reported by the death watch; other failures leave the last prediction up.
      if (!(error instanceof TrainerWorkerDied)) this.error = `Predict: ${message(error)}`;
    } finally {
      this.predicting = false;
    }
  }

  /** Configures the worker with the fields (a fresh worker after a death): epoch 0, the seed's weights. */
  private async configure(activation?: LeNetActivation): Promise<LenetTrainerClient> {
    const checked = this.checked.config;
    if (checked === null) throw new Error(Object.values(this.checked.errors)[0]);
    const config = { ...checked, activation: activation ?? checked.activation, seed: 0 };
    const client = this.host.client();
    this.watch(client);
    const key = JSON.stringify(config);
    if (client === this.configuredClient && key === this.configuredKey) {
      await client.reset();
    } else {
      if (client !== this.dataClient) {
        // Once per worker: the files move to it (transferred, not copied) and it decodes them.
        const bytes = this.unsentBytes ?? (await this.loadData());
        this.unsentBytes = null;
        await client.loadData(bytes, true);
        this.dataClient = client;
      }
      await client.configure(config);
      this.configuredClient = client;
      this.configuredKey = key;
    }
    this.activation = config.activation;
    return client;
  }

  /** A client for reading files (any live worker reads them; it need not be configured). */
  private reader(): LenetTrainerClient {
    const client = this.host.client();
    this.watch(client);
    return client;
  }

  /** The stored model, read by the worker; a copy that no longer reads is removed. */
  private async readStored(): Promise<{ model: LenetModelFileData; text: string } | null> {
    const text = storedModelText(this.storage);
    if (text === null) return null;
    try {
      return { model: await this.reader().readModelFile(text), text };
    } catch {
      forgetStoredModel(this.storage);
      return null;
    }
  }

  /** Puts a model file's network into the worker, with its run's settings in the fields. */
  private async install(model: LenetModelFileData, text: string): Promise<void> {
    const before = $state.snapshot(this.fields);
    const training = model.training;
    if (training !== null) {
      this.fields = {
        epochs: String(Math.max(1, training.epochs)),
        lr: String(training.lr),
        batchSize: String(training.batchSize),
        activation: model.activation,
        trainSize: String(Math.min(training.trainSize, this.trainAvailable)),
      };
    } else {
      this.fields = { ...this.fields, activation: model.activation };
    }
    if (this.checked.config === null)
      this.fields = { ...defaultFields(this.trainAvailable), activation: model.activation };
    let state: LenetState;
    try {
      const client = await this.configure(model.activation);
      state = await client.load(modelData(model, this.checked.config as FieldConfig));
    } catch (error) {
      this.fields = before;
      throw error;
    }
    this.clearResults();
    this.history = state.history;
    this.series = seriesFromHistory(state.history);
    this.status = state.history.length > 0 ? 'finished' : 'ready';
    this.keep(text);
    await this.afterWeightsChanged({ evaluate: true });
  }

  private async finishRun(result: LenetRunResult): Promise<void> {
    this.runClock = null;
    this.history = result.state.history;
    if (result.type === 'paused') {
      this.status = 'paused';
      this.requestPrediction();
      return;
    }
    if (result.type === 'diverged') {
      this.status = 'diverged';
      this.error = `Training diverged: ${result.reason}. Lower the learning rate and press Train.`;
      return;
    }
    this.status = result.type;
    if (result.type === 'finished') {
      const last = result.state.history.at(-1);
      this.notice = last ? `Finished ${epochs(last.epoch)}: test accuracy ${last.testAcc.toFixed(3)}.` : null;
    }
    await this.storeCurrentModel();
    await this.afterWeightsChanged({ evaluate: true });
  }

  /** The kernels and the prediction for the weights now in the worker; the evaluation if asked. */
  private async afterWeightsChanged(options: { evaluate: boolean }): Promise<void> {
    const client = this.configuredClient;
    if (client === null) return;
    const model = await client.model();
    this.conv1 = model.stateDict['0.weight'];
    this.conv2 = model.stateDict['3.weight'];
    this.requestPrediction();
    if (options.evaluate) await this.evaluate();
  }

  private async storeCurrentModel(): Promise<void> {
    const client = this.configuredClient;
    if (client === null) return;
    this.keep(await client.modelFile(APP));
  }

  private keep(text: string): void {
    this.storageNote = storeModel(this.storage, text);
  }

  private onProgress(p: LenetProgress, token: number): void {
    if (token !== this.runToken) return;
    this.conv1 = p.conv1Weight;
    this.conv2 = p.conv2Weight;
    const records = p.history.records;
    if (records.length > 0) {
      this.history = [...this.history.slice(0, p.history.fromEpoch - 1), ...records];
    }
    this.series = extendSeries(this.series, p);
    this.progress = {
      fraction: p.fraction,
      epoch: p.epoch,
      totalEpochs: p.totalEpochs,
      batch: p.batch,
      batches: p.batches,
      loss: p.loss,
      examplesPerSec: p.examplesPerSec,
      secondsLeft: this.secondsLeft(p.fraction),
    };
    // A finished epoch changed the network noticeably: show the input's new prediction.
    if (records.length > 0) this.requestPrediction();
  }

  private startClock(fraction: number): void {
    this.runClock = { startedAt: this.now(), fractionAtStart: fraction };
  }

  private secondsLeft(fraction: number): number | null {
    const clock = this.runClock;
    if (clock === null) return null;
    const done = fraction - clock.fractionAtStart;
    const elapsed = (this.now() - clock.startedAt) / 1000;
    if (done <= 0 || elapsed < 0.5) return null;
    return Math.max(0, (elapsed / done) * (1 - fraction));
  }

  private clearResults(): void {
    this.history = [];
    this.series = EMPTY_SERIES;
    this.progress = null;
    this.evaluation = null;
  }

  private describeRun(): string {
    const last = this.history.at(-1);
    if (last === undefined) return '';
    return ` (${epochs(last.epoch)}, test accuracy ${last.testAcc.toFixed(3)})`;
  }

  private watch(client: LenetTrainerClient): void {
    if (this.watched.has(client)) return;
    this.watched.add(client);
    client.died.catch((error: unknown) => {
      if (client !== this.configuredClient) return;
      ++this.runToken;
      this.configuredClient = null;
      this.configuredKey = '';
      this.runClock = null;
      this.predicting = false;
      if (this.status !== 'loading' && this.status !== 'load-failed') this.status = 'stopped';
      const reason = message(error)
        .replace(/^lenet worker died: /, '')
        .replace(/; start a new one$/, '');
      this.error = `The LeNet worker stopped unexpectedly (${reason}). Train starts a fresh one.`;
    });
  }

  private fail(error: unknown): void {
    // A dead worker is reported once, by the death watch.
    if (error instanceof TrainerWorkerDied) return;
    this.runClock = null;
    if (this.busy) this.status = 'stopped';
    this.error = message(error);
  }
}

/** A model file as the worker's load takes it; a file without its run's record gets `config`'s. */
function modelData(model: LenetModelFileData, config: FieldConfig): LenetModelData {
  const { epochs, lr, batchSize, trainSize } = config;
  const training = model.training ?? { epochs, lr, batchSize, seed: 0, trainSize, history: [] };
  return { activation: model.activation, stateDict: model.stateDict, training };
}

const epochs = (n: number): string => `${n} ${n === 1 ? 'epoch' : 'epochs'}`;
