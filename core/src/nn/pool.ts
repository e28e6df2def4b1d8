import { avgPool2d, maxPool2d, type AvgPool2dOptions, type MaxPool2dOptions } from '../conv/pool.ts';
import { readPositivePair, type Pair } from '../conv/geometry.ts';
import type { Tensor } from '../tensor.ts';
import { Module } from './module.ts';

/** Max pooling as `torch.nn.MaxPool2d(kernelSize, stride = kernelSize, padding = 0, ...)`. */
export class MaxPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly options: MaxPool2dOptions;

  constructor(kernelSize: Pair, options: MaxPool2dOptions = {}) {
    super();
    this.kernelSize = readPositivePair('MaxPool2d', 'kernel size', kernelSize);
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return maxPool2d(input, this.kernelSize, this.options);
  }
}

/** Average pooling as `torch.nn.AvgPool2d(kernelSize, stride = kernelSize, padding = 0, ...)`. */
export class AvgPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly options: AvgPool2dOptions;

  constructor(kernelSize: Pair, options: AvgPool2dOptions = {}) {
    super();
    this.kernelSize = readPositivePair('AvgPool2d', 'kernel size', kernelSize);
    this.options = { ...options };
  }

  forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, this.options);
  }
}
