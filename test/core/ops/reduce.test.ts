import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor, type Tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';
import { expectTensorClose, naiveSum } from './naive.ts';

const gen = new Generator().manualSeed(3);
const r = (shape: number[]): Tensor => randn(shape, { generator: gen });

const dimCases: Array<[number[], number | number[] | undefined, boolean]> = [
  [[2, 3, 4], undefined, false],
  [[2, 3, 4], 0, false],
  [[2, 3, 4], 1, true],
  [[2, 3, 4], -1, false],
  [[2, 3, 4], [0, 2], false],
  [[2, 3, 4], [-1, 0], true],
  [[5], 0, true],
  [[], undefined, false],
  [[], 0, false],
];

const allDims = (shape: number[]): number[] => shape.map((_, d) => d);
const asList = (shape: number[], dim: number | number[] | undefined): number[] =>
  dim === undefined ? allDims(shape) : typeof dim === 'number' ? (shape.length === 0 ? [] : [dim]) : dim;

describe.each(dimCases)('sum and mean shape=[%s] dim=%s keepdim=%s', (shape, dim, keepdim) => {
  it('sum matches a naive sum', () => {
    const x = r(shape);
    expectTensorClose(x.sum(dim, keepdim), naiveSum(x, asList(shape, dim), keepdim));
  });

  it('mean is the naive sum over the count', () => {
    const x = r(shape);
    const s = naiveSum(x, asList(shape, dim), keepdim);
    const n = x.data.length / Math.max(s.data.length, 1);
    expectTensorClose(
      x.mean(dim, keepdim),
      tensor(
        s.data.map((v) => v / n),
        { shape: s.shape },
      ),
    );
  });

  it('gradcheck of sum and mean', () => {
    gradcheck((t) => t.sum(dim, keepdim), [r(shape)]);
    gradcheck((t) => t.mean(dim, keepdim), [r(shape)]);
  });
});

describe('reductions to a scalar', () => {
  it('give shape [] that broadcasts like any other tensor', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(x.sum().shape).toEqual([]);
    expect(x.sum().item()).toBe(10);
    expect(x.mean().item()).toBe(2.5);
    expect(x.sub(x.mean()).toArray()).toEqual([
      [-1.5, -0.5],
      [0.5, 1.5],
    ]);
  });

  it('an empty list of dims reduces everything, as PyTorch 1.13', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).sum([]).shape,
    ).toEqual([]);
  });

  it('the mean of nothing is NaN and the sum 0', () => {
    expect(
      tensor(new Float32Array(0), { shape: [2, 0] })
        .mean()
        .item(),
    ).toBeNaN();
    expect(
      tensor(new Float32Array(0), { shape: [2, 0] })
        .sum(1)
        .toArray(),
    ).toEqual([0, 0]);
  });

  it('throws when a dim is out of range or repeated', () => {
    expect(() => r([2, 3]).sum(2)).toThrow('sum: dimension 2 out of range for a 2-d tensor');
    expect(() => r([2, 3]).mean(-3)).toThrow('mean: dimension -3 out of range for a 2-d tensor');
    expect(() => r([2, 3]).sum([0, -2])).toThrow('sum: dimension -2 appears twice in [0, -2]');
    expect(() => r([2, 3]).sum(0.5)).toThrow('sum: dimension 0.5 out of range for a 2-d tensor');
  });
});

describe('max', () => {
  it('over everything gives the largest value as shape []', () => {
    const x = tensor([
      [1, 7, -3],
      [4, 2, 6],
    ]);
    expect(x.max().shape).toEqual([]);
    expect(x.max().item()).toBe(7);
  });

  it('along a dim matches a naive maximum, with keepdim and negative dims', () => {
    const x = r([3, 4, 2]);
    for (const [dim, keepdim] of [
      [0, false],
      [1, true],
      [-1, false],
    ] as const) {
      const y = x.max(dim, keepdim);
      const d = dim < 0 ? dim + 3 : dim;
      const keptShape = x.shape.map((s, k) => (k === d ? 1 : s));
      const want = new Float32Array(keptShape.reduce((a, b) => a * b, 1)).fill(-Infinity);
      x.data.forEach((v, i) => {
        const idx = [Math.floor(i / 8), Math.floor(i / 2) % 4, i % 2];
        idx[d] = 0;
        const o = (idx[0] * keptShape[1] + idx[1]) * keptShape[2] + idx[2];
        want[o] = Math.max(want[o], v);
      });
      expectTensorClose(y, tensor(want, { shape: keepdim ? keptShape : x.shape.filter((_, k) => k !== d) }));
      gradcheck((t) => t.max(dim, keepdim), [x]);
    }
  });

  // Reference values printed by PyTorch 1.13: x.max().backward() and x.max(1).values.sum().backward()
  // on [1, 3, 3, 2], and the same with NaNs at positions 1 and 3.
  it('full reduction splits the gradient evenly among ties (PyTorch evenly_distribute_backward)', () => {
    const x = tensor([1, 3, 3, 2], { requiresGrad: true });
    x.max().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0.5, 0.5, 0]);
  });

  it('reduction along a dim sends the gradient to the first maximum', () => {
    const x = tensor([[1, 3, 3, 2]], { requiresGrad: true });
    x.max(1).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 1, 0, 0]);
  });

  it('NaN wins, as in PyTorch', () => {
    const full = tensor([1, NaN, 3, NaN], { requiresGrad: true });
    const y = full.max();
    expect(y.item()).toBeNaN();
    y.backward();
    expect(Array.from(full.grad!.data)).toEqual([0, 0.5, 0, 0.5]);
    const row = tensor([[1, NaN, 3, NaN]], { requiresGrad: true });
    const z = row.max(1);
    expect(z.data[0]).toBeNaN();
    z.sum().backward();
    expect(Array.from(row.grad!.data)).toEqual([0, 1, 0, 0]);
  });

  it('of a 0-d tensor is itself', () => {
    expect(tensor(5).max().item()).toBe(5);
    expect(tensor(5).max(0).shape).toEqual([]);
  });

  it('throws when the tensor is empty, the dim is out of range or not a number', () => {
    expect(() => tensor([]).max()).toThrow('max: cannot reduce an empty tensor of shape [0]');
    expect(() => tensor(new Float32Array(0), { shape: [2, 0] }).max(1)).toThrow(
      'max: cannot reduce an empty tensor of shape [2, 0]',
    );
    expect(() => r([2, 3]).max(2)).toThrow('max: dimension 2 out of range for a 2-d tensor');
    expect(() => r([2, 3]).max([0] as unknown as number)).toThrow(
      'max: dim must be a single number, got [0]',
    );
  });
});
