import type { Conv2dOptions } from '../conv/conv2d.ts';
import { convLayer } from '../conv/convLayer.ts';
import {
  isPadMode,
  PAD_MODE_CHOICES,
  readNonNegativePair,
  readPositivePair,
  type PadMode,
  type Pair,
} from '../conv/geometry.ts';
import { uniform } from '../creation.ts';
import { defaultGenerator, Generator } from '../random/generator.ts';
import type { Tensor } from '../tensor.ts';
import { Module } from './module.ts';

/** PyTorch's name for the padding mode option; the modes themselves are conv/geometry.ts's PAD_MODES. */
export type PaddingMode = PadMode;

/** nn.Conv2d's options: the functional conv2d's (stride, padding, dilation, groups) and the layer's own. */
export interface Conv2dLayerOptions extends Conv2dOptions {
  /** Whether to learn a bias (default true). */
  bias?: boolean;
  /** How padding is filled (default zeros), as `padding_mode` in PyTorch. */
  paddingMode?: PaddingMode;
  /** Draws the initial weights; the default generator when omitted. */
  generator?: Generator;
}

/**
 * What Conv2d and LazyConv2d share: validated options, parameter creation with PyTorch's
 * initialisation, and the forward pass.
 */
abstract class ConvLayer extends Module {
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'same' | 'valid';
  readonly dilation: [number, number];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  readonly hasBias: boolean;
  private readonly generator: Generator;
  private channelsIn: number | null = null;

  protected constructor(op: string, outChannels: number, kernelSize: Pair, options: Conv2dLayerOptions) {
    super();
    if (!Number.isInteger(outChannels) || outChannels < 1) {
      throw new Error(`${op}: outChannels must be a positive integer, got ${outChannels}`);
    }
    this.outChannels = outChannels;
    this.kernelSize = readPositivePair(op, 'kernel size', kernelSize);
    this.stride = readPositivePair(op, 'stride', options.stride ?? 1);
    this.dilation = readPositivePair(op, 'dilation', options.dilation ?? 1);
    const padding = options.padding ?? 0;
    if (padding === 'same' || padding === 'valid') {
      if (padding === 'same' && (this.stride[0] !== 1 || this.stride[1] !== 1)) {
        throw new Error(
          `${op}: padding 'same' is not supported for strided convolutions (stride [${this.stride.join(', ')}])`,
        );
      }
      this.padding = padding;
    } else {
      this.padding = readNonNegativePair(op, 'padding', padding);
    }
    const groups = options.groups ?? 1;
    if (!Number.isInteger(groups) || groups < 1)
      throw new Error(`${op}: groups must be a positive integer, got ${groups}`);
    if (outChannels % groups !== 0) {
      throw new Error(`${op}: outChannels ${outChannels} is not divisible by groups ${groups}`);
    }
    this.groups = groups;
    const mode = options.paddingMode ?? 'zeros';
    if (!isPadMode(mode)) {
      throw new Error(`${op}: paddingMode must be ${PAD_MODE_CHOICES}, got ${JSON.stringify(mode)}`);
    }
    this.paddingMode = mode;
    const bias = options.bias ?? true;
    if (typeof bias !== 'boolean') throw new Error(`${op}: bias must be true or false, got ${String(bias)}`);
    this.hasBias = bias;
    const generator = options.generator ?? defaultGenerator;
    if (!(generator instanceof Generator)) throw new Error(`${op}: generator must be a Generator`);
    this.generator = generator;
    this.registerParameter('weight', null);
    if (bias) this.registerParameter('bias', null);
  }

  /** Input channels: fixed at construction for Conv2d, inferred at the first forward for LazyConv2d. */
  get inChannels(): number | null {
    return this.channelsIn;
  }

  get weight(): Tensor {
    return this.parameter('weight');
  }

  get bias(): Tensor | null {
    return this.hasBias ? this.parameter('bias') : null;
  }

  /**
   * Creates weight [out, in / groups, kH, kW] and bias [out] as PyTorch's reset_parameters does:
   * kaiming_uniform_(a = sqrt(5)) is uniform in ±1 / sqrt(fanIn), and the bias uses the same bound.
   */
  protected createParameters(op: string, inChannels: number): void {
    if (!Number.isInteger(inChannels) || inChannels < 1) {
      throw new Error(`${op}: inChannels must be a positive integer, got ${inChannels}`);
    }
    if (inChannels % this.groups !== 0) {
      throw new Error(`${op}: inChannels ${inChannels} is not divisible by groups ${this.groups}`);
    }
    const [kh, kw] = this.kernelSize;
    const fanIn = (inChannels / this.groups) * kh * kw;
    const bound = 1 / Math.sqrt(fanIn);
    this.registerParameter(
      'weight',
      uniform([this.outChannels, inChannels / this.groups, kh, kw], -bound, bound, this.generator),
    );
    if (this.hasBias)
      this.registerParameter('bias', uniform([this.outChannels], -bound, bound, this.generator));
    this.channelsIn = inChannels;
  }

  forward(input: Tensor): Tensor {
    return convLayer(input, this.weight, this.bias, {
      padding: this.padding,
      paddingMode: this.paddingMode,
      stride: this.stride,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}

/** A 2-D convolution layer, as `torch.nn.Conv2d(inChannels, outChannels, kernelSize, ...)`. */
export class Conv2d extends ConvLayer {
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: Conv2dLayerOptions = {}) {
    super('Conv2d', outChannels, kernelSize, options);
    this.createParameters('Conv2d', inChannels);
  }
}

/**
 * Conv2d whose input channels are read from the first input it sees, as `torch.nn.LazyConv2d`
 * (the notebook's `nn.LazyConv2d(1, kernel_size=(1, 2), bias=False)`). Its parameters do not exist
 * before that first call, except when a state dict is loaded, which fixes them from the weight's shape.
 */
export class LazyConv2d extends ConvLayer {
  constructor(outChannels: number, kernelSize: Pair, options: Conv2dLayerOptions = {}) {
    super('LazyConv2d', outChannels, kernelSize, options);
  }

  override forward(input: Tensor): Tensor {
    if (this.inChannels === null) {
      const nd = input.shape.length;
      if (nd !== 3 && nd !== 4) {
        throw new Error(
          `LazyConv2d: input must be 3-D (channels, height, width) or 4-D (batch, channels, height, width), got shape [${input.shape.join(', ')}]`,
        );
      }
      this.createParameters('LazyConv2d', input.shape[nd - 3]);
    }
    return super.forward(input);
  }

  override loadStateDict(state: unknown): void {
    if (this.inChannels === null && typeof state === 'object' && state !== null) {
      const weight = (state as Record<string, { shape?: unknown }>).weight;
      const shape = weight?.shape;
      if (Array.isArray(shape) && shape.length === 4 && Number.isInteger(shape[1])) {
        this.createParameters('LazyConv2d', (shape[1] as number) * this.groups);
      }
    }
    super.loadStateDict(state);
  }
}
