// A diverging colour scale centred on zero (blue negative, white zero, orange-red positive), readable in
// both themes, and the text colour that stays legible on each cell.

const NEGATIVE = [33, 102, 172];
const ZERO = [247, 247, 247];
const POSITIVE = [178, 24, 43];

export type Rgb = [number, number, number];

/** The colour of `value` on a scale symmetric around 0 with `limit` as the end (|value| >= limit saturates). */
export function divergingColor(value: number, limit: number): Rgb {
  const out: Rgb = [0, 0, 0];
  writeDivergingColor(value, limit, out, 0);
  return out;
}

/** divergingColor written into `out[offset..offset + 2]`: canvas grids fill pixel buffers without allocating. */
export function writeDivergingColor(
  value: number,
  limit: number,
  out: { [index: number]: number },
  offset: number,
): void {
  const t = limit > 0 && Number.isFinite(value) ? Math.max(-1, Math.min(1, value / limit)) : 0;
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  for (let i = 0; i < 3; i++) out[offset + i] = Math.round(ZERO[i] + (end[i] - ZERO[i]) * a);
}

/** Grayscale for input images: 0 black, 1 white, clamped (NaN black, as the canvas stores it). */
export function grayColor(value: number): Rgb {
  const out: Rgb = [0, 0, 0];
  writeGrayColor(value, out, 0);
  return out;
}

/** grayColor written into `out[offset..offset + 2]`. */
export function writeGrayColor(value: number, out: { [index: number]: number }, offset: number): void {
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
