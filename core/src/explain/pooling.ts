import { planeFromDense, type DenseArray, type Dense64 } from './dense.ts';
import { readNonNegativePair, readPositivePair, type Pair } from '../conv/geometry.ts';
import { windowGeometry } from './geometry.ts';

/**
 * Max or average pooling of one 2-D array in float64, with PyTorch's defaults (stride = window,
 * padding counted in the average, padding never the maximum).
 */
export function pool2d(
  input: DenseArray,
  window: Pair,
  kind: 'max' | 'avg',
  { stride, padding = 0 }: { stride?: Pair; padding?: Pair } = {},
): Dense64 {
  const fn = 'pool2d';
  if (kind !== 'max' && kind !== 'avg')
    throw new Error(`${fn}: kind must be 'max' or 'avg', got ${JSON.stringify(kind)}`);
  const x = planeFromDense(fn, 'input', input);
  const [kh, kw] = readPositivePair(fn, 'window', window);
  const [ph, pw] = readNonNegativePair(fn, 'padding', padding);
  if (2 * ph > kh || 2 * pw > kw)
    throw new Error(`${fn}: padding ${ph}x${pw} must be at most half the window ${kh}x${kw}`);
  const g = windowGeometry(fn, x.height, x.width, kh, kw, { stride: stride ?? [kh, kw], padding: [ph, pw] });
  const out = new Float64Array(g.outHeight * g.outWidth);
  for (let i = 0; i < g.outHeight; i++) {
    for (let j = 0; j < g.outWidth; j++) {
      let acc = kind === 'max' ? -Infinity : 0;
      for (let a = 0; a < kh; a++) {
        const r = i * g.strideHeight + a - ph;
        for (let b = 0; b < kw; b++) {
          const c = j * g.strideWidth + b - pw;
          const inside = r >= 0 && r < x.height && c >= 0 && c < x.width;
          const v = inside ? x.data[r * x.width + c] : kind === 'max' ? -Infinity : 0;
          acc = kind === 'max' ? Math.max(acc, v) : acc + v;
        }
      }
      out[i * g.outWidth + j] = kind === 'max' ? acc : acc / (kh * kw);
    }
  }
  return { shape: [g.outHeight, g.outWidth], data: out };
}
