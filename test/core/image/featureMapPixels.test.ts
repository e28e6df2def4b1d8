// A feature map as pixels: the diverging scale up to the map's largest magnitude, one opaque pixel each.
import { describe, expect, it } from 'vitest';
import { featureMapPixels } from '../../../core/src/image/featureMapPixels.ts';
import { LIGHT_ZERO_RGB, NEGATIVE_RGB, POSITIVE_RGB } from '../../../core/src/image/divergingScale.ts';

const pixel = (rgba: Uint8ClampedArray, i: number) => Array.from(rgba.subarray(4 * i, 4 * i + 4));

describe('featureMapPixels', () => {
  it('the largest value is the red end, its negative the blue end, zero the light neutral', () => {
    const rgba = featureMapPixels([2, -2, 0, 1], 2, 2);
    expect(pixel(rgba, 0)).toEqual([...POSITIVE_RGB, 255]);
    expect(pixel(rgba, 1)).toEqual([...NEGATIVE_RGB, 255]);
    expect(pixel(rgba, 2)).toEqual([...LIGHT_ZERO_RGB, 255]);
    // Halfway between the neutral and red, rounded per channel.
    expect(pixel(rgba, 3)).toEqual([
      ...[0, 1, 2].map((c) => Math.round(LIGHT_ZERO_RGB[c] + (POSITIVE_RGB[c] - LIGHT_ZERO_RGB[c]) / 2)),
      255,
    ]);
  });

  it('an all-zero map is all neutral', () => {
    const rgba = featureMapPixels([0, 0], 1, 2);
    expect([pixel(rgba, 0), pixel(rgba, 1)]).toEqual([
      [...LIGHT_ZERO_RGB, 255],
      [...LIGHT_ZERO_RGB, 255],
    ]);
  });

  it('throws when the values do not fill the map', () => {
    expect(() => featureMapPixels([1, 2, 3], 2, 2)).toThrow(
      'feature map pixels: a 2 x 2 map needs 4 values, got 3',
    );
  });
});
