import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor, type NestedArray, type Tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';
import { expectTensorClose, naiveMatmul2d } from './naive.ts';

const gen = new Generator().manualSeed(9);
const r = (shape: number[]): Tensor => randn(shape, { generator: gen });

describe('matmul', () => {
  it('2-D @ 2-D is the matrix product [3, 4] @ [4, 2]', () => {
    const a = r([3, 4]);
    const b = r([4, 2]);
    const want = naiveMatmul2d(a.toArray() as number[][], b.toArray() as number[][]);
    expectTensorClose(a.matmul(b), tensor(want));
    gradcheck((x, y) => x.matmul(y), [a, b]);
  });

  it('1-D @ 1-D is a dot product with shape []', () => {
    const a = tensor([1, 2, 3]);
    const y = a.matmul(tensor([4, 5, 6]));
    expect(y.shape).toEqual([]);
    expect(y.item()).toBe(32);
    gradcheck((x, z) => x.matmul(z), [r([4]), r([4])]);
  });

  it('1-D @ 2-D treats the vector as a row and drops it: [4] @ [4, 3] -> [3]', () => {
    const a = r([4]);
    const b = r([4, 3]);
    const want = naiveMatmul2d([Array.from(a.data)], b.toArray() as number[][])[0];
    expectTensorClose(a.matmul(b), tensor(want));
    gradcheck((x, y) => x.matmul(y), [a, b]);
  });

  it('2-D @ 1-D treats the vector as a column and drops it: [3, 4] @ [4] -> [3]', () => {
    const a = r([3, 4]);
    const b = r([4]);
    const want = naiveMatmul2d(
      a.toArray() as number[][],
      Array.from(b.data).map((v) => [v]),
    ).map((row) => row[0]);
    expectTensorClose(a.matmul(b), tensor(want));
    gradcheck((x, y) => x.matmul(y), [a, b]);
  });

  it('batched with broadcasting: [2, 1, 3, 4] @ [5, 4, 2] -> [2, 5, 3, 2]', () => {
    const a = r([2, 1, 3, 4]);
    const b = r([5, 4, 2]);
    const y = a.matmul(b);
    expect(y.shape).toEqual([2, 5, 3, 2]);
    const A = a.toArray() as number[][][][];
    const B = b.toArray() as number[][][];
    const want: NestedArray = A.map((ai) => B.map((bj) => naiveMatmul2d(ai[0], bj)));
    expectTensorClose(y, tensor(want));
    gradcheck((x, z) => x.matmul(z), [a, b]);
  });

  it('batched @ 1-D and 1-D @ batched: [2, 3, 4] @ [4] -> [2, 3], [3] @ [2, 3, 4] -> [2, 4]', () => {
    expect(r([2, 3, 4]).matmul(r([4])).shape).toEqual([2, 3]);
    expect(r([3]).matmul(r([2, 3, 4])).shape).toEqual([2, 4]);
    gradcheck((x, z) => x.matmul(z), [r([2, 3, 4]), r([4])]);
    gradcheck((x, z) => x.matmul(z), [r([3]), r([2, 3, 4])]);
  });

  it('a matrix used on both sides: gradcheck of x @ x', () => {
    gradcheck((x) => x.matmul(x), [r([3, 3])]);
  });

  it('throws when inner dimensions differ, an operand is 0-d or batch dims do not broadcast', () => {
    expect(() => r([2, 3]).matmul(r([4, 5]))).toThrow(
      'matmul: [2, 3] @ [4, 5]: inner dimensions 3 and 4 differ',
    );
    expect(() => r([3]).matmul(r([4]))).toThrow('matmul: [3] @ [4]: inner dimensions 3 and 4 differ');
    expect(() => tensor(2).matmul(r([2]))).toThrow(
      'matmul: both operands must have at least one dimension, got [] @ [2]',
    );
    expect(() => r([2, 2, 3]).matmul(r([3, 3, 1]))).toThrow(
      'matmul: [2, 2, 3] @ [3, 3, 1]: batch dimensions [2] and [3] cannot be broadcast',
    );
  });
});
