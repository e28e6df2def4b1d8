import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeKernels } from '../../../core/src/explain/kernelComposition.ts';
import { expectClose, leaf, randomGrid, conv2d } from './reference.ts';

describe('kernel composition', () => {
  it('two successive conv2d calls equal one conv2d with the composed kernel and bias (random stride/dilation)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 10_000 }),
        (k1h, k1w, k2h, k2w, s1, d1, s2, d2, seed) => {
          const k1 = randomGrid(k1h, k1w, seed);
          const k2 = randomGrid(k2h, k2w, seed + 1);
          const [b1, b2] = [0.25, -0.5];
          const x = leaf(randomGrid(20, 21, seed + 2).data, [1, 1, 20, 21]);
          const z = conv2d(x, leaf(k1.data, [1, 1, k1h, k1w]), leaf([b1], [1]), { stride: s1, dilation: d1 });
          const y = conv2d(z, leaf(k2.data, [1, 1, k2h, k2w]), leaf([b2], [1]), { stride: s2, dilation: d2 });
          const c = composeKernels(
            k1,
            k2,
            { stride: s1, dilation: d1 },
            { stride: s2, dilation: d2 },
            { first: b1, second: b2 },
          );
          const [ch, cw] = c.shape;
          expect([ch, cw]).toEqual([
            d1 * (k1h - 1) + s1 * d2 * (k2h - 1) + 1,
            d1 * (k1w - 1) + s1 * d2 * (k2w - 1) + 1,
          ]);
          const once = conv2d(x, leaf(c.data, [1, 1, ch, cw]), leaf([c.bias], [1]), {
            stride: [c.strideHeight, c.strideWidth],
          });
          expect(once.shape).toEqual(y.shape);
          expectClose(once.data, y.data, 1e-4, 'composed output');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('k1=[2,2] k2=[3,3] stride 1: one 4x4 kernel, and the explanation gives the size k1 + k2 - 1', () => {
    const c = composeKernels(randomGrid(2, 2, 1), randomGrid(3, 3, 2));
    expect(c.shape).toEqual([4, 4]);
    expect([c.strideHeight, c.strideWidth]).toEqual([1, 1]);
    expect(c.explanation).toBe('2x2 then 3x3 = one 4x4 kernel (2 + 3 - 1 = 4, 2 + 3 - 1 = 4)');
  });

  it('[1, -1] then [1, -1] is the second difference [1, -2, 1]', () => {
    const c = composeKernels({ shape: [1, 2], data: [1, -1] }, { shape: [1, 2], data: [1, -1] });
    expect(Array.from(c.data)).toEqual([1, -2, 1]);
  });

  it('throws when a layer asks for padding, a stride is invalid, or a bias is not finite', () => {
    const k = randomGrid(2, 2, 1);
    expect(() => composeKernels(k, k, { padding: 1 } as never)).toThrow(
      'composeKernels: padding is not supported',
    );
    expect(() => composeKernels(k, k, { stride: 0 })).toThrow(
      'composeKernels: first stride must be a positive integer, got 0',
    );
    expect(() => composeKernels(k, k, {}, { dilation: [1, 0] })).toThrow(
      'composeKernels: second dilation must be a positive integer, got [1, 0]',
    );
    expect(() => composeKernels(k, k, {}, {}, { first: NaN })).toThrow(
      'composeKernels: biases must be finite numbers, got NaN and 0',
    );
    expect(() => composeKernels({ shape: [2], data: [1, 2] }, k)).toThrow(
      'composeKernels: first kernel must be 2-D, got shape [2]',
    );
  });
});
