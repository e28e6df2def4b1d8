// RGBA bytes to the lab's values, the one rule for the CLI and the app (each host decodes its own way:
// pngjs in Node, createImageBitmap and a canvas in the browser). A pixel is first composited over white
// paper by its alpha, because that is what the user sees of a transparent image; then either its
// luminance (ITU-R BT.601, as PIL's "L" mode: 0.299 R + 0.587 G + 0.114 B) or its red, green and blue,
// each in [0, 1]. Values are not rounded: the file's precision is kept.

/** Luminance weights of red, green and blue (BT.601). */
export const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/**
 * Channel-major values [channels, height, width] from row-major RGBA bytes (4 per pixel): one channel of
 * luminance, or three of red, green and blue.
 */
export function rgbaToValues(
  rgba: ArrayLike<number>,
  height: number,
  width: number,
  channels: 1 | 3,
): Float64Array {
  const pixels = height * width;
  if (rgba.length !== 4 * pixels) {
    throw new Error(
      `image to values: ${height} x ${width} pixels need ${4 * pixels} bytes, got ${rgba.length}`,
    );
  }
  const out = new Float64Array(channels * pixels);
  for (let p = 0; p < pixels; p++) {
    const alpha = rgba[4 * p + 3] / 255;
    const paper = 1 - alpha;
    const r = (rgba[4 * p] / 255) * alpha + paper;
    const g = (rgba[4 * p + 1] / 255) * alpha + paper;
    const b = (rgba[4 * p + 2] / 255) * alpha + paper;
    if (channels === 1) out[p] = LUMA_WEIGHTS[0] * r + LUMA_WEIGHTS[1] * g + LUMA_WEIGHTS[2] * b;
    else {
      out[p] = r;
      out[pixels + p] = g;
      out[2 * pixels + p] = b;
    }
  }
  return out;
}
