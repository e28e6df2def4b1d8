import { uniform } from '../creation.ts';
import { linear } from '../ops/linear.ts';
import { defaultGenerator, Generator } from '../random/generator.ts';
import type { Tensor } from '../tensor.ts';
import { Module } from './module.ts';

export interface LinearOptions {
  /** Whether to learn a bias (default true). */
  bias?: boolean;
  /** Draws the initial weights; the default generator when omitted. */
  generator?: Generator;
}

/**
 * A dense layer y = x Wᵀ + b, as `torch.nn.Linear(inFeatures, outFeatures)`: weight [out, in], bias
 * [out]. Initialised as PyTorch's reset_parameters: kaiming_uniform_(a = sqrt(5)) is uniform in
 * ±1 / sqrt(inFeatures), and the bias uses the same bound.
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly hasBias: boolean;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [field, value] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(`Linear: ${field} must be a positive integer, got ${value}`);
      }
    }
    const bias = options.bias ?? true;
    if (typeof bias !== 'boolean') throw new Error(`Linear: bias must be true or false, got ${String(bias)}`);
    const generator = options.generator ?? defaultGenerator;
    if (!(generator instanceof Generator)) throw new Error('Linear: generator must be a Generator');
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.hasBias = bias;
    const bound = 1 / Math.sqrt(inFeatures);
    this.registerParameter('weight', uniform([outFeatures, inFeatures], -bound, bound, generator));
    if (bias) this.registerParameter('bias', uniform([outFeatures], -bound, bound, generator));
  }

  get weight(): Tensor {
    return this.parameter('weight');
  }

  get bias(): Tensor | null {
    return this.hasBias ? this.parameter('bias') : null;
  }

  forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }
}
