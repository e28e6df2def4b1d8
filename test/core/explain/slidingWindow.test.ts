import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatStep, planSlidingWindow, windowStep } from '../../../core/src/explain/slidingWindow.ts';
import { correlate2d } from '../../../core/src/explain/correlate.ts';
import { fromRows } from '../../../core/src/explain/dense.ts';
import type { PadMode } from '../../../core/src/explain/padding.ts';
import { coreConv, expectClose, leaf, randomGrid } from './reference.ts';

function allSums(
  input: ReturnType<typeof randomGrid>,
  kernel: ReturnType<typeof randomGrid>,
  options: object,
  mode: PadMode,
) {
  const plan = planSlidingWindow(input, kernel, options, mode);
  const sums = new Float64Array(plan.stepCount);
  for (let s = 0; s < plan.stepCount; s++) sums[s] = windowStep(plan, s).sum;
  return { plan, sums };
}

describe('sliding window steps', () => {
  it('x=[3,3] k=[2,2] p=0 s=1: the textbook corr2d numbers [[19,25],[37,43]], step by step', () => {
    const plan = planSlidingWindow(
      fromRows([
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ]),
      fromRows([
        [0, 1],
        [2, 3],
      ]),
    );
    expect(plan.stepCount).toBe(4);
    const sums = [0, 1, 2, 3].map((s) => windowStep(plan, s).sum);
    expect(sums).toEqual([19, 25, 37, 43]);
    expect(formatStep(windowStep(plan, 0))).toBe('0×0 + 1×1 + 3×2 + 4×3 = 19');
  });

  for (const mode of ['zeros', 'reflect', 'replicate', 'circular'] as const) {
    it(`every step's sum equals the core's conv2d cell by cell (pad mode ${mode}, random padding/stride/dilation)`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 3, max: 7 }),
          fc.integer({ min: 3, max: 7 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 1000 }),
          (h, w, kh, kw, ph, pw, sh, sw, d, seed) => {
            const dh = kh * d <= h ? d : 1;
            const dw = kw * d <= w ? d : 1;
            const options = {
              padding: [Math.min(ph, h - 1), Math.min(pw, w - 1)] as [number, number],
              stride: [sh, sw] as [number, number],
              dilation: [dh, dw] as [number, number],
            };
            const input = randomGrid(h, w, seed);
            const kernel = randomGrid(kh, kw, seed + 7);
            const { plan, sums } = allSums(input, kernel, options, mode);
            const { y } = coreConv(input, kernel, options, mode);
            expect(y.shape).toEqual([1, 1, plan.geometry.outHeight, plan.geometry.outWidth]);
            expectClose(sums, y.data, 1e-4, 'step sum');
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it("x=[5,6] k=[3,2] p='same' d=2: the window's cells are the dilated padded coordinates, padding marked", () => {
    const input = randomGrid(5, 6, 3);
    const kernel = randomGrid(3, 2, 4);
    const { plan, sums } = allSums(input, kernel, { padding: 'same', dilation: 2 }, 'zeros');
    // PyTorch 'same': total padding dilation·(k - 1), the odd cell at the bottom/right.
    expect([
      plan.geometry.padTop,
      plan.geometry.padBottom,
      plan.geometry.padLeft,
      plan.geometry.padRight,
    ]).toEqual([2, 2, 1, 1]);
    expectClose(sums, coreConv(input, kernel, { padding: 'same', dilation: 2 }).y.data);
    const step = windowStep(plan, 0);
    expect(step.cells.map((c) => [c.paddedRow, c.paddedCol])).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2],
      [4, 0],
      [4, 2],
    ]);
    expect(step.cells.map((c) => c.isPadding)).toEqual([true, true, true, false, true, false]);
    expect(step.cells[3]).toMatchObject({ inputRow: 0, inputCol: 1, value: input.data[1] });
    expect(step.cells[0]).toMatchObject({ inputRow: null, inputCol: null, value: 0 });
  });

  it('x=[4,4] k=[2,2] s=2: the window steps two cells at a time, row-major', () => {
    const plan = planSlidingWindow(randomGrid(4, 4, 1), randomGrid(2, 2, 2), { stride: 2 });
    expect([0, 1, 2, 3].map((s) => [windowStep(plan, s).top, windowStep(plan, s).left])).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2],
    ]);
  });

  it('correlate2d agrees with the core conv2d (p=1 s=2 d=1, reflect)', () => {
    const input = randomGrid(6, 5, 11);
    const kernel = randomGrid(3, 3, 12);
    expectClose(
      correlate2d(input, kernel, { padding: 1, stride: 2 }, 'reflect').data,
      coreConv(input, kernel, { padding: 1, stride: 2 }, 'reflect').y.data,
    );
  });

  it('throws when the step is out of range', () => {
    const plan = planSlidingWindow(randomGrid(3, 3, 1), randomGrid(2, 2, 1));
    expect(() => windowStep(plan, 4)).toThrow('windowStep: step must be an integer in [0, 3], got 4');
    expect(() => windowStep(plan, 0.5)).toThrow('windowStep: step must be an integer');
  });

  it('throws when the kernel does not fit, naming the sizes', () => {
    expect(() => planSlidingWindow(randomGrid(2, 2, 1), randomGrid(3, 3, 1))).toThrow(
      'planSlidingWindow: kernel 3x3 is larger than the padded input 2x2',
    );
  });

  it('throws when the input is not 2-D or holds a non-finite value', () => {
    expect(() => planSlidingWindow({ shape: [1, 2, 2], data: [1, 2, 3, 4] }, randomGrid(1, 1, 1))).toThrow(
      'planSlidingWindow: input must be 2-D, got shape [1, 2, 2]',
    );
    expect(() => planSlidingWindow({ shape: [1, 2], data: [1, NaN] }, randomGrid(1, 1, 1))).toThrow(
      'planSlidingWindow: input value 1 is NaN',
    );
    expect(() => planSlidingWindow({ shape: [2, 2], data: [1, 2, 3] }, randomGrid(1, 1, 1))).toThrow(
      'planSlidingWindow: input has 3 values but shape [2, 2] holds 4',
    );
  });

  it("throws when the options are invalid: stride 0, 'same' with stride 2, reflect padding as large as the input, an unknown mode", () => {
    const x = randomGrid(3, 3, 1);
    const k = randomGrid(2, 2, 1);
    expect(() => planSlidingWindow(x, k, { stride: 0 })).toThrow(
      'planSlidingWindow: stride must be a positive integer, got 0',
    );
    expect(() => planSlidingWindow(x, k, { padding: 'same', stride: 2 })).toThrow(
      "planSlidingWindow: padding 'same' is not supported for strided convolutions (stride [2, 2])",
    );
    expect(() => planSlidingWindow(x, k, { padding: 3 }, 'reflect')).toThrow(
      'planSlidingWindow: reflect padding height must be smaller than the input height (3), got 3',
    );
    expect(() => planSlidingWindow(x, k, { padding: 4 }, 'circular')).toThrow(
      'planSlidingWindow: circular padding height must be at most the input height (3), got 4',
    );
    expect(() => planSlidingWindow(x, k, {}, 'mirror' as never)).toThrow(
      'planSlidingWindow: padding mode must be one of zeros, reflect, replicate, circular, got "mirror"',
    );
    expect(() => planSlidingWindow(x, k, { padding: -1 })).toThrow(
      'planSlidingWindow: padding must be a non-negative integer',
    );
  });
});

describe('core tensors as explain inputs', () => {
  it('a 2-D Tensor is accepted wherever a DenseArray is (shape and data are read, nothing else)', () => {
    const x = leaf([0, 1, 2, 3, 4, 5, 6, 7, 8], [3, 3]);
    const k = leaf([0, 1, 2, 3], [2, 2]);
    expect(Array.from(correlate2d(x, k).data)).toEqual([19, 25, 37, 43]);
  });
});
