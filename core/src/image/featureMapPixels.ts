// A feature map as pixels, the one rule behind the app's Export PNG and `convlab apply`'s output: one
// pixel per value, coloured by the diverging scale (light zero: a file has no theme) up to the map's
// largest magnitude, opaque. Each host only encodes the bytes (pngjs in Node, a canvas in the browser).
import { LIGHT_ZERO_RGB, symmetricLimit, writeDivergingColor } from './divergingScale.ts';

/** RGBA bytes, row-major like the map (4 bytes per value). */
export function featureMapPixels(
  values: ArrayLike<number>,
  height: number,
  width: number,
): Uint8ClampedArray<ArrayBuffer> {
  const count = height * width;
  if (values.length !== count) {
    throw new Error(
      `feature map pixels: a ${height} x ${width} map needs ${count} values, got ${values.length}`,
    );
  }
  const limit = symmetricLimit(values);
  const rgba = new Uint8ClampedArray(4 * count);
  for (let i = 0; i < count; i++) {
    writeDivergingColor(values[i], limit, rgba, 4 * i, LIGHT_ZERO_RGB);
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}
