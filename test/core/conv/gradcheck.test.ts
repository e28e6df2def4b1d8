// Float64 finite-difference checks (test/core/helpers/gradcheck.ts) of every conv, pooling and
// padding gradient, on small shapes so they stay fast.
import { describe, it } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import {
  avgPool2d,
  conv2d,
  corr2d,
  maxPool2d,
  pad,
  type Conv2dOptions,
} from '../../../core/src/conv/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';
import { seededValues } from './naive.ts';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const random = (shape: number[], seed: number) =>
  Tensor.internal(seededValues(size(shape), seed), shape, false);
/**
 * Distinct values 0.05 apart in a shuffled order, so that no max-pooling window has two values closer
 * than the finite-difference step (a tie would make the maximum non-differentiable there).
 */
function distinct(shape: number[], seed: number): Tensor {
  const n = size(shape);
  const order = Array.from({ length: n }, (_, i) => i);
  const r = seededValues(n, seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(((r[i] + 1) / 2) * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return Tensor.internal(
    Float32Array.from(order, (v) => (v - n / 2) * 0.05),
    shape,
    false,
  );
}

describe('gradcheck conv2d', () => {
  const configs: Array<[string, number[], number[], boolean, Conv2dOptions]> = [
    ['x=[2,2,5,5] w=[3,2,3,3] bias s=1 p=1', [2, 2, 5, 5], [3, 2, 3, 3], true, { padding: 1 }],
    [
      'x=[1,4,6,7] w=[4,2,2,3] bias groups=2 s=[2,1] d=[1,2] p=[1,2]',
      [1, 4, 6, 7],
      [4, 2, 2, 3],
      true,
      { groups: 2, stride: [2, 1], dilation: [1, 2], padding: [1, 2] },
    ],
    [
      "x=[1,2,5,6] w=[2,2,2,4] no bias p='same' d=2",
      [1, 2, 5, 6],
      [2, 2, 2, 4],
      false,
      { padding: 'same', dilation: 2 },
    ],
    [
      "x=[3,5,5] (unbatched) w=[2,3,3,2] bias p='valid' s=2",
      [3, 5, 5],
      [2, 3, 3, 2],
      true,
      { padding: 'valid', stride: 2 },
    ],
    ['x=[1,6,5,5] w=[8,6,2,2] bias (GEMM path) p=1', [1, 6, 5, 5], [8, 6, 2, 2], true, { padding: 1 }],
  ];
  it.each(configs)('%s', (_name, xShape, wShape, withBias, options) => {
    const inputs = [random(xShape, 1), random(wShape, 2)];
    if (withBias) inputs.push(random([wShape[0]], 3));
    gradcheck((x, w, b) => conv2d(x, w, b ?? null, options), inputs);
  });
});

describe('gradcheck corr2d', () => {
  it('X=[5,6] K=[2,3]', () => gradcheck((X, K) => corr2d(X, K), [random([5, 6], 4), random([2, 3], 5)]));
});

describe('gradcheck pooling', () => {
  it('maxPool2d x=[2,2,6,6] k=2 (stride defaults to k)', () =>
    gradcheck((x) => maxPool2d(x, 2), [distinct([2, 2, 6, 6], 6)]));
  it('maxPool2d x=[1,2,7,8] k=3 s=2 p=1 d=2 ceilMode', () =>
    gradcheck(
      (x) => maxPool2d(x, 3, { stride: 2, padding: 1, dilation: 2, ceilMode: true }),
      [distinct([1, 2, 7, 8], 7)],
    ));
  it('maxPool2d x=[2,5,5] (unbatched) k=[2,3] s=1', () =>
    gradcheck((x) => maxPool2d(x, [2, 3], { stride: 1 }), [distinct([2, 5, 5], 8)]));
  it('avgPool2d x=[2,2,6,6] k=2', () => gradcheck((x) => avgPool2d(x, 2), [random([2, 2, 6, 6], 9)]));
  it('avgPool2d x=[1,2,7,7] k=3 s=2 p=1 countIncludePad=false ceilMode', () =>
    gradcheck(
      (x) => avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }),
      [random([1, 2, 7, 7], 10)],
    ));
  it('avgPool2d x=[1,1,6,7] k=[3,2] s=[2,3] p=[1,1] countIncludePad=true', () =>
    gradcheck((x) => avgPool2d(x, [3, 2], { stride: [2, 3], padding: [1, 1] }), [random([1, 1, 6, 7], 11)]));
});

describe('gradcheck pad', () => {
  it.each(['zeros', 'reflect', 'replicate', 'circular'] as const)(
    'mode %s x=[2,1,4,5] pad=[3,1,2,3]',
    (mode) => gradcheck((x) => pad(x, [3, 1, 2, 3], mode), [random([2, 1, 4, 5], 12)]),
  );
});
