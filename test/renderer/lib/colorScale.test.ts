// The diverging colour scale: its ends, its neutral in both themes, text contrast on every colour, and its limit.
import { describe, expect, it } from 'vitest';
import {
  divergingColor,
  symmetricLimit,
  textColorOn,
  type Rgb,
} from '../../../renderer/src/lib/colorScale.ts';
import { colourScheme } from '../../../renderer/src/lib/theme.svelte.ts';

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
