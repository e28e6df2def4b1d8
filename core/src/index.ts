// The core's public API, mirroring PyTorch in camelCase (core issue #2).
export { Tensor, type NestedArray } from './tensor.ts';
export { noGrad } from './autograd/graph.ts';
export * from './conv/index.ts';
