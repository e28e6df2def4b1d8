import type { ConvGeometry } from '../conv/geometry.ts';

/**
 * For every kernel row kh, the output rows whose input row (oh * strideH + kh * dilationH - padTop)
 * lands inside the input, as a half-open range [rowLo[kh], rowHi[kh]); the same for kernel columns.
 * Kernels loop only over these ranges, so padding is skipped by bounds instead of a padded copy.
 */
export interface WindowRanges {
  readonly rowLo: Int32Array;
  readonly rowHi: Int32Array;
  readonly colLo: Int32Array;
  readonly colHi: Int32Array;
}

function fill(
  lo: Int32Array,
  hi: Int32Array,
  out: number,
  stride: number,
  dilation: number,
  pad: number,
  size: number,
) {
  for (let k = 0; k < lo.length; k++) {
    const offset = k * dilation - pad; // input index = o * stride + offset
    const first = offset >= 0 ? 0 : Math.ceil(-offset / stride);
    const last = Math.floor((size - 1 - offset) / stride) + 1; // exclusive
    lo[k] = Math.min(first, out);
    hi[k] = Math.max(lo[k], Math.min(last, out));
  }
}

export function windowRanges(g: ConvGeometry): WindowRanges {
  const rowLo = new Int32Array(g.kernelHeight);
  const rowHi = new Int32Array(g.kernelHeight);
  const colLo = new Int32Array(g.kernelWidth);
  const colHi = new Int32Array(g.kernelWidth);
  fill(rowLo, rowHi, g.outHeight, g.strideHeight, g.dilationHeight, g.padTop, g.inHeight);
  fill(colLo, colHi, g.outWidth, g.strideWidth, g.dilationWidth, g.padLeft, g.inWidth);
  return { rowLo, rowHi, colLo, colHi };
}
