// Resizing an image's values to a grid, in the core so that the same file gives the same values in every
// host (a canvas's own smoothing differs between browsers). Area averaging: each output cell is the mean
// of the source pixels it covers, weighted by the covered fraction, which neither drops thin lines when
// shrinking nor invents values when growing.

/** The largest size with the image's aspect ratio that fits in maxHeight x maxWidth (at least 1 x 1). */
export function fitSize(
  imageWidth: number,
  imageHeight: number,
  maxHeight: number,
  maxWidth: number,
): { height: number; width: number } {
  if (imageWidth <= 0 || imageHeight <= 0) {
    throw new Error(`fitSize: image size must be positive, got ${imageWidth} x ${imageHeight}`);
  }
  const scale = Math.min(maxWidth / imageWidth, maxHeight / imageHeight);
  return {
    height: Math.max(1, Math.min(maxHeight, Math.round(imageHeight * scale))),
    width: Math.max(1, Math.min(maxWidth, Math.round(imageWidth * scale))),
  };
}

/** For each output index along one axis, the source indices it covers and the weight of each. */
function axisWeights(from: number, to: number): { start: Int32Array; weights: Float64Array[] } {
  const start = new Int32Array(to);
  const weights: Float64Array[] = [];
  const step = from / to;
  for (let o = 0; o < to; o++) {
    const lo = o * step;
    const hi = lo + step;
    const first = Math.floor(lo);
    const last = Math.min(from - 1, Math.ceil(hi) - 1);
    const w = new Float64Array(last - first + 1);
    for (let s = first; s <= last; s++) w[s - first] = (Math.min(hi, s + 1) - Math.max(lo, s)) / step;
    start[o] = first;
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Channel-major values [channels, height, width] resized to [channels, toHeight, toWidth] by area
 * averaging (separable: rows, then columns). Equal sizes return a copy.
 */
export function resizeValues(
  values: ArrayLike<number>,
  channels: number,
  height: number,
  width: number,
  toHeight: number,
  toWidth: number,
): Float64Array {
  const rows = axisWeights(height, toHeight);
  const cols = axisWeights(width, toWidth);
  const out = new Float64Array(channels * toHeight * toWidth);
  // One source row resized to toWidth at a time, then accumulated into the output rows it feeds.
  const rowBuffer = new Float64Array(toWidth);
  for (let ch = 0; ch < channels; ch++) {
    const src = ch * height * width;
    const dst = ch * toHeight * toWidth;
    for (let oy = 0; oy < toHeight; oy++) {
      const wy = rows.weights[oy];
      for (let k = 0; k < wy.length; k++) {
        const sy = rows.start[oy] + k;
        for (let ox = 0; ox < toWidth; ox++) {
          const wx = cols.weights[ox];
          let sum = 0;
          for (let j = 0; j < wx.length; j++) sum += wx[j] * values[src + sy * width + cols.start[ox] + j];
          rowBuffer[ox] = sum;
        }
        for (let ox = 0; ox < toWidth; ox++) out[dst + oy * toWidth + ox] += wy[k] * rowBuffer[ox];
      }
    }
  }
  return out;
}
