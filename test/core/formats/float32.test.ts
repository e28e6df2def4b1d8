import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortestFloat32 } from '../../../core/src/formats/float32.ts';

const significantDigits = (x: number) =>
  x.toExponential().split('e')[0].replace(/[-.]/g, '').replace(/0+$/, '').length || 1;

describe('shortestFloat32', () => {
  // numpy's repr of float32 (shortest round-trip) is the reference: repr(np.float32(0.1)) == '0.1'.
  it.each([
    [0.1, '0.1'],
    [1 / 3, '0.33333334'],
    [0.03, '0.03'],
    [-0.5998104214668274, '-0.5998104'],
    [16777217, '16777216'],
    [3.4028234663852886e38, '3.4028235e+38'],
    [1e-45, '1e-45'],
  ])('fround(%s) is written %s', (value, text) => {
    expect(String(shortestFloat32(value))).toBe(text);
  });

  it('reads back to the same float32 and no shorter decimal does (every float32)', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const written = shortestFloat32(value);
        expect(Math.fround(written)).toBe(Math.fround(value));
        const digits = significantDigits(written);
        if (digits > 1 && value !== 0) {
          expect(Math.fround(Number(Math.fround(value).toPrecision(digits - 1)))).not.toBe(
            Math.fround(value),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps zero, infinities and NaN as they are (the parsers reject the last three)', () => {
    expect(shortestFloat32(0)).toBe(0);
    expect(shortestFloat32(Infinity)).toBe(Infinity);
    expect(shortestFloat32(Number.NaN)).toBeNaN();
  });
});
