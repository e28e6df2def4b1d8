// Fitting an image into a grid and resizing its values by area averaging.
import { describe, expect, it } from 'vitest';
import { fitSize, resizeValues } from '../../../core/src/image/resize.ts';

describe('fitSize', () => {
  it('keeps the aspect ratio inside the grid', () => {
    expect(fitSize(100, 100, 6, 8)).toEqual({ height: 6, width: 6 });
    expect(fitSize(200, 100, 64, 64)).toEqual({ height: 32, width: 64 });
    expect(fitSize(30, 90, 64, 64)).toEqual({ height: 64, width: 21 });
    expect(fitSize(1000, 1, 10, 10)).toEqual({ height: 1, width: 10 });
  });

  it('throws when the image has no pixels', () => {
    expect(() => fitSize(0, 5, 8, 8)).toThrow('fitSize: image size must be positive, got 0 x 5');
  });
});

describe('resizeValues', () => {
  it('equal sizes give the values back', () => {
    expect(Array.from(resizeValues([1, 2, 3, 4, 5, 6], 1, 2, 3, 2, 3))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('4 x 4 to 2 x 2 is the mean of each 2 x 2 block, per channel', () => {
    const plane = Array.from({ length: 16 }, (_, i) => i);
    const got = resizeValues([...plane, ...plane.map((v) => -v)], 2, 4, 4, 2, 2);
    // Blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}.
    expect(Array.from(got)).toEqual([2.5, 4.5, 10.5, 12.5, -2.5, -4.5, -10.5, -12.5]);
  });

  it('3 to 2 weighs the middle pixel half into each output cell', () => {
    // Each output covers 1.5 source pixels: [a, b/2] and [b/2, c], divided by 1.5.
    const [first, second] = resizeValues([3, 6, 9], 1, 1, 3, 1, 2);
    expect(first).toBeCloseTo((3 + 6 / 2) / 1.5, 12);
    expect(second).toBeCloseTo((6 / 2 + 9) / 1.5, 12);
  });

  it('growing 1 x 2 to 2 x 4 repeats each value over the cells it covers', () => {
    expect(Array.from(resizeValues([0, 1], 1, 1, 2, 2, 4))).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('a black-and-white 16 x 16 halves image fitted to 6 x 6 stays black and white', () => {
    const halves = Array.from({ length: 256 }, (_, i) => (i % 16 < 8 ? 0 : 1));
    const got = Array.from(resizeValues(halves, 1, 16, 16, 6, 6), (v) => Math.round(v * 1e9) / 1e9);
    expect(got).toEqual(Array.from({ length: 36 }, (_, i) => (i % 6 < 3 ? 0 : 1)));
  });
});
