// Training d2l's LeNet on Fashion-MNIST as d2l's train_ch6 does (section 7.6): every epoch a fresh
// shuffle, mini-batches through forward, cross-entropy, backward and a plain SGD step; the epoch's
// training loss and accuracy accumulated over its batches (each measured on the batch before its
// update, weighted by the batch's size), and the test accuracy after the epoch. The work comes in
// small steps (one batch, training or test) so that a caller can slice time and stay responsive.
import { tensor } from '../creation.ts';
import { FASHION_MNIST_SIDE, type LabelledImages } from '../data/fashionMnist.ts';
import type { LenetEpoch } from '../formats/lenetModel.ts';
import { LeNet } from '../models/lenet.ts';
import { crossEntropy } from '../nn/loss.ts';
import { SGD } from '../optim/sgd.ts';
import { Generator } from '../random/generator.ts';
import { now } from '../worker/scheduling.ts';
import { lenetRunConfig, LenetConfigError, type LenetRunConfig } from './config.ts';
import { AccuracyCounter } from './evaluate.ts';
import { balancedFirst, gatherBatch, identityOrder, shuffleInPlace } from './trainingSet.ts';

const SIDE = FASHION_MNIST_SIDE;
const PIXELS = SIDE * SIDE;

export interface LenetData {
  train: LabelledImages;
  test: LabelledImages;
}

/** One finished epoch: the model file's history entry plus the speed it trained at. */
export interface LenetEpochRecord extends LenetEpoch {
  /** Training examples per second of the epoch's training batches (d2l times those alone). */
  examplesPerSec: number;
}

export type LenetStepOutcome =
  | { kind: 'train' }
  | { kind: 'test' }
  | { kind: 'epoch'; record: LenetEpochRecord }
  | { kind: 'diverged'; reason: string };

/** Where the run is inside the current epoch. */
export interface LenetPosition {
  /** Epochs completed. */
  epoch: number;
  /** 'train' while the epoch's batches run, 'test' while the test set is evaluated. */
  phase: 'train' | 'test';
  /** Training batches done in the current epoch, of `batches`. */
  batch: number;
  batches: number;
  /** The current epoch's loss and accuracy so far (0 before its first batch). */
  loss: number;
  trainAcc: number;
  /** Training examples per second in the current epoch so far (0 before its first batch). */
  examplesPerSec: number;
}

export class LenetTrainer {
  readonly config: LenetRunConfig;
  readonly train: LabelledImages;
  readonly test: LabelledImages;
  net!: LeNet;
  history: LenetEpochRecord[] = [];
  divergence: string | null = null;

  private generator!: Generator;
  private optimizer!: SGD;
  private order!: Uint32Array;
  private phase: 'train' | 'test' = 'train';
  private batch = 0;
  private lossSum = 0;
  private correct = 0;
  private seen = 0;
  private trainMs = 0;
  private testCounter: AccuracyCounter | null = null;
  private readonly batchImages: Float32Array;
  private readonly batchLabels: Uint8Array;
  private readonly clock: () => number;

  /** `config` is checked (LenetConfigError); `clock` in milliseconds, for examples/sec only. */
  constructor(config: unknown, data: LenetData, clock: () => number = now) {
    this.config = lenetRunConfig(config);
    const size = this.config.trainSize ?? data.train.count;
    if (size > data.train.count) {
      throw new LenetConfigError(`trainSize is ${size} but the training set has ${data.train.count} images`);
    }
    if (data.test.count === 0) throw new LenetConfigError('the test set has no images');
    this.train = balancedFirst(data.train, size);
    this.test = data.test;
    this.clock = clock;
    this.batchImages = new Float32Array(this.config.batchSize * PIXELS);
    this.batchLabels = new Uint8Array(this.config.batchSize);
    this.reset();
  }

  /** Back to the seed's initial weights, epoch 0. */
  reset(): void {
    this.generator = new Generator(this.config.seed);
    this.net = new LeNet({ activation: this.config.activation, generator: this.generator });
    this.optimizer = new SGD(this.net.parameters(), { lr: this.config.lr });
    this.order = identityOrder(this.train.count);
    this.history = [];
    this.divergence = null;
    this.startEpoch();
  }

  /** Epochs completed. */
  get epoch(): number {
    return this.history.length;
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.train.count / this.config.batchSize);
  }

  get done(): boolean {
    return this.epoch >= this.config.epochs || this.divergence !== null;
  }

  position(): LenetPosition {
    return {
      epoch: this.epoch,
      phase: this.phase,
      batch: this.batch,
      batches: this.batchesPerEpoch,
      loss: this.seen === 0 ? 0 : this.lossSum / this.seen,
      trainAcc: this.seen === 0 ? 0 : this.correct / this.seen,
      examplesPerSec: this.trainMs === 0 ? 0 : (this.seen * 1000) / this.trainMs,
    };
  }

  /** One training batch, or one test batch once the epoch's training is done. */
  step(): LenetStepOutcome {
    if (this.divergence !== null) return { kind: 'diverged', reason: this.divergence };
    if (this.epoch >= this.config.epochs) {
      throw new Error(`lenet trainer: all ${this.config.epochs} epochs are done`);
    }
    if (this.phase === 'train') {
      const reason = this.trainBatch();
      if (reason !== null) {
        this.divergence = reason;
        return { kind: 'diverged', reason };
      }
      if (this.batch === this.batchesPerEpoch) {
        this.phase = 'test';
        this.testCounter = new AccuracyCounter(this.test);
      }
      return { kind: 'train' };
    }
    const counter = this.testCounter as AccuracyCounter;
    counter.next(this.net);
    if (!counter.done) return { kind: 'test' };
    const record: LenetEpochRecord = {
      epoch: this.epoch + 1,
      loss: this.lossSum / this.seen,
      trainAcc: this.correct / this.seen,
      testAcc: counter.accuracy,
      examplesPerSec: (this.seen * 1000) / Math.max(this.trainMs, 1e-3),
    };
    this.history.push(record);
    this.startEpoch();
    return { kind: 'epoch', record };
  }

  /** Steps until the next epoch ends (or the run diverges); for tests and scripts. */
  runEpoch(): LenetStepOutcome {
    for (;;) {
      const outcome = this.step();
      if (outcome.kind === 'epoch' || outcome.kind === 'diverged') return outcome;
    }
  }

  private startEpoch(): void {
    this.phase = 'train';
    this.batch = 0;
    this.lossSum = 0;
    this.correct = 0;
    this.seen = 0;
    this.trainMs = 0;
    this.testCounter = null;
    shuffleInPlace(this.order, this.generator);
  }

  /** Forward, loss, backward and SGD step on the next batch; a reason when the loss is not finite. */
  private trainBatch(): string | null {
    const start = this.clock();
    const first = this.batch * this.config.batchSize;
    const size = Math.min(this.config.batchSize, this.train.count - first);
    gatherBatch(this.train, this.order, first, size, this.batchImages, this.batchLabels);
    const input = tensor(this.batchImages.subarray(0, size * PIXELS), { shape: [size, 1, SIDE, SIDE] });
    const labels = this.batchLabels.subarray(0, size);
    this.optimizer.zeroGrad();
    const logits = this.net.forward(input);
    const loss = crossEntropy(logits, labels);
    const value = loss.item();
    if (!Number.isFinite(value)) {
      return `loss became ${value} at epoch ${this.epoch + 1}, batch ${this.batch + 1}: learning rate ${this.config.lr} is too high`;
    }
    loss.backward();
    this.optimizer.step();
    this.lossSum += value * size;
    this.correct += countCorrect(logits.data, labels);
    this.seen += size;
    this.batch++;
    this.trainMs += this.clock() - start;
    return null;
  }
}

/** Rows of `logits` ([n, 10] row-major) whose largest value (first on a tie) is at the label. */
function countCorrect(logits: Float32Array, labels: Uint8Array): number {
  const classes = logits.length / labels.length;
  let correct = 0;
  for (let n = 0; n < labels.length; n++) {
    const base = n * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[base + c] > logits[base + best]) best = c;
    if (best === labels[n]) correct++;
  }
  return correct;
}
