// torch.nn in camelCase: modules with parameters, and the loss they train with.
export { Module, Sequential, type StateDict, type ParameterState } from './module.ts';
export { Conv2d, LazyConv2d, type Conv2dLayerOptions, type PaddingMode } from './conv.ts';
export { Linear, type LinearOptions } from './linear.ts';
export { Sigmoid, ReLU, Flatten } from './activation.ts';
export { MaxPool2d, AvgPool2d } from './pool.ts';
export {
  mseLoss,
  MSELoss,
  crossEntropy,
  CrossEntropyLoss,
  type Reduction,
  type ClassTarget,
} from './loss.ts';
export * as init from './init.ts';
