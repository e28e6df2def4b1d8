// A diverging colour scale centred on zero (blue negative, white zero, orange-red positive), readable in
// both themes, and the text colour that stays legible on each cell.

// Typed arrays, like the pixel buffers the canvas writer fills.
const NEGATIVE = Uint8Array.of(33, 102, 172);
const ZERO = Uint8Array.of(247, 247, 247);
const POSITIVE = Uint8Array.of(178, 24, 43);

export type Rgb = [number, number, number];

/** The colour of `value` on a scale symmetric around 0 with `limit` as the end (|value| >= limit saturates). */
export function divergingColor(value: number, limit: number): Rgb {
  const out = new Uint8ClampedArray(3);
  writeDivergingColor(value, limit, out, 0);
  return [out[0], out[1], out[2]];
}

/**
 * divergingColor written into `out[offset..offset + 2]`: canvas grids fill pixel buffers with it, 36,864
 * cells per frame, so it takes only typed arrays (one shape for the engine) and allocates nothing.
 */
export function writeDivergingColor(
  value: number,
  limit: number,
  out: Uint8ClampedArray,
  offset: number,
): void {
  const t = limit > 0 && Number.isFinite(value) ? Math.max(-1, Math.min(1, value / limit)) : 0;
  const a = t < 0 ? -t : t;
  const end = t < 0 ? NEGATIVE : POSITIVE;
  out[offset] = Math.round(ZERO[0] + (end[0] - ZERO[0]) * a);
  out[offset + 1] = Math.round(ZERO[1] + (end[1] - ZERO[1]) * a);
  out[offset + 2] = Math.round(ZERO[2] + (end[2] - ZERO[2]) * a);
}

/** Grayscale for input images: 0 black, 1 white, clamped (NaN black, as the canvas stores it). */
export function grayColor(value: number): Rgb {
  const out = new Uint8ClampedArray(3);
  writeGrayColor(value, out, 0);
  return [out[0], out[1], out[2]];
}

/** grayColor written into `out[offset..offset + 2]`. */
export function writeGrayColor(value: number, out: Uint8ClampedArray, offset: number): void {
  const v = Number.isNaN(value) ? 0 : Math.round(255 * Math.max(0, Math.min(1, value)));
  out[offset] = v;
  out[offset + 1] = v;
  out[offset + 2] = v;
}

export const cssColor = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

/** Black or white text, whichever contrasts more with the background (WCAG relative luminance). */
export function textColorOn([r, g, b]: Rgb): string {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000' : '#fff';
}

/** The scale's end for a set of values: the largest magnitude, or 1 for an all-zero map. */
export function symmetricLimit(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) m = Math.max(m, Math.abs(values[i]));
  return m === 0 ? 1 : m;
}
