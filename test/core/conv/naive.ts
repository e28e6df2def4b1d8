// Independent reference implementations for the conv tests: the definition of convolution written
// as plain nested loops in float64, with no shared code with core/src/kernels (naiveGeometry only
// builds the core's geometry record for a case, so the kernels can be run on it).
import { convGeometry, type ConvGeometry } from '../../../core/src/conv/geometry.ts';

export interface NaiveConv {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  stride: [number, number];
  /** [top, bottom, left, right] */
  pad: [number, number, number, number];
  dilation: [number, number];
  groups: number;
}

/** PyTorch's 'same' padding [top, bottom, left, right] for a kernel spanning effH x effW cells: the odd cell at the bottom / right. */
export function samePad(effH: number, effW: number): [number, number, number, number] {
  return [
    Math.floor((effH - 1) / 2),
    Math.ceil((effH - 1) / 2),
    Math.floor((effW - 1) / 2),
    Math.ceil((effW - 1) / 2),
  ];
}

/** A depthwise 3x3 convolution with padding 1 (one group per channel), the direct-wasm kernel's case. */
export const depthwise3x3 = (height: number, width: number, channels: number): NaiveConv => ({
  batch: 1,
  inChannels: channels,
  height,
  width,
  outChannels: channels,
  kernelHeight: 3,
  kernelWidth: 3,
  stride: [1, 1],
  pad: [1, 1, 1, 1],
  dilation: [1, 1],
  groups: channels,
});

/**
 * The core's geometry record for a naive configuration, with its symmetric padding or `'same'` (the
 * core derives the cells; the naive `pad` says them), so a kernel test can run both on one case.
 */
export function naiveGeometry(
  c: NaiveConv,
  padding: 'same' | [number, number] = [c.pad[0], c.pad[2]],
): ConvGeometry {
  return convGeometry({
    op: 'test',
    batch: c.batch,
    inChannels: c.inChannels,
    inHeight: c.height,
    inWidth: c.width,
    outChannels: c.outChannels,
    groups: c.groups,
    kernelHeight: c.kernelHeight,
    kernelWidth: c.kernelWidth,
    stride: c.stride,
    padding,
    dilation: c.dilation,
  });
}

export function naiveOutSize(c: NaiveConv): [number, number] {
  const [sh, sw] = c.stride;
  const [dh, dw] = c.dilation;
  const [pt, pb, pl, pr] = c.pad;
  return [
    Math.floor((c.height + pt + pb - dh * (c.kernelHeight - 1) - 1) / sh) + 1,
    Math.floor((c.width + pl + pr - dw * (c.kernelWidth - 1) - 1) / sw) + 1,
  ];
}

/**
 * Calls visit(outIndex, inIndex, weightIndex) for every (output, input, weight) triple that the
 * definition multiplies: y[n, oc, oh, ow] += x[n, g * Cg + icg, oh * s + kh * d - p, ...] * w[oc, icg, kh, kw].
 */
function forEachProduct(c: NaiveConv, visit: (o: number, i: number, w: number) => void): void {
  const [OH, OW] = naiveOutSize(c);
  const Cg = c.inChannels / c.groups;
  const OCg = c.outChannels / c.groups;
  for (let n = 0; n < c.batch; n++)
    for (let oc = 0; oc < c.outChannels; oc++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++)
          for (let icg = 0; icg < Cg; icg++)
            for (let kh = 0; kh < c.kernelHeight; kh++)
              for (let kw = 0; kw < c.kernelWidth; kw++) {
                const ih = oh * c.stride[0] + kh * c.dilation[0] - c.pad[0];
                const iw = ow * c.stride[1] + kw * c.dilation[1] - c.pad[2];
                if (ih < 0 || ih >= c.height || iw < 0 || iw >= c.width) continue;
                const ic = Math.floor(oc / OCg) * Cg + icg;
                visit(
                  ((n * c.outChannels + oc) * OH + oh) * OW + ow,
                  ((n * c.inChannels + ic) * c.height + ih) * c.width + iw,
                  ((oc * Cg + icg) * c.kernelHeight + kh) * c.kernelWidth + kw,
                );
              }
}

const outLength = (c: NaiveConv): number => {
  const [OH, OW] = naiveOutSize(c);
  return c.batch * c.outChannels * OH * OW;
};

export function naiveConvForward(c: NaiveConv, x: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const y = new Float64Array(outLength(c));
  forEachProduct(c, (o, i, k) => (y[o] += x[i] * w[k]));
  return y;
}

export function naiveConvGradInput(
  c: NaiveConv,
  gy: ArrayLike<number>,
  w: ArrayLike<number>,
  inputLength: number,
): Float64Array {
  const gx = new Float64Array(inputLength);
  forEachProduct(c, (o, i, k) => (gx[i] += gy[o] * w[k]));
  return gx;
}

export function naiveConvGradWeight(
  c: NaiveConv,
  gy: ArrayLike<number>,
  x: ArrayLike<number>,
  weightLength: number,
): Float64Array {
  const gw = new Float64Array(weightLength);
  forEachProduct(c, (o, i, k) => (gw[k] += gy[o] * x[i]));
  return gw;
}

/**
 * The convolution as the textbook's im2col + matrix product: for each image and group, a matrix with
 * one column per output position holding its receptive field, multiplied by the weight rows.
 */
export function naiveConvAsMatmul(c: NaiveConv, x: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const [OH, OW] = naiveOutSize(c);
  const Cg = c.inChannels / c.groups;
  const OCg = c.outChannels / c.groups;
  const y = new Float64Array(outLength(c));
  for (let n = 0; n < c.batch; n++) {
    for (let g = 0; g < c.groups; g++) {
      const columns: number[][] = [];
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          const field: number[] = [];
          for (let icg = 0; icg < Cg; icg++)
            for (let kh = 0; kh < c.kernelHeight; kh++)
              for (let kw = 0; kw < c.kernelWidth; kw++) {
                const ih = oh * c.stride[0] + kh * c.dilation[0] - c.pad[0];
                const iw = ow * c.stride[1] + kw * c.dilation[1] - c.pad[2];
                const inside = ih >= 0 && ih < c.height && iw >= 0 && iw < c.width;
                field.push(
                  inside ? x[((n * c.inChannels + g * Cg + icg) * c.height + ih) * c.width + iw] : 0,
                );
              }
          columns.push(field);
        }
      }
      const fieldSize = Cg * c.kernelHeight * c.kernelWidth;
      for (let ocg = 0; ocg < OCg; ocg++) {
        const oc = g * OCg + ocg;
        for (let p = 0; p < columns.length; p++) {
          let s = 0;
          for (let r = 0; r < fieldSize; r++) s += w[oc * fieldSize + r] * columns[p][r];
          y[(n * c.outChannels + oc) * OH * OW + p] = s;
        }
      }
    }
  }
  return y;
}

export function naiveMatmul(
  M: number,
  N: number,
  K: number,
  a: (i: number, k: number) => number,
  b: (k: number, j: number) => number,
): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a(i, k) * b(k, j);
      c[i * N + j] = s;
    }
  return c;
}

/** Throws with the first index where got and want differ by more than atol + rtol * |want|. */
export function assertClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
  atol = 1e-4,
  rtol = 1e-4,
): void {
  if (got.length !== want.length) throw new Error(`${what}: ${got.length} values, expected ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= atol + rtol * Math.abs(want[i]))) {
      throw new Error(`${what}[${i}]: got ${got[i]}, expected ${want[i]}`);
    }
  }
}

/** Deterministic values in [-1, 1) from a seed (a fixed LCG), so failures replay. */
export function seededValues(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32) * 2 - 1;
  }
  return out;
}
