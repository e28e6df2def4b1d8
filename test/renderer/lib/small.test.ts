// Image resize math, the colour scale and number formatting.
import { describe, expect, it } from 'vitest';
import { fitSize, rgbaToGray } from '../../../renderer/src/lib/imageResize.ts';
import {
  divergingColor,
  symmetricLimit,
  textColorOn,
  type Rgb,
} from '../../../renderer/src/lib/colorScale.ts';
import { formatCell, trainingSummary } from '../../../renderer/src/lib/format.ts';

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

describe('rgbaToGray', () => {
  it('uses BT.601 luma and treats transparency as white paper', () => {
    const px = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
    expect(Array.from(rgbaToGray(px, 4))).toEqual([0.299, 0.587, 1, 1].map(Math.fround));
  });
});

const contrast = (a: Rgb, text: string): number => {
  const lum = ([r, g, b]: Rgb) => {
    const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const t: Rgb = text === '#000' ? [0, 0, 0] : [255, 255, 255];
  const [hi, lo] = [lum(a), lum(t)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('colour scale', () => {
  it('is white-ish at zero, saturates at the limit, and clamps beyond it', () => {
    expect(divergingColor(0, 1)).toEqual([247, 247, 247]);
    expect(divergingColor(-1, 1)).toEqual(divergingColor(-5, 1));
    expect(divergingColor(2, 2)).toEqual(divergingColor(9, 2));
    expect(divergingColor(Number.NaN, 1)).toEqual([247, 247, 247]);
  });

  it('picks a text colour with at least WCAG AA contrast on every cell colour', () => {
    for (let v = -1; v <= 1; v += 0.05) {
      const bg = divergingColor(v, 1);
      expect(contrast(bg, textColorOn(bg)), `value ${v}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses the largest magnitude as the limit, 1 for an all-zero map', () => {
    expect(symmetricLimit([0.5, -3, 2])).toBe(3);
    expect(symmetricLimit([0, 0])).toBe(1);
  });
});

describe('formatting', () => {
  it("writes the summary in the notebook's terms", () => {
    expect(trainingSummary([0.979, -0.994], 10, 0.01)).toBe(
      'learned [0.979, -0.994] after 10 epochs, loss 0.010',
    );
    expect(trainingSummary([-0.0001], 1, 2)).toBe('learned [0.000] after 1 epoch, loss 2.000');
    expect(trainingSummary([-1.5e17], 94, 1.847e38)).toBe(
      'learned [-1.500e+17] after 94 epochs, loss 1.847e+38',
    );
  });

  it('writes cells short: integers bare, two decimals at most, no negative zero', () => {
    expect([formatCell(1), formatCell(-0.125), formatCell(1 / 3), formatCell(-0.001)]).toEqual([
      '1',
      '-0.13',
      '0.33',
      '0',
    ]);
  });

  it('writes huge values (a diverging run) in short scientific notation', () => {
    expect([formatCell(-1.2287e17), formatCell(12345)]).toEqual(['-1.2e17', '1.2e4']);
  });
});
