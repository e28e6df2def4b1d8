import { planeFromDense, type DenseArray, type Dense64 } from './dense.ts';
import { windowGeometry, type WindowOptions, type WindowGeometry } from './geometry.ts';
import { padGrid, type PadMode } from './padding.ts';

/**
 * The textbook's cross-correlation of one 2-D input with one 2-D kernel in float64, with padding
 * (any mode), stride and dilation: the plain loop every explain view is built around.
 */
export function correlate2d(
  input: DenseArray,
  kernel: DenseArray,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): Dense64 & { geometry: WindowGeometry } {
  const fn = 'correlate2d';
  const x = planeFromDense(fn, 'input', input);
  const k = planeFromDense(fn, 'kernel', kernel);
  const g = windowGeometry(fn, x.height, x.width, k.height, k.width, options);
  const padded = padGrid(
    fn,
    x,
    { top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight },
    padMode,
  );
  const out = new Float64Array(g.outHeight * g.outWidth);
  // Layout: padded input, kernel and output all row-major; window (i, j) starts at padded (i*sh, j*sw).
  for (let i = 0; i < g.outHeight; i++) {
    for (let j = 0; j < g.outWidth; j++) {
      let sum = 0;
      for (let a = 0; a < k.height; a++) {
        const row = (i * g.strideHeight + a * g.dilationHeight) * padded.width + j * g.strideWidth;
        for (let b = 0; b < k.width; b++)
          sum += k.data[a * k.width + b] * padded.data[row + b * g.dilationWidth];
      }
      out[i * g.outWidth + j] = sum;
    }
  }
  return { shape: [g.outHeight, g.outWidth], data: out, geometry: g };
}
