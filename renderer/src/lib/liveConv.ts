// The feature map the lab shows while the user edits, and which input cell every window position reads
// (the receptive-field view needs that, and a Tensor op does not expose it). Small enough to run on the
// main thread on every edit (64 x 64 input, 7 x 7 kernel: about 200,000 multiply-adds).
import { noGrad, tensor } from '../../../core/src/index.ts';
import { convLayer } from '../../../core/src/conv/convLayer.ts';
import { layerShape, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { padSourceMap } from '../../../core/src/kernels/pad.ts';
import { rotate180, type Grid } from './grid.ts';

/** For each padded row (or column), the input row (column) it reads, or -1: the core's pad map. */
export const paddedSources = (n: number, pad: number, mode: LayerGeometry['paddingMode']): Int32Array =>
  padSourceMap(n, pad, pad, mode);

/** The kernel the window applies: itself for cross-correlation, rotated 180 degrees for a true convolution. */
export const appliedKernel = (kernel: Grid, flip: boolean): Grid => (flip ? rotate180(kernel) : kernel);

/**
 * The feature map through the core's layer forward pass (conv/convLayer.ts, the one the trainer runs),
 * or null when the geometry cannot run (the core's layerShape says so first, so conv2d never throws).
 */
export function featureMap(input: Grid, kernel: Grid, g: LayerGeometry, flip = false): Grid | null {
  const shape = layerShape(input, kernel, g);
  if (shape.outHeight === null || shape.outWidth === null) return null;
  const x = tensor(input.data, { shape: [1, 1, input.height, input.width] });
  const w = tensor(kernel.data, { shape: [1, 1, kernel.height, kernel.width] });
  const y = noGrad(() => convLayer(x, w, null, { ...g, flip }));
  return { height: shape.outHeight, width: shape.outWidth, data: y.data };
}

/** One product of the weighted sum behind an output cell. */
export interface Term {
  /** Input cell read, or null for a zero from zero padding. */
  row: number | null;
  col: number | null;
  value: number;
  weight: number;
}

/** The terms of output cell (oy, ox), in kernel order. */
export function receptiveField(
  input: Grid,
  kernel: Grid,
  g: LayerGeometry,
  flip: boolean,
  oy: number,
  ox: number,
): Term[] {
  const k = appliedKernel(kernel, flip);
  const rows = paddedSources(input.height, g.padding[0], g.paddingMode);
  const cols = paddedSources(input.width, g.padding[1], g.paddingMode);
  const terms: Term[] = [];
  for (let ky = 0; ky < k.height; ky++) {
    for (let kx = 0; kx < k.width; kx++) {
      const r = rows[oy * g.stride[0] + ky * g.dilation[0]];
      const c = cols[ox * g.stride[1] + kx * g.dilation[1]];
      const inside = r >= 0 && c >= 0;
      terms.push({
        row: inside ? r : null,
        col: inside ? c : null,
        value: inside ? input.data[r * input.width + c] : 0,
        weight: k.data[ky * k.width + kx],
      });
    }
  }
  return terms;
}

/** The output cells (as row * outWidth + col) whose window reads input cell (row, col). */
export function outputsFedBy(
  input: Grid,
  kernel: Grid,
  g: LayerGeometry,
  out: { height: number; width: number },
  row: number,
  col: number,
): number[] {
  const rows = paddedSources(input.height, g.padding[0], g.paddingMode);
  const cols = paddedSources(input.width, g.padding[1], g.paddingMode);
  const fed: number[] = [];
  for (let oy = 0; oy < out.height; oy++) {
    let rowHit = false;
    for (let ky = 0; ky < kernel.height && !rowHit; ky++)
      rowHit = rows[oy * g.stride[0] + ky * g.dilation[0]] === row;
    if (!rowHit) continue;
    for (let ox = 0; ox < out.width; ox++) {
      for (let kx = 0; kx < kernel.width; kx++) {
        if (cols[ox * g.stride[1] + kx * g.dilation[1]] === col) {
          fed.push(oy * out.width + ox);
          break;
        }
      }
    }
  }
  return fed;
}

/** "1.00×0.00 + -1.00×1.00 + … = -1.00", the weighted sum written out. */
export function formatWeightedSum(terms: readonly Term[], digits = 2): string {
  const f = (v: number): string => (Object.is(v, -0) ? 0 : v).toFixed(digits);
  const parts = terms.map((t) => `${f(t.weight)}×${f(t.value)}`);
  const total = terms.reduce((s, t) => s + t.weight * t.value, 0);
  return `${parts.join(' + ')} = ${f(total)}`;
}
