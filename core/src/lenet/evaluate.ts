// What a LeNet makes of images, without training: accuracy on a labelled set (as d2l's
// evaluate_accuracy_gpu, in batches and with no graph recorded), the confusion matrix and the most
// confident mistakes for the lab's end-of-run view, and one image's every layer for its drawing pad.
import { noGrad } from '../autograd/graph.ts';
import { tensor } from '../creation.ts';
import { FASHION_MNIST_CLASSES, FASHION_MNIST_SIDE, type LabelledImages } from '../data/fashionMnist.ts';
import type { LeNet } from '../models/lenet.ts';
import { gatherBatch, identityOrder } from './trainingSet.ts';
import type { Shaped } from '../shape.ts';

const PIXELS = FASHION_MNIST_SIDE * FASHION_MNIST_SIDE;
const CLASSES = FASHION_MNIST_CLASSES.length;

/** Images per forward pass while evaluating: d2l's batch size. */
export const EVAL_BATCH = 256;

/** A test image the network got wrong, with the probability it gave its (wrong) answer. */
export interface LenetMistake {
  /** Index of the image in the evaluated set. */
  index: number;
  trueClass: number;
  predictedClass: number;
  probability: number;
}

export interface LenetEvaluation {
  count: number;
  correct: number;
  accuracy: number;
  /** `confusion[t][p]`: images of true class t predicted as class p. */
  confusion: number[][];
  /** The most confident mistakes, most confident first (ties: lower index first). */
  mistakes: LenetMistake[];
}

/**
 * Counts right answers over `set` from `start` on, `size` images at a time; the one place that turns
 * logits into answers, so the trainer's test accuracy and `evaluateLenet` agree exactly.
 */
export class AccuracyCounter {
  correct = 0;
  seen = 0;
  private readonly images: Float32Array;
  private readonly labels: Uint8Array;
  private readonly order: Uint32Array;

  constructor(
    private readonly set: LabelledImages,
    private readonly batchSize = EVAL_BATCH,
    private readonly onRow?: (
      index: number,
      label: number,
      predicted: number,
      probabilities: Float64Array,
    ) => void,
  ) {
    this.images = new Float32Array(batchSize * PIXELS);
    this.labels = new Uint8Array(batchSize);
    this.order = identityOrder(set.count);
  }

  get done(): boolean {
    return this.seen >= this.set.count;
  }

  /** Evaluates the next batch with `net`. */
  next(net: LeNet): void {
    const size = Math.min(this.batchSize, this.set.count - this.seen);
    if (size <= 0) return;
    gatherBatch(this.set, this.order, this.seen, size, this.images, this.labels);
    const input = tensor(this.images.subarray(0, size * PIXELS), {
      shape: [size, 1, FASHION_MNIST_SIDE, FASHION_MNIST_SIDE],
    });
    const logits = noGrad(() => net.forward(input)).data;
    const probabilities = new Float64Array(CLASSES);
    for (let b = 0; b < size; b++) {
      const predicted = argmaxRow(logits, b * CLASSES);
      const label = this.labels[b];
      if (predicted === label) this.correct++;
      if (this.onRow) {
        softmaxRow(logits, b * CLASSES, probabilities);
        this.onRow(this.seen + b, label, predicted, probabilities);
      }
    }
    this.seen += size;
  }

  get accuracy(): number {
    return this.seen === 0 ? 0 : this.correct / this.seen;
  }
}

/** Accuracy, confusion matrix and the `mistakes` most confident mistakes of `net` on `set`. */
export function evaluateLenet(
  net: LeNet,
  set: LabelledImages,
  options: { mistakes?: number } = {},
): LenetEvaluation {
  const keep = options.mistakes ?? 20;
  const confusion = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  let mistakes: LenetMistake[] = [];
  const counter = new AccuracyCounter(set, EVAL_BATCH, (index, label, predicted, probabilities) => {
    confusion[label][predicted]++;
    if (predicted === label || keep === 0) return;
    mistakes.push({
      index,
      trueClass: label,
      predictedClass: predicted,
      probability: probabilities[predicted],
    });
    // Trim now and then, so a bad network does not hold a list as long as the set.
    if (mistakes.length >= 4 * keep + 64) mistakes = mostConfident(mistakes, keep);
  });
  while (!counter.done) counter.next(net);
  return {
    count: set.count,
    correct: counter.correct,
    accuracy: counter.accuracy,
    confusion,
    mistakes: mostConfident(mistakes, keep),
  };
}

function mostConfident(mistakes: LenetMistake[], keep: number): LenetMistake[] {
  return mistakes.sort((a, b) => b.probability - a.probability || a.index - b.index).slice(0, keep);
}

/** One layer's output for one image: `shape` without the batch dimension, values row-major. */
export interface LayerActivation extends Shaped<Float32Array> {
  /** The layer's index in the Sequential (its state-dict prefix) and its kind: `0 Conv2d`. */
  name: string;
}

export interface LenetPrediction {
  /** Every layer's output in order; the last is the logits. */
  layers: LayerActivation[];
  /** softmax of the logits, one per class of FASHION_MNIST_CLASSES. */
  probabilities: number[];
  predictedClass: number;
}

/** Runs one 28 x 28 image (784 values, row-major, in [0, 1] like the data set's) through `net`. */
export function predictLenet(net: LeNet, image: ArrayLike<number>): LenetPrediction {
  if (image.length !== PIXELS) {
    throw new Error(`predictLenet: an image has ${PIXELS} values (28 x 28), got ${image.length}`);
  }
  const layers: LayerActivation[] = [];
  let x = tensor(Float32Array.from(image), { shape: [1, 1, FASHION_MNIST_SIDE, FASHION_MNIST_SIDE] });
  noGrad(() => {
    net.layers.forEach((layer, i) => {
      x = layer.forward(x);
      layers.push({
        name: `${i} ${layer.constructor.name}`,
        shape: x.shape.slice(1),
        data: Float32Array.from(x.data),
      });
    });
  });
  const probabilities = new Float64Array(CLASSES);
  softmaxRow(x.data, 0, probabilities);
  return { layers, probabilities: Array.from(probabilities), predictedClass: argmaxRow(probabilities, 0) };
}

/** Index of the largest of the ten values at `base` (the first on a tie, as torch.argmax). */
function argmaxRow(values: ArrayLike<number>, base: number): number {
  let best = 0;
  for (let c = 1; c < CLASSES; c++) if (values[base + c] > values[base + best]) best = c;
  return best;
}

/** softmax of the ten logits at `base` into `out`, from the row's maximum so it cannot overflow. */
function softmaxRow(logits: ArrayLike<number>, base: number, out: Float64Array): void {
  let top = logits[base];
  for (let c = 1; c < CLASSES; c++) top = Math.max(top, logits[base + c]);
  let total = 0;
  for (let c = 0; c < CLASSES; c++) {
    out[c] = Math.exp(logits[base + c] - top);
    total += out[c];
  }
  for (let c = 0; c < CLASSES; c++) out[c] /= total;
}
