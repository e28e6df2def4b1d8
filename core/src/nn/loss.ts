import type { Tensor } from '../tensor.ts';
import { Module } from './module.ts';

export type Reduction = 'mean' | 'sum' | 'none';

function readReduction(op: string, value: unknown): Reduction {
  const reduction = value ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction)}`);
  }
  return reduction;
}

/**
 * Squared error (input - target)^2, averaged (default), summed or kept per element, as
 * `torch.nn.functional.mse_loss`. Shapes broadcast (PyTorch warns and does the same).
 */
export function mseLoss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  const reduction = readReduction('mseLoss', options.reduction);
  const squared = input.sub(target).pow(2);
  if (reduction === 'none') return squared;
  return reduction === 'sum' ? squared.sum() : squared.mean();
}

/** `mseLoss` as a module, as `torch.nn.MSELoss`. */
export class MSELoss extends Module {
  readonly reduction: Reduction;

  constructor(options: { reduction?: Reduction } = {}) {
    super();
    this.reduction = readReduction('MSELoss', options.reduction);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}
