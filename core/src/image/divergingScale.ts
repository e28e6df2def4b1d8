// The diverging colour scale's rule, in the core because the CLI's `apply` writes feature maps with it as
// the app draws and exports them: symmetric around 0 to the largest magnitude, negative values blue, zero
// neutral, positive values red. The renderer adds the dark theme's neutral (renderer/src/lib/colorScale.ts).

/** The scale's ends and its zero on a light background (and in exported files, which have no theme). */
export const NEGATIVE_RGB = Uint8Array.of(33, 102, 172);
export const POSITIVE_RGB = Uint8Array.of(178, 24, 43);
export const LIGHT_ZERO_RGB = Uint8Array.of(247, 247, 247);

/**
 * The colour of `value` written into `out[offset..offset + 2]`, |value| >= limit saturating, zero drawn
 * as `zero`. Canvas grids fill pixel buffers with it, 36,864 cells per frame, so it takes only typed
 * arrays (one shape for the engine) and allocates nothing.
 */
export function writeDivergingColor(
  value: number,
  limit: number,
  out: Uint8ClampedArray | Uint8Array,
  offset: number,
  zero: Uint8Array = LIGHT_ZERO_RGB,
): void {
  const t = limit > 0 && Number.isFinite(value) ? Math.max(-1, Math.min(1, value / limit)) : 0;
  const a = t < 0 ? -t : t;
  const end = t < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
  out[offset] = Math.round(zero[0] + (end[0] - zero[0]) * a);
  out[offset + 1] = Math.round(zero[1] + (end[1] - zero[1]) * a);
  out[offset + 2] = Math.round(zero[2] + (end[2] - zero[2]) * a);
}

/** The scale's end for a set of values: the largest finite magnitude, or 1 for an all-zero map. */
export function symmetricLimit(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) m = Math.max(m, Math.abs(values[i]));
  return m === 0 ? 1 : m;
}
