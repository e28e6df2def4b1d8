import { describe, expect, it } from 'vitest';
import {
  checkShapeAnswer,
  PADDING_STRIDE_EXAMPLES,
  questionOutputShape,
} from '../../../../core/src/explain/exercises/shapeArithmetic.ts';
import { checkAvgPoolAsConvolution } from '../../../../core/src/explain/exercises/avgPoolAsConvolution.ts';
import { maxPoolShiftDemo, textbookStripes } from '../../../../core/src/explain/exercises/poolingShift.ts';
import { checkDiagonalEdgeImage } from '../../../../core/src/explain/exercises/diagonalEdges.ts';
import { pool2d } from '../../../../core/src/explain/pooling.ts';
import { avgPool2d, conv2d, expectClose, leaf, maxPool2d, randomGrid } from '../reference.ts';

describe('exercise: the shape arithmetic of padding and stride', () => {
  it("the padding section's four 8x8 examples give the book's 8x8, 8x8, 4x4, 2x2, as conv2d does", () => {
    const book: Array<[number, number]> = [
      [8, 8],
      [8, 8],
      [4, 4],
      [2, 2],
    ];
    PADDING_STRIDE_EXAMPLES.forEach((q, i) => {
      expect(questionOutputShape(q)).toEqual(book[i]);
      const y = conv2d(
        leaf(new Float64Array(64), [1, 1, 8, 8]),
        leaf(new Float64Array(q.kernel[0] * q.kernel[1]), [1, 1, ...q.kernel]),
        null,
        {
          padding: q.padding,
          stride: q.stride,
        },
      );
      expect(y.shape.slice(2)).toEqual(book[i]);
      expect(checkShapeAnswer(q, book[i]).passed).toBe(true);
    });
  });

  it('a wrong answer fails and shows the working', () => {
    const result = checkShapeAnswer(PADDING_STRIDE_EXAMPLES[3], [3, 2]);
    expect(result.passed).toBe(false);
    expect(result.message).toBe(
      'Not 3x2: the output is 2x2 (height ⌊(8 + 0 - 3) / 3⌋ + 1 = 2, width ⌊(8 + 2 - 5) / 4⌋ + 1 = 2).',
    );
  });

  it('throws when the answer is not two integers', () => {
    expect(() => checkShapeAnswer(PADDING_STRIDE_EXAMPLES[0], [8] as never)).toThrow(
      'checkShapeAnswer: the answer must be two integers [height, width], got [8]',
    );
  });
});

describe('exercise: average pooling as a convolution', () => {
  const x = randomGrid(6, 8, 4);

  it('a uniform 2x2 kernel of 1/4 with stride 2 passes and equals avgPool2d', () => {
    const result = checkAvgPoolAsConvolution(x, 2, { shape: [2, 2], data: [0.25, 0.25, 0.25, 0.25] }, 2);
    expect(result.passed).toBe(true);
    expectClose(result.pooling.data, avgPool2d(leaf(x.data, [1, 1, 6, 8]), 2).data, 1e-6);
    expectClose(result.convolution!.data, avgPool2d(leaf(x.data, [1, 1, 6, 8]), 2).data, 1e-6);
  });

  it('fails with stride 1 (overlapping windows) and with unnormalised weights, naming the fix', () => {
    const overlapping = checkAvgPoolAsConvolution(x, 2, { shape: [2, 2], data: [0.25, 0.25, 0.25, 0.25] }, 1);
    expect(overlapping.passed).toBe(false);
    expect(overlapping.message).toBe(
      'The outputs do not even have the same shape: the stride should equal the window, 2x2, so windows do not overlap (got 1x1).',
    );
    const ones = checkAvgPoolAsConvolution(x, 2, { shape: [2, 2], data: [1, 1, 1, 1] }, 2);
    expect(ones.passed).toBe(false);
    expect(ones.message).toMatch(/^The outputs differ by up to .*: every weight should be 1\/4 = 0\.25\.$/);
  });

  it('pool2d (the explain side) equals the core max and average pooling with padding and stride', () => {
    for (const kind of ['max', 'avg'] as const) {
      const ref = (kind === 'max' ? maxPool2d : avgPool2d)(leaf(x.data, [1, 1, 6, 8]), 3, {
        stride: 2,
        padding: 1,
      });
      expectClose(pool2d(x, 3, kind, { stride: 2, padding: 1 }).data, ref.data, 1e-6);
    }
  });

  it('throws when the window is larger than the input or pooling padding exceeds half the window', () => {
    expect(() => checkAvgPoolAsConvolution(x, 7, { shape: [1, 1], data: [1] }, 1)).toThrow(
      'checkAvgPoolAsConvolution: the window 7x7 is larger than the input 6x8',
    );
    expect(() => pool2d(x, 2, 'max', { padding: 2 })).toThrow(
      'pool2d: padding 2x2 must be at most half the window 2x2',
    );
    expect(() => pool2d(x, 2, 'min' as never)).toThrow("pool2d: kind must be 'max' or 'avg', got \"min\"");
  });
});

describe("the pooling section's shift demonstration", () => {
  it('textbook stripes shifted by one pixel: 2x2 max pooling still fires at column 1 (checked with the core maxPool2d)', () => {
    const demo = maxPoolShiftDemo();
    expect(demo.passed).toBe(true);
    // The rising edge of [1, 1, 0, ...] is at column 1 before the shift and column 2 after.
    expect(Array.from(demo.response.data.slice(0, 7))).toEqual([0, 1, 0, 0, 0, -1, 0]);
    expect(Array.from(demo.shiftedResponse.data.slice(0, 7))).toEqual([0, 0, 1, 0, 0, 0, -1]);
    const ref = maxPool2d(leaf(demo.response.data, [1, 1, 6, 7]), 2, { stride: 1 });
    const shiftedRef = maxPool2d(leaf(demo.shiftedResponse.data, [1, 1, 6, 7]), 2, { stride: 1 });
    expectClose(demo.pooled.data, ref.data, 0);
    expectClose(demo.shiftedPooled.data, shiftedRef.data, 0);
    expect(new Set(demo.kept.map(([, c]) => c))).toEqual(new Set([1]));
    expect(demo.message).toContain('column 1 still fires in both');
  });

  it('a shift of two pixels is more than a 2x2 window tolerates', () => {
    const demo = maxPoolShiftDemo(textbookStripes(), { shape: [1, 2], data: [1, -1] }, 2);
    expect(demo.passed).toBe(false);
    expect(demo.message).toBe(
      'After 2x2 max pooling no cell fires in both: a shift of 2 is more than the window tolerates.',
    );
  });

  it('throws when the shift is out of range', () => {
    expect(() => maxPoolShiftDemo(textbookStripes(), { shape: [1, 2], data: [1, -1] }, 8)).toThrow(
      'maxPoolShiftDemo: shift must be an integer in [0, 7], got 8',
    );
  });
});

describe('exercise: an image with diagonal edges', () => {
  /** A triangle: 1 above-right of the diagonal, 0 below-left. */
  const triangle = () => {
    const data = new Float64Array(36);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) data[r * 6 + c] = c >= r ? 1 : 0;
    return { shape: [6, 6], data };
  };

  it('a triangle passes: K and Kᵀ both trace the diagonal, and K on Xᵀ is Kᵀ on X transposed', () => {
    const result = checkDiagonalEdgeImage(triangle());
    expect(result.passed).toBe(true);
    const [h, w] = result.withKTransposed.shape;
    const [th, tw] = result.transposedWithK.shape;
    expect([th, tw]).toEqual([w, h]);
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++)
        expect(result.transposedWithK.data[c * tw + r]).toBe(result.withKTransposed.data[r * w + c]);
  });

  it("the chapter's vertical stripes fail: only K responds, the edges are vertical", () => {
    const result = checkDiagonalEdgeImage(textbookStripes());
    expect(result.passed).toBe(false);
    expect(result.message).toBe('Only K responds, so the edges are vertical, not diagonal.');
  });

  it('a flat image and a box fail', () => {
    expect(checkDiagonalEdgeImage({ shape: [4, 4], data: new Float64Array(16) }).message).toMatch(
      /^The image has no edges/,
    );
    const box = new Float64Array(36);
    for (let r = 1; r < 5; r++) for (let c = 1; c < 5; c++) box[r * 6 + c] = 1;
    expect(checkDiagonalEdgeImage({ shape: [6, 6], data: box }).passed).toBe(false);
  });

  it('throws when the image is smaller than 2x2', () => {
    expect(() => checkDiagonalEdgeImage({ shape: [1, 3], data: [1, 2, 3] })).toThrow(
      'checkDiagonalEdgeImage: the image must be at least 2x2, got 1x3',
    );
  });
});
