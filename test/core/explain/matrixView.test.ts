import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  convolutionMatrix,
  patchMatrix,
  inputGradientByTranspose,
  matrixVector,
  MAX_MATRIX_ENTRIES,
  transposedMatrixVector,
} from '../../../core/src/explain/matrixView.ts';
import { fromRows } from '../../../core/src/explain/dense.ts';
import { coreConv, expectClose, leaf, randomGrid } from './reference.ts';

const geometries = fc.record({
  h: fc.integer({ min: 3, max: 6 }),
  w: fc.integer({ min: 3, max: 6 }),
  kh: fc.integer({ min: 1, max: 3 }),
  kw: fc.integer({ min: 1, max: 3 }),
  p: fc.integer({ min: 0, max: 2 }),
  s: fc.integer({ min: 1, max: 2 }),
  d: fc.integer({ min: 1, max: 2 }),
  seed: fc.integer({ min: 1, max: 10_000 }),
  mode: fc.constantFrom('zeros' as const, 'reflect' as const, 'replicate' as const, 'circular' as const),
});

type Geometry = typeof geometries extends fc.Arbitrary<infer G> ? G : never;
interface FittingCase extends Geometry {
  options: { padding: number; stride: number; dilation: number };
  x: ReturnType<typeof randomGrid>;
  k: ReturnType<typeof randomGrid>;
  run: ReturnType<typeof coreConv>;
}

/**
 * Runs `check` on 60 random geometries and pad modes, with the core's convolution of a random input
 * and kernel (collecting gradients when `withGrad`). A kernel that does not fit its input is skipped
 * (the explain side throws then too, tested below), but most generated geometries must fit.
 */
function onFittingGeometries(withGrad: boolean, check: (c: FittingCase) => void): void {
  let skipped = 0;
  fc.assert(
    fc.property(geometries, (g) => {
      const options = { padding: Math.min(g.p, g.h - 1, g.w - 1), stride: g.s, dilation: g.d };
      const x = randomGrid(g.h, g.w, g.seed);
      const k = randomGrid(g.kh, g.kw, g.seed + 1);
      let run;
      try {
        run = coreConv(x, k, options, g.mode, withGrad);
      } catch {
        skipped++;
        return;
      }
      check({ ...g, options, x, k, run });
    }),
    { numRuns: 60 },
  );
  expect(skipped, 'most generated geometries fit').toBeLessThan(20);
}

describe('matrix view', () => {
  it('x=[3,3] k=[2,2]: im2col rows are the windows of the textbook example', () => {
    const cols = patchMatrix(
      fromRows([
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ]),
      2,
      2,
    );
    expect(cols.shape).toEqual([4, 4]);
    expect(Array.from(cols.data)).toEqual([0, 1, 3, 4, 1, 2, 4, 5, 3, 4, 6, 7, 4, 5, 7, 8]);
  });

  it('im2col · vec(K) and W · vec(X) both equal the core conv2d (random geometry and pad mode)', () => {
    onFittingGeometries(false, ({ h, w, kh, kw, options, mode, x, k, run }) => {
      const cols = patchMatrix(x, kh, kw, options, mode);
      expectClose(matrixVector(cols, k.data), run.y.data, 1e-4, 'im2col · K');
      const big = convolutionMatrix(h, w, k, options, mode);
      expect(big.shape).toEqual([run.y.data.length, h * w]);
      expectClose(matrixVector(big, x.data), run.y.data, 1e-4, 'W · X');
    });
  });

  it("Wᵀ · vec(dY) equals autograd's input gradient (random geometry and pad mode)", () => {
    onFittingGeometries(true, ({ h, w, options, mode, seed, k, run }) => {
      const [, , oh, ow] = run.y.shape;
      const dy = randomGrid(oh, ow, seed + 2);
      run.y.backward(leaf(dy.data, run.y.shape));
      const byTranspose = inputGradientByTranspose(h, w, k, dy, options, mode);
      expect(byTranspose.shape).toEqual([h, w]);
      expectClose(byTranspose.data, run.x.grad!.data, 1e-4, 'dL/dX');
    });
  });

  it('x=[3,3] k=[2,2] p=0: W is the doubly block Toeplitz matrix (each row the kernel shifted)', () => {
    const W = convolutionMatrix(
      3,
      3,
      fromRows([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(Array.from(W.data)).toEqual([
      1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 1, 2, 0, 3,
      4,
    ]);
  });

  it('transposedMatrixVector is the transpose of matrixVector: <Wx, y> = <x, Wᵀy>', () => {
    const W = { shape: [3, 4], data: randomGrid(3, 4, 5).data };
    const x = randomGrid(1, 4, 6).data;
    const y = randomGrid(1, 3, 7).data;
    const left = matrixVector(W, x).reduce((s, v, i) => s + v * y[i], 0);
    const right = transposedMatrixVector(W, y).reduce((s, v, i) => s + v * x[i], 0);
    expect(left).toBeCloseTo(right, 12);
  });

  it('throws when the matrix would be too big for the view', () => {
    expect(() => convolutionMatrix(256, 256, randomGrid(3, 3, 1), { padding: 1 })).toThrow(
      `convolutionMatrix: the matrix would be 65536x65536 (4294967296 entries), more than the ${MAX_MATRIX_ENTRIES} the view allows`,
    );
  });

  it('throws when vector lengths or the output gradient do not match', () => {
    const W = { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] };
    expect(() => matrixVector(W, [1, 2])).toThrow(
      'matrixVector: the matrix has 3 columns but the vector has 2 values',
    );
    expect(() => transposedMatrixVector(W, [1, 2, 3])).toThrow(
      'transposedMatrixVector: the matrix has 2 rows but the vector has 3 values',
    );
    expect(() => inputGradientByTranspose(3, 3, randomGrid(2, 2, 1), randomGrid(3, 3, 1))).toThrow(
      'inputGradientByTranspose: the output gradient is 3x3 but the output is 2x2',
    );
  });

  it('throws when the kernel size is not a positive integer', () => {
    expect(() => patchMatrix(randomGrid(3, 3, 1), 0, 2)).toThrow(
      'im2col: kernel size must be positive integers, got 0x2',
    );
  });
});
