// The colour scale and number formatting.
import { describe, expect, it } from 'vitest';
import {
  divergingColor,
  symmetricLimit,
  textColorOn,
  type Rgb,
} from '../../../renderer/src/lib/colorScale.ts';
import { colourScheme } from '../../../renderer/src/lib/theme.svelte.ts';
import { cellChars, formatCell, formatNumber, trainingSummary } from '../../../renderer/src/lib/format.ts';

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

  it("draws zero as the dark theme's neutral there, not as a white block, and keeps both ends", () => {
    colourScheme.dark = true;
    try {
      expect(divergingColor(0, 1)).toEqual([36, 42, 53]); // --surface-2 of the dark theme (app.css)
      expect(divergingColor(1, 1)).toEqual([178, 24, 43]);
      expect(divergingColor(-1, 1)).toEqual([33, 102, 172]);
    } finally {
      colourScheme.dark = false;
    }
    expect(divergingColor(0, 1)).toEqual([247, 247, 247]);
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

  it('writes cells in at most the characters they hold: decimals dropped first, then exponents', () => {
    // 219.33 is the value issue 10 saw clipped: in 5 characters it keeps one decimal, in 3 none.
    expect([formatCell(219.33), formatCell(219.33, 4), formatCell(219.33, 3)]).toEqual([
      '219.3',
      '219',
      '219',
    ]);
    expect([formatCell(2193.4, 3), formatCell(2193.4, 4)]).toEqual(['2e3', '2193']);
    expect([formatCell(1), formatCell(-0.125), formatCell(1 / 3), formatCell(-0.001)]).toEqual([
      '1',
      '-0.13',
      '0.333',
      '0',
    ]);
    for (const v of [219.33, -2193.4, 1 / 3, 12345, 0.0005, -99999]) {
      for (const chars of [4, 5, 6])
        expect(formatCell(v, chars).length, `${v} in ${chars}`).toBeLessThanOrEqual(chars);
    }
  });

  it('writes huge values (a diverging run) in short scientific notation', () => {
    expect([formatCell(-1.2287e17), formatCell(-1.2287e17, 7), formatCell(123456)]).toEqual([
      '-1e17',
      '-1.2e17',
      '1.2e5',
    ]);
  });

  it('cellChars: a wider cell or a smaller font holds more characters, never fewer than 4', () => {
    expect(cellChars(26, 9.36)).toBe(4);
    expect(cellChars(52, 14)).toBe(6);
    expect(cellChars(10, 14)).toBe(4);
  });

  it('formatNumber: fixed decimals without trailing zeros, a real minus, or a plain one for fields', () => {
    expect([formatNumber(-0.5), formatNumber(1 / 3), formatNumber(2, 4), formatNumber(-0.00001)]).toEqual([
      '−0.5',
      '0.333',
      '2',
      '0',
    ]);
    expect(formatNumber(-1.23456, 4, '-')).toBe('-1.2346');
  });
});
