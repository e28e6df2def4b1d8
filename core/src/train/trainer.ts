// Trains one experiment with the core's autograd: each epoch is conv2d forward, the loss, backward
// through conv2d, and an optimiser update. Pure and synchronous: the worker decides when to run it.
import { convLayer } from '../conv/convLayer.ts';
import { Adam } from '../optim/adam.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { SGD } from '../optim/sgd.ts';
import { Tensor } from '../tensor.ts';
import { DivergenceWatch } from './divergence.ts';
import type { Experiment, Kernel } from './experiment.ts';
import { seededConvWeights } from './init.ts';
import { computeFeatureMap, imageTensor } from './layerForward.ts';
import { squaredLoss } from './loss.ts';
import { validateExperiment } from './validate.ts';

/** What one call to `step` did. */
export type EpochOutcome =
  { kind: 'trained'; epoch: number; loss: number } | { kind: 'diverged'; epoch: number; reason: string };

export class Trainer {
  readonly experiment: Experiment;
  readonly weightShape: [number, number, number, number];
  /** The current parameters (updated in place; copy before handing them out). */
  readonly weight: Float32Array;
  readonly bias: Float32Array | null;
  /** Gradients of the last epoch, taken before its update. */
  readonly weightGrad: Float32Array;
  readonly biasGrad: Float32Array | null;
  /** Loss of every completed epoch, index i = epoch i + 1 (float32 values). */
  readonly lossHistory: number[] = [];
  /**
   * Set once the run diverged (the loss or the weights stopped being finite, or the loss grew away:
   * see divergence.ts); the trainer then refuses to step, holding the weights of its lowest loss.
   */
  divergence: string | null = null;

  private readonly input: Tensor;
  private readonly target: Float32Array;
  private readonly initial: { weight: Float32Array; bias: Float32Array | null };
  /** The weights (before that epoch's update) of the lowest loss so far, and that epoch and loss. */
  private readonly bestWeight: Float32Array;
  private readonly bestBias: Float32Array | null;
  private best = { epoch: 0, loss: Number.POSITIVE_INFINITY };
  private readonly watch: DivergenceWatch;
  private readonly lossGradient: Float32Array;
  /** Leaf tensors sharing their buffers with `weight` and `bias`: the optimiser updates those in place. */
  private readonly weightParam: Tensor;
  private readonly biasParam: Tensor | null;
  private optimizer: Optimizer;

  /** Validates the experiment (throws ExperimentError) and sets the initial weights. */
  constructor(experiment: unknown) {
    this.experiment = validateExperiment(experiment);
    const { layer, init, input } = this.experiment;
    this.weightShape = [layer.outChannels, layer.inChannels, layer.kernelSize[0], layer.kernelSize[1]];
    this.initial =
      init.kind === 'seed'
        ? seededConvWeights(init.seed, this.weightShape, layer.bias)
        : {
            weight: Float32Array.from(init.weight.data),
            bias: init.bias === null ? null : Float32Array.from(init.bias),
          };
    this.weight = Float32Array.from(this.initial.weight);
    this.bias = this.initial.bias === null ? null : Float32Array.from(this.initial.bias);
    this.weightGrad = new Float32Array(this.weight.length);
    this.biasGrad = this.bias === null ? null : new Float32Array(this.bias.length);
    this.bestWeight = Float32Array.from(this.weight);
    this.bestBias = this.bias === null ? null : Float32Array.from(this.bias);
    this.input = imageTensor(input);
    this.target = computeTarget(this.experiment);
    this.watch = new DivergenceWatch(zeroOutputLoss(this.target, this.experiment.loss));
    this.lossGradient = new Float32Array(this.target.length);
    this.weightParam = Tensor.internal(this.weight, this.weightShape, true);
    this.biasParam = this.bias === null ? null : Tensor.internal(this.bias, [this.bias.length], true);
    this.optimizer = this.makeOptimizer();
  }

  get epoch(): number {
    return this.lossHistory.length;
  }

  /** Back to the initial weights, epoch 0, fresh optimiser state. */
  reset(): void {
    this.weight.set(this.initial.weight);
    if (this.bias !== null && this.initial.bias !== null) this.bias.set(this.initial.bias);
    this.weightGrad.fill(0);
    this.biasGrad?.fill(0);
    this.lossHistory.length = 0;
    this.divergence = null;
    this.best = { epoch: 0, loss: Number.POSITIVE_INFINITY };
    this.watch.reset();
    this.optimizer = this.makeOptimizer();
  }

  /**
   * One epoch: loss and gradients at the current weights, then the update. A non-finite loss,
   * non-finite weights or a loss growing away (divergence.ts) end training and put back the
   * weights with the lowest loss so far.
   */
  step(): EpochOutcome {
    if (this.divergence !== null) return { kind: 'diverged', epoch: this.epoch, reason: this.divergence };
    const epoch = this.epoch + 1;
    const { layer, loss: lossKind } = this.experiment;

    this.optimizer.zeroGrad();
    // A true convolution (layer.flip) slides the kernel rotated by 180 degrees; the flip is an op, so
    // its gradient flows back to the parameter itself.
    const prediction = convLayer(this.input, this.weightParam, this.biasParam, layer);

    // The loss and its gradient dL/dY (loss.ts), which seeds backward through conv2d; summed in float64
    // and rounded once to float32.
    const predicted = prediction.data;
    const loss = Math.fround(squaredLoss(lossKind, predicted, this.target, this.lossGradient));
    if (!Number.isFinite(loss)) {
      // Before any update the learning rate is not to blame: the data overflow float32.
      if (this.epoch === 0) return this.diverge(epoch, this.overflowReason(loss, predicted));
      return this.diverge(epoch, `loss became ${loss} at epoch ${epoch}: ${this.remedy()}`);
    }
    if (loss < this.best.loss) {
      this.best = { epoch, loss };
      this.bestWeight.set(this.weight);
      if (this.bias !== null && this.bestBias !== null) this.bestBias.set(this.bias);
    }
    const growing = this.watch.observe(epoch, loss);
    if (growing !== null) {
      this.lossHistory.push(loss);
      return this.diverge(epoch, `${growing}: ${this.remedy()}`);
    }
    prediction.backward(Tensor.internal(this.lossGradient, prediction.shape, false));

    this.weightGrad.set(this.weightParam.grad?.data ?? new Float32Array(this.weight.length));
    if (this.biasGrad !== null)
      this.biasGrad.set(this.biasParam?.grad?.data ?? new Float32Array(this.biasGrad.length));

    this.optimizer.step();
    this.lossHistory.push(loss);

    const bad = firstNonFinite(this.weight) ?? (this.bias === null ? null : firstNonFinite(this.bias));
    if (bad !== null) return this.diverge(epoch, `weights became ${bad} at epoch ${epoch}: ${this.remedy()}`);
    return { kind: 'trained', epoch, loss };
  }

  /** Ŷ: the layer's output at the current weights, without a gradient (the same forward pass as an epoch). */
  predict(): { channels: number; height: number; width: number; data: Float32Array } {
    const { input, layer } = this.experiment;
    return computeFeatureMap(input, this.weight, this.weightShape, this.bias, layer);
  }

  /** The target the layer is learning, [out, H_out, W_out] flat. */
  targetValues(): Float32Array {
    return Float32Array.from(this.target);
  }

  /** The core's torch.optim equivalent over the parameters, with fresh state. */
  private makeOptimizer(): Optimizer {
    const params = this.biasParam === null ? [this.weightParam] : [this.weightParam, this.biasParam];
    const config = this.experiment.optimizer;
    if (config.kind === 'adam')
      return new Adam(params, { lr: config.lr, ...(config.betas ? { betas: config.betas } : {}) });
    return new SGD(params, {
      lr: config.lr,
      momentum: config.momentum ?? 0,
      nesterov: config.nesterov ?? false,
    });
  }

  /** What to change, and which weights the trainer kept. */
  private remedy(): string {
    const kept =
      this.best.epoch === 0
        ? ''
        : `; kept the weights of the lowest loss, ${Number(this.best.loss.toPrecision(4))} at epoch ${this.best.epoch}`;
    return `learning rate ${this.experiment.optimizer.lr} is too high${kept}`;
  }

  /** Why the very first loss is not finite: the input (times the initial weights) or the target overflow. */
  private overflowReason(loss: number, predicted: Float32Array): string {
    const largest = (values: ArrayLike<number>) => {
      let max = 0;
      for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
      return Number(max.toPrecision(3));
    };
    const start = `loss is ${loss} at epoch 1, before any update`;
    const inputMax = largest(this.experiment.input.data);
    if (firstNonFinite(predicted) !== null) {
      return `${start}: the input (values up to ${inputMax}) times the initial weights (up to ${largest(this.weight)}) overflows float32; scale the input down`;
    }
    // A true kernel's target is the input passed through it: the input is what to scale.
    const targetMax = largest(this.target);
    if (this.experiment.target.kind === 'output' && targetMax >= largest(predicted)) {
      return `${start}: the target (values up to ${targetMax}) is too large for float32 arithmetic; scale it down`;
    }
    return `${start}: the input (values up to ${inputMax}) is too large for float32 arithmetic; scale it down`;
  }

  private diverge(epoch: number, reason: string): EpochOutcome {
    // Back to the weights of the lowest loss (the initial ones when no loss was finite).
    this.weight.set(this.bestWeight);
    if (this.bias !== null && this.bestBias !== null) this.bias.set(this.bestBias);
    this.divergence = reason;
    return { kind: 'diverged', epoch, reason };
  }
}

/** The loss of an all-zero output: the target's own size in the loss's units. */
const zeroOutputLoss = (target: Float32Array, kind: Experiment['loss']): number =>
  squaredLoss(kind, new Float32Array(target.length), target);

function firstNonFinite(values: Float32Array): number | null {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return values[i];
  return null;
}

/** Y: the true kernel applied with the layer's geometry, or the drawn output as given. */
function computeTarget(experiment: Experiment): Float32Array {
  const { target, input, layer } = experiment;
  if (target.kind === 'output') return Float32Array.from(target.output.data);
  const kernel: Kernel = target.kernel;
  const bias = target.bias === null ? null : Float32Array.from(target.bias);
  return computeFeatureMap(input, Float32Array.from(kernel.data), kernel.shape, bias, layer).data;
}
