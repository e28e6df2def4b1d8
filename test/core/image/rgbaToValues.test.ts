// RGBA bytes to values: BT.601 luminance or R, G, B, with transparency composited over white paper.
import { describe, expect, it } from 'vitest';
import { rgbaToValues } from '../../../core/src/image/rgbaToValues.ts';

describe('rgbaToValues', () => {
  it('one channel: BT.601 luminance of opaque pixels, white for a transparent one', () => {
    const rgba = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 0];
    const got = rgbaToValues(rgba, 2, 2, 1);
    [0.299, 0.587, 0.114, 1].forEach((want, i) => expect(got[i], `pixel ${i}`).toBeCloseTo(want, 12));
  });

  it('half-transparent black over white paper is mid grey, in gray and in RGB', () => {
    // Reference: composite c·a + 1·(1 − a) with c = 0, a = 128/255.
    const paper = 1 - 128 / 255;
    expect(rgbaToValues([0, 0, 0, 128], 1, 1, 1)[0]).toBeCloseTo(paper, 12);
    expect(Array.from(rgbaToValues([0, 0, 0, 128], 1, 1, 3))).toEqual([paper, paper, paper]);
  });

  it('three channels: channel-major [3, H, W], not rounded', () => {
    const got = rgbaToValues([255, 128, 0, 255, 10, 20, 30, 0], 1, 2, 3);
    expect(Array.from(got)).toEqual([1, 1, 128 / 255, 1, 0, 1]);
  });

  it('throws when the byte count does not match the size', () => {
    expect(() => rgbaToValues([0, 0, 0], 1, 1, 1)).toThrow(
      'image to values: 1 x 1 pixels need 4 bytes, got 3',
    );
  });
});
