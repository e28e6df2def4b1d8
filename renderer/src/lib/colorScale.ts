// The lab's and the chapter's colours: the core's one diverging scale (core/src/image/divergingScale.ts:
// negative blue, zero neutral, positive red) with the current theme's zero, grayscale for input images,
// and the text colour that stays legible on each cell.
import { writeDivergingColor, LIGHT_ZERO_RGB } from '../../../core/src/image/divergingScale.ts';
import { colourScheme } from './theme.svelte.ts';

export { writeDivergingColor, symmetricLimit } from '../../../core/src/image/divergingScale.ts';

/** Zero on the dark theme: its raised surface (--surface-2 in app.css), not a white block. */
const DARK_ZERO_RGB = Uint8Array.of(36, 42, 53);

export type Rgb = [number, number, number];

/** The scale's zero for the current theme (reactive: a view that calls it redraws on a theme switch). */
export const divergingZero = (): Uint8Array => (colourScheme.dark ? DARK_ZERO_RGB : LIGHT_ZERO_RGB);

/**
 * The colour of `value` on the scale symmetric around 0 with `limit` as the end (|value| >= limit
 * saturates), zero drawn as the current theme's neutral.
 */
export function divergingColor(value: number, limit: number): Rgb {
  const out = new Uint8ClampedArray(3);
  writeDivergingColor(value, limit, out, 0, divergingZero());
  return [out[0], out[1], out[2]];
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

/** A table cell's background on the diverging scale and the text colour legible on it, as CSS. */
export function cellColors(value: number, limit: number): { background: string; text: string } {
  const background = divergingColor(value, limit);
  return { background: cssColor(background), text: textColorOn(background) };
}
