import { describe, expect, it } from 'vitest';
import { Generator, arange, randn, tensor, type Tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';
import { expectTensorClose, naivePermute, ravel, unravel } from './naive.ts';

const gen = new Generator().manualSeed(5);
const r = (shape: number[]): Tensor => randn(shape, { generator: gen });

describe('reshape', () => {
  it('keeps row-major order and infers one -1', () => {
    const x = arange(6);
    expect(x.reshape([2, 3]).toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(x.reshape([-1, 2]).shape).toEqual([3, 2]);
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expect(tensor([7]).reshape([]).shape).toEqual([]);
    expect(tensor(7).reshape([1, 1]).toArray()).toEqual([[7]]);
  });

  it('gradcheck [2, 3] -> [3, 2] and [2, 3, 2] -> [-1]', () => {
    gradcheck((t) => t.reshape([3, 2]), [r([2, 3])]);
    gradcheck((t) => t.reshape([-1]), [r([2, 3, 2])]);
  });

  it('throws when the sizes do not match, two dims are -1 or a size is invalid', () => {
    expect(() => r([2, 3]).reshape([4])).toThrow('reshape: cannot reshape [2, 3] (6 values) into [4]');
    expect(() => r([2, 3]).reshape([-1, 4])).toThrow(
      'reshape: cannot reshape [2, 3] (6 values) into [-1, 4]',
    );
    expect(() => r([2, 3]).reshape([-1, -1])).toThrow(
      'reshape: cannot reshape [2, 3] (6 values) into [-1, -1]: only one dimension can be -1',
    );
    expect(() => r([2, 3]).reshape([2, 1.5])).toThrow(
      'reshape: cannot reshape [2, 3] (6 values) into [2, 1.5]: 1.5 is not a valid size',
    );
    expect(() => r([2, 3]).reshape(6 as unknown as number[])).toThrow(
      'reshape: shape must be a list of integers, got 6',
    );
  });
});

describe('transpose and permute', () => {
  const cases: Array<[number[], number[]]> = [
    [
      [2, 3],
      [1, 0],
    ],
    [
      [2, 3, 4],
      [2, 0, 1],
    ],
    [
      [2, 3, 4],
      [0, 2, 1],
    ],
    [
      [2, 1, 3, 2],
      [3, 1, 0, 2],
    ],
  ];
  for (const [shape, perm] of cases) {
    it(`permute shape=[${shape}] dims=[${perm}] matches a naive permutation and passes gradcheck`, () => {
      const x = r(shape);
      expectTensorClose(x.permute(perm), naivePermute(x, perm));
      expectTensorClose(x.permute(...perm), naivePermute(x, perm));
      gradcheck((t) => t.permute(perm), [x]);
    });
  }

  it('transpose swaps two dims, negative dims allowed', () => {
    const x = r([2, 3, 4]);
    expectTensorClose(x.transpose(0, 2), naivePermute(x, [2, 1, 0]));
    expectTensorClose(x.transpose(-1, -2), naivePermute(x, [0, 2, 1]));
    expectTensorClose(x.transpose(1, 1), x);
    gradcheck((t) => t.transpose(-1, 0), [x]);
  });

  it('throws when a dim is out of range, missing or repeated', () => {
    expect(() => r([2, 3]).transpose(0, 3)).toThrow('transpose: dimension 3 out of range for a 2-d tensor');
    expect(() => r([2, 3]).permute([0])).toThrow('permute: [0] lists 1 dimensions for a 2-d tensor');
    expect(() => r([2, 3]).permute([0, -2])).toThrow('permute: [0, -2] repeats a dimension');
    expect(() => r([2, 3]).permute([0, 2])).toThrow('permute: dimension 2 out of range for a 2-d tensor');
  });
});

describe('flip', () => {
  const cases: Array<[number[], number[]]> = [
    [[5], [0]],
    [[2, 3], [1]],
    [
      [2, 3],
      [0, 1],
    ],
    [
      [2, 3, 4],
      [-1, 0],
    ],
  ];
  for (const [shape, dims] of cases) {
    it(`shape=[${shape}] dims=[${dims}] reverses those dims and passes gradcheck`, () => {
      const x = r(shape);
      const flipped = new Set(dims.map((d) => (d < 0 ? d + shape.length : d)));
      const want = new Float32Array(x.data.length);
      for (let i = 0; i < want.length; i++) {
        const idx = unravel(i, shape).map((v, d) => (flipped.has(d) ? shape[d] - 1 - v : v));
        want[i] = x.data[ravel(idx, shape)];
      }
      expectTensorClose(x.flip(dims), tensor(want, { shape }));
      gradcheck((t) => t.flip(dims), [x]);
    });
  }

  it('flips a kernel for true convolution: [[1, 2], [3, 4]] -> [[4, 3], [2, 1]]', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ])
        .flip([0, 1])
        .toArray(),
    ).toEqual([
      [4, 3],
      [2, 1],
    ]);
    expect(tensor([1, 2, 3]).flip(0).toArray()).toEqual([3, 2, 1]);
  });

  it('throws when a dim is out of range or repeated', () => {
    expect(() => r([2, 3]).flip([2])).toThrow('flip: dimension 2 out of range for a 2-d tensor');
    expect(() => r([2, 3]).flip([1, -1])).toThrow('flip: dimension -1 appears twice in [1, -1]');
  });
});
