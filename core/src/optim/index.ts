// torch.optim in camelCase: optimizers that update parameters in place from their gradients.
export { Optimizer } from './optimizer.ts';
export { SGD, type SGDOptions } from './sgd.ts';
export { Adam, type AdamOptions } from './adam.ts';
