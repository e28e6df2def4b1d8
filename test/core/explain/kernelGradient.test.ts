import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  kernelGradientByCorrelation,
  squaredLossOutputGradient,
} from '../../../core/src/explain/kernelGradient.ts';
import { correlate2d } from '../../../core/src/explain/correlate.ts';
import { coreConv, expectClose, leaf, randomGrid } from './reference.ts';

describe('the kernel gradient as a correlation of the input with the output error', () => {
  it("equals autograd's K.grad for the squared loss (random padding, stride, dilation, pad mode)", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 8 }),
        fc.integer({ min: 4, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom('zeros' as const, 'reflect' as const, 'replicate' as const, 'circular' as const),
        fc.integer({ min: 1, max: 10_000 }),
        (h, w, kh, kw, p, s, d, mode, seed) => {
          // Dilation 2 only where the dilated kernel still fits the unpadded input.
          const dilation = d * (Math.max(kh, kw) - 1) + 1 <= Math.min(h, w) ? d : 1;
          const options = { padding: p, stride: s, dilation };
          const x = randomGrid(h, w, seed);
          const k = randomGrid(kh, kw, seed + 1);
          const { k: kLeaf, y } = coreConv(x, k, options, mode, true);
          const [, , oh, ow] = y.shape;
          const target = randomGrid(oh, ow, seed + 2);
          // L = Σ (Y - T)²: autograd's backward seeded with the gradient of the sum, which the explain side derives.
          const dy = squaredLossOutputGradient({ shape: [oh, ow], data: y.data }, target);
          y.backward(leaf(dy.data, y.shape));
          const explicit = kernelGradientByCorrelation(x, dy, kh, kw, options, mode);
          expectClose(explicit.data, kLeaf.grad!.data, 1e-4, 'dL/dK');
          compared++;
        },
      ),
      { numRuns: 60 },
    );
    expect(compared).toBe(60);
  });

  it('x=[6,8] k=[1,2] (the notebook): dL/dK is corr(X, dL/dY) and the bias gradient is the summed error', () => {
    const x = randomGrid(6, 8, 5);
    const dy = randomGrid(6, 7, 6);
    const g = kernelGradientByCorrelation(x, dy, 1, 2);
    // For stride 1, dilation 1, no padding the formula is literally corr2d(X, dY).
    expectClose(g.data, correlate2d(x, dy).data, 1e-12);
    expect(g.biasGradient).toBeCloseTo(
      dy.data.reduce((a, b) => a + b, 0),
      12,
    );
    expect(g.explanation).toBe(
      'dL/dK = corr(X, dL/dY): the 1x2 gradient slides the 6x7 output error over the 6x8 padded input',
    );
  });

  it('squaredLossOutputGradient is the derivative of Σ (Y - T)² (central differences)', () => {
    const y = randomGrid(2, 3, 1);
    const t = randomGrid(2, 3, 2);
    const loss = (v: Float64Array) => v.reduce((s, yi, i) => s + (yi - t.data[i]) ** 2, 0);
    const g = squaredLossOutputGradient(y, t);
    for (let i = 0; i < 6; i++) {
      const plus = Float64Array.from(y.data);
      const minus = Float64Array.from(y.data);
      plus[i] += 1e-6;
      minus[i] -= 1e-6;
      expect(g.data[i]).toBeCloseTo((loss(plus) - loss(minus)) / 2e-6, 5);
    }
  });

  it('throws when the output gradient does not have the output shape', () => {
    expect(() => kernelGradientByCorrelation(randomGrid(4, 4, 1), randomGrid(4, 4, 2), 2, 2)).toThrow(
      'kernelGradientByCorrelation: the output gradient is 4x4 but the output is 3x3',
    );
  });

  it('throws when the target shape differs from the output shape', () => {
    expect(() => squaredLossOutputGradient(randomGrid(2, 3, 1), randomGrid(3, 2, 1))).toThrow(
      'squaredLossOutputGradient: output has shape [2, 3] but target has shape [3, 2]',
    );
  });
});
