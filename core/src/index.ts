// The core's public API, mirroring PyTorch in camelCase, so that notebook code
// reads the same here.
export { Tensor, type NestedArray } from './tensor.ts';
export { noGrad, isGradEnabled } from './autograd/graph.ts';
export {
  tensor,
  zeros,
  ones,
  full,
  arange,
  rand,
  randn,
  type TensorOptions,
  type RandomOptions,
} from './creation.ts';
export { Generator, manualSeed, defaultGenerator } from './random/generator.ts';
export { add, sub, mul, div, type Operand } from './ops/binary.ts';
export { neg, pow, exp, log, relu, sigmoid, tanh, abs } from './ops/unary.ts';
export { sum, mean, max, type Dims } from './ops/reduce.ts';
export { reshape, transpose, permute, flip, flatten } from './ops/layout.ts';
export { matmul } from './ops/matmul.ts';
export { linear } from './ops/linear.ts';
export { softmax, logSoftmax } from './ops/softmax.ts';
export { argmax } from './ops/argmax.ts';
export * as nn from './nn/index.ts';
export * as optim from './optim/index.ts';
export { mseLoss, crossEntropy } from './nn/loss.ts';
export {
  LeNet,
  LENET_INPUT_SHAPE,
  LENET_CLASSES,
  type LeNetOptions,
  type LeNetActivation,
} from './models/lenet.ts';
export * from './conv/index.ts';
export { LIMITS, overLimit, formatCount, type Limit, type LimitName } from './limits.ts';
