import { flatten } from '../ops/layout.ts';
import { relu, sigmoid } from '../ops/unary.ts';
import type { Tensor } from '../tensor.ts';
import { Module } from './module.ts';

// Layers without parameters, so that a network reads as one nn.Sequential (as d2l's LeNet does).

/** 1 / (1 + exp(-x)) elementwise, as `torch.nn.Sigmoid`. */
export class Sigmoid extends Module {
  forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}

/** max(x, 0) elementwise, as `torch.nn.ReLU`. */
export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return relu(input);
  }
}

/** Merges dimensions startDim..endDim, as `torch.nn.Flatten` (default 1..-1: keeps the batch). */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim = 1, endDim = -1) {
    super();
    for (const [field, value] of [
      ['startDim', startDim],
      ['endDim', endDim],
    ] as const) {
      if (!Number.isInteger(value)) throw new Error(`Flatten: ${field} must be an integer, got ${value}`);
    }
    this.startDim = startDim;
    this.endDim = endDim;
  }

  forward(input: Tensor): Tensor {
    return flatten(input, this.startDim, this.endDim);
  }
}
