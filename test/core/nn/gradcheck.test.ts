// Float64 finite-difference checks (test/core/helpers/gradcheck.ts) of every gradient LeNet adds:
// linear (input, weight, bias), flatten, softmax, logSoftmax and crossEntropy (each reduction).
import { describe, it } from 'vitest';
import {
  Generator,
  flatten,
  linear,
  logSoftmax,
  nn,
  randn,
  softmax,
  type Tensor,
} from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';

const gen = new Generator().manualSeed(5);
const normal = (shape: number[], scale = 1): Tensor => randn(shape, { generator: gen }).mul(scale).detach();

describe('gradcheck linear', () => {
  it('x=[5,7] w=[3,7] b=[3]', () => {
    gradcheck((x, w, b) => linear(x, w, b), [normal([5, 7]), normal([3, 7]), normal([3])]);
  });
  it('x=[2,3,4] w=[6,4] no bias (leading dims flattened into rows)', () => {
    gradcheck((x, w) => linear(x, w), [normal([2, 3, 4]), normal([6, 4])]);
  });
  it('x=[4] (1-D) w=[2,4] b=[2]', () => {
    gradcheck((x, w, b) => linear(x, w, b), [normal([4]), normal([2, 4]), normal([2])]);
  });
  it('nn.Linear(9, 5) on x=[3,9], through its parameters', () => {
    const layer = new nn.Linear(9, 5, { generator: gen });
    gradcheck((x, w, b) => linear(x, w, b), [normal([3, 9]), layer.weight.detach(), layer.bias!.detach()]);
  });
});

describe('gradcheck flatten', () => {
  it('x=[2,3,4,5] dims 1..-1', () =>
    gradcheck((x) => flatten(x, 1).mul(x.flatten(1)), [normal([2, 3, 4, 5])]));
});

describe('gradcheck softmax and logSoftmax', () => {
  for (const dim of [0, 1, -1]) {
    it(`softmax x=[3,4,5] dim=${dim}`, () =>
      gradcheck((x) => softmax(x, dim), [normal([3, 4, 5])], { eps: 1e-3 }));
    it(`logSoftmax x=[3,4,5] dim=${dim}`, () =>
      gradcheck((x) => logSoftmax(x, dim), [normal([3, 4, 5])], { eps: 1e-3 }));
  }
  it('softmax of logits in the hundreds, x=[2,6] dim=1', () =>
    gradcheck((x) => softmax(x, 1), [normal([2, 6], 3).add(500).detach()], { eps: 1e-2 }));
});

describe('gradcheck crossEntropy', () => {
  const target = Int32Array.from([2, 0, 3, 3, 1, 0]);
  for (const reduction of ['mean', 'sum', 'none'] as const) {
    it(`logits=[6,4] reduction=${reduction}`, () =>
      gradcheck((x) => nn.crossEntropy(x, target, { reduction }), [normal([6, 4], 2)], { eps: 1e-3 }));
  }
  it('logits=[3,5] around 1000 (the max-shifted log-softmax)', () =>
    gradcheck((x) => nn.crossEntropy(x, [4, 0, 2]), [normal([3, 5]).add(1000).detach()], { eps: 1e-1 }));
  it('after linear and sigmoid, as a LeNet head: x=[4,6] w=[3,6] b=[3]', () =>
    gradcheck(
      (x, w, b) => nn.crossEntropy(linear(x.sigmoid(), w, b), [0, 2, 1, 2]),
      [normal([4, 6]), normal([3, 6]), normal([3])],
    ));
});
