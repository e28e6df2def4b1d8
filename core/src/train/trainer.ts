// Trains one experiment with the core's autograd: each epoch is conv2d forward, the loss, backward
// through conv2d, and an optimiser update. Pure and synchronous: the worker decides when to run it.
import { flip } from '../ops/layout.ts';
import { Adam } from '../optim/adam.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { SGD } from '../optim/sgd.ts';
import { Tensor } from '../tensor.ts';
import type { Experiment, Kernel } from './experiment.ts';
import { seededConvWeights } from './init.ts';
import { computeFeatureMap, layerForward, prepareInput } from './layerForward.ts';
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
  /** Set once the loss or the weights stopped being finite; the trainer then refuses to step. */
  divergence: string | null = null;

  private readonly input: Tensor;
  private readonly target: Float32Array;
  private readonly initial: { weight: Float32Array; bias: Float32Array | null };
  private readonly previousWeight: Float32Array;
  private readonly previousBias: Float32Array | null;
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
    this.previousWeight = new Float32Array(this.weight.length);
    this.previousBias = this.bias === null ? null : new Float32Array(this.bias.length);
    this.input = prepareInput(input, layer);
    this.target = computeTarget(this.experiment);
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
    this.optimizer = this.makeOptimizer();
  }

  /**
   * One epoch: loss and gradients at the current weights, then the update. A non-finite loss or
   * non-finite weights end training and put back the last weights whose loss was finite.
   */
  step(): EpochOutcome {
    if (this.divergence !== null) return { kind: 'diverged', epoch: this.epoch, reason: this.divergence };
    const epoch = this.epoch + 1;
    const { layer, loss: lossKind, optimizer } = this.experiment;

    this.optimizer.zeroGrad();
    // A true convolution slides the kernel rotated by 180 degrees; flip is an op, so its gradient
    // flows back to the parameter itself.
    const weight = layer.flip ? flip(this.weightParam, [2, 3]) : this.weightParam;
    const prediction = layerForward(this.input, weight, this.biasParam, layer);

    // loss = scale * sum((prediction - target)^2); its gradient 2 * scale * (prediction - target) seeds
    // backward through conv2d. Summed in float64 and rounded once to float32.
    const predicted = prediction.data;
    const scale = lossKind === 'mse' ? 1 / predicted.length : 1;
    let sum = 0;
    for (let i = 0; i < predicted.length; i++) {
      const diff = predicted[i] - this.target[i];
      sum += diff * diff;
      this.lossGradient[i] = 2 * scale * diff;
    }
    const loss = Math.fround(sum * scale);
    if (!Number.isFinite(loss)) {
      return this.diverge(
        epoch,
        `loss became ${loss} at epoch ${epoch}: learning rate ${optimizer.lr} is too high`,
      );
    }
    prediction.backward(Tensor.internal(this.lossGradient, prediction.shape, false));

    this.weightGrad.set(this.weightParam.grad?.data ?? new Float32Array(this.weight.length));
    if (this.biasGrad !== null)
      this.biasGrad.set(this.biasParam?.grad?.data ?? new Float32Array(this.biasGrad.length));

    this.previousWeight.set(this.weight);
    if (this.bias !== null && this.previousBias !== null) this.previousBias.set(this.bias);
    this.optimizer.step();
    this.lossHistory.push(loss);

    const bad = firstNonFinite(this.weight) ?? (this.bias === null ? null : firstNonFinite(this.bias));
    if (bad !== null) {
      // The loss of this epoch was finite, so its weights are the last good ones.
      this.weight.set(this.previousWeight);
      if (this.bias !== null && this.previousBias !== null) this.bias.set(this.previousBias);
      this.divergence = `weights became ${bad} at epoch ${epoch}: learning rate ${optimizer.lr} is too high`;
      return { kind: 'diverged', epoch, reason: this.divergence };
    }
    return { kind: 'trained', epoch, loss };
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

  private diverge(epoch: number, reason: string): EpochOutcome {
    // The weights that produced this loss came from the previous update; the ones before it gave a
    // finite loss (or are the initial weights at epoch 1).
    if (this.epoch > 0) {
      this.weight.set(this.previousWeight);
      if (this.bias !== null && this.previousBias !== null) this.bias.set(this.previousBias);
    }
    this.divergence = reason;
    return { kind: 'diverged', epoch, reason };
  }
}

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
