// The numbers of Dive into Deep Learning, ch. 7 "Convolutional Neural Networks" (sections 7.2, 7.3,
// 7.4, 7.5), each also derived here from the definition rather than typed in from our own output.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import { avgPool2d, conv2d, corr2d, maxPool2d } from '../../../core/src/conv/index.ts';
import { assertClose, seededValues } from './naive.ts';

const matrix = (rows: number[][]) =>
  Tensor.internal(Float32Array.from(rows.flat()), [rows.length, rows[0].length], false);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** 0, 1, ..., 8 as a 3x3 matrix, the book's X. */
const X09 = () => matrix([range(3), range(3).map((i) => i + 3), range(3).map((i) => i + 6)]);

/** corr2d by its definition: Y[i][j] = sum over a, b of X[i + a][j + b] * K[a][b]. */
function definitionCorr2d(X: number[][], K: number[][]): number[][] {
  const h = K.length;
  const w = K[0].length;
  return range(X.length - h + 1).map((i) =>
    range(X[0].length - w + 1).map((j) =>
      range(h).reduce((s, a) => s + range(w).reduce((t, b) => t + X[i + a][j + b] * K[a][b], 0), 0),
    ),
  );
}

/** Pooling by its definition on a 2-D array with stride 1: `reduce` over every window. */
function definitionPool(X: number[][], size: number, reduce: (values: number[]) => number): number[][] {
  return range(X.length - size + 1).map((i) =>
    range(X[0].length - size + 1).map((j) =>
      reduce(range(size).flatMap((a) => range(size).map((b) => X[i + a][j + b]))),
    ),
  );
}

describe('textbook examples (D2L ch. 7)', () => {
  it('7.2.1: corr2d(0..8 as 3x3, [[0, 1], [2, 3]]) = [[19, 25], [37, 43]]', () => {
    const X = X09().toArray() as number[][];
    const K = [
      [0, 1],
      [2, 3],
    ];
    const want = definitionCorr2d(X, K);
    expect(want).toEqual([
      [19, 25],
      [37, 43],
    ]); // the book's printed result agrees with the definition
    expect(corr2d(X09(), matrix(K)).toArray()).toEqual(want);
  });

  it('7.2.3: the 6x8 edge detector K = [[1, -1]] gives 1 at the white-to-black edge, -1 at black-to-white', () => {
    const X = range(6).map(() => range(8).map((j) => (j >= 2 && j < 6 ? 0 : 1)));
    const Y = corr2d(matrix(X), matrix([[1, -1]])).toArray() as number[][];
    expect(Y).toEqual(definitionCorr2d(X, [[1, -1]]));
    for (const row of Y) expect(row).toEqual([0, 1, 0, 0, 0, -1, 0]);
  });

  it('7.2.3: the same detector on the transposed image finds no edges (all zeros)', () => {
    const X = range(6).map(() => range(8).map((j) => (j >= 2 && j < 6 ? 0 : 1)));
    const Xt = range(8).map((i) => range(6).map((j) => X[j][i]));
    const Y = corr2d(matrix(Xt), matrix([[1, -1]])).toArray() as number[][];
    expect(Y.flat().every((v) => v === 0)).toBe(true);
    expect(Y).toHaveLength(8);
    expect(Y[0]).toHaveLength(5);
  });

  it('7.5.1: max-pooling 0..8 (3x3) with a 2x2 window and stride 1 gives [[4, 5], [7, 8]]', () => {
    const X = X09().toArray() as number[][];
    const want = definitionPool(X, 2, (v) => Math.max(...v));
    expect(want).toEqual([
      [4, 5],
      [7, 8],
    ]);
    const Y = maxPool2d(Tensor.internal(X09().data, [1, 1, 3, 3], false), 2, { stride: 1 });
    expect(Y.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(Y.data)).toEqual(want.flat());
  });

  it('7.5.1: average-pooling the same X gives [[2, 3], [5, 6]]', () => {
    const X = X09().toArray() as number[][];
    const want = definitionPool(X, 2, (v) => v.reduce((a, b) => a + b) / v.length);
    expect(want).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(
      Array.from(avgPool2d(Tensor.internal(X09().data, [1, 3, 3], false), 2, { stride: 1 }).data),
    ).toEqual(want.flat());
  });

  it('7.4.3: a 1x1 convolution equals a matrix product over channels (3 in, 2 out, 3x3 image)', () => {
    const x = seededValues(3 * 3 * 3, 1);
    const k = seededValues(2 * 3, 2);
    const Y = conv2d(Tensor.internal(x, [3, 3, 3], false), Tensor.internal(k, [2, 3, 1, 1], false));
    expect(Y.shape).toEqual([2, 3, 3]);
    // Y[o, p] = sum over c of K[o, c] * X[c, p], with X reshaped to [channels, pixels]
    const want = new Float64Array(2 * 9);
    for (let o = 0; o < 2; o++)
      for (let p = 0; p < 9; p++) for (let c = 0; c < 3; c++) want[o * 9 + p] += k[o * 3 + c] * x[c * 9 + p];
    assertClose(Y.data, want, '1x1 convolution', 1e-6, 1e-6);
  });

  it('7.3: output shapes of the padding and stride examples on an 8x8 input', () => {
    const zeros = (shape: number[]) =>
      Tensor.internal(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, false);
    const x = zeros([1, 1, 8, 8]);
    expect(conv2d(x, zeros([1, 1, 3, 3]), null, { padding: 1 }).shape).toEqual([1, 1, 8, 8]);
    expect(conv2d(x, zeros([1, 1, 5, 3]), null, { padding: [2, 1] }).shape).toEqual([1, 1, 8, 8]);
    expect(conv2d(x, zeros([1, 1, 3, 3]), null, { padding: 1, stride: 2 }).shape).toEqual([1, 1, 4, 4]);
    expect(conv2d(x, zeros([1, 1, 3, 5]), null, { padding: [0, 1], stride: [3, 4] }).shape).toEqual([
      1, 1, 2, 2,
    ]);
  });
});
