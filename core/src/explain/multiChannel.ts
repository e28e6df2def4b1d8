import { checkDense, maxAbsDifference, type DenseArray, type Dense64 } from './dense.ts';
import { windowGeometry } from './geometry.ts';
import type { ExerciseResult } from './exercises/result.ts';

/** X of the chapter's multi-input-channel example: channels 0..8 and 1..9, each 3x3. */
export const TEXTBOOK_MULTI_IN_X: Dense64 = {
  shape: [2, 3, 3],
  data: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
};

/** K of the same example: [[0, 1], [2, 3]] and [[1, 2], [3, 4]]. */
export const TEXTBOOK_MULTI_IN_K: Dense64 = {
  shape: [2, 2, 2],
  data: Float64Array.from([0, 1, 2, 3, 1, 2, 3, 4]),
};

/** The chapter's three-output-channel kernel: K, K + 1 and K + 2 stacked, shape [3, 2, 2, 2]. */
export function textbookKernelStack(): Dense64 {
  const n = TEXTBOOK_MULTI_IN_K.data.length;
  const data = new Float64Array(3 * n);
  for (let o = 0; o < 3; o++) for (let i = 0; i < n; i++) data[o * n + i] = TEXTBOOK_MULTI_IN_K.data[i] + o;
  return { shape: [3, ...TEXTBOOK_MULTI_IN_K.shape], data };
}

/** corr2d_multi_in: correlate each channel with its kernel and add the results. X [C, H, W], K [C, kh, kw]. */
export function corr2dMultiIn(input: DenseArray, kernel: DenseArray): Dense64 {
  const fn = 'corr2dMultiIn';
  const [c, h, w] = checkDense(fn, 'input', input, 3);
  const [kc, kh, kw] = checkDense(fn, 'kernel', kernel, 3);
  if (kc !== c) throw new Error(`${fn}: input has ${c} channels but kernel has ${kc}`);
  const g = windowGeometry(fn, h, w, kh, kw);
  const out = new Float64Array(g.outHeight * g.outWidth);
  // Layout: input [c][h][w], kernel [c][kh][kw], output [oh][ow], all row-major.
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < g.outHeight; i++) {
      for (let j = 0; j < g.outWidth; j++) {
        let s = 0;
        for (let a = 0; a < kh; a++) {
          for (let b = 0; b < kw; b++)
            s += input.data[(ch * h + i + a) * w + j + b] * kernel.data[(ch * kh + a) * kw + b];
        }
        out[i * g.outWidth + j] += s;
      }
    }
  }
  return { shape: [g.outHeight, g.outWidth], data: out };
}

/** corr2d_multi_in_out: one corr2dMultiIn per output channel. X [C, H, W], K [Co, C, kh, kw] → [Co, oh, ow]. */
export function corr2dMultiInOut(input: DenseArray, kernel: DenseArray): Dense64 {
  const fn = 'corr2dMultiInOut';
  checkDense(fn, 'input', input, 3);
  const [co, c, kh, kw] = checkDense(fn, 'kernel', kernel, 4);
  const per = c * kh * kw;
  const parts: Dense64[] = [];
  for (let o = 0; o < co; o++) {
    const slice = {
      shape: [c, kh, kw],
      data: Array.prototype.slice.call(kernel.data, o * per, (o + 1) * per) as number[],
    };
    parts.push(corr2dMultiIn(input, slice));
  }
  const [oh, ow] = parts[0].shape;
  const data = new Float64Array(co * oh * ow);
  parts.forEach((p, o) => data.set(p.data, o * oh * ow));
  return { shape: [co, oh, ow], data };
}

/**
 * A 1x1 convolution as the matrix product the chapter writes: Y (Co x HW) = K (Co x C) · X (C x HW).
 * X [C, H, W], K [Co, C, 1, 1] (or [Co, C]) → Y [Co, H, W].
 */
export function conv1x1AsMatrixProduct(input: DenseArray, kernel: DenseArray): Dense64 {
  const fn = 'conv1x1AsMatrixProduct';
  const [c, h, w] = checkDense(fn, 'input', input, 3);
  const kshape = Array.from(kernel.shape);
  if (!(kshape.length === 2 || (kshape.length === 4 && kshape[2] === 1 && kshape[3] === 1))) {
    throw new Error(
      `${fn}: kernel must be [outChannels, inChannels, 1, 1] or [outChannels, inChannels], got shape [${kshape.join(', ')}]`,
    );
  }
  const [co, kc] = checkDense(fn, 'kernel', kernel, kshape.length);
  if (kc !== c) throw new Error(`${fn}: input has ${c} channels but kernel has ${kc}`);
  const hw = h * w;
  const out = new Float64Array(co * hw);
  // Layout: X as a C x HW matrix (each channel's cells contiguous), K as Co x C, Y as Co x HW.
  for (let o = 0; o < co; o++) {
    for (let i = 0; i < c; i++) {
      const k = kernel.data[o * c + i];
      for (let p = 0; p < hw; p++) out[o * hw + p] += k * input.data[i * hw + p];
    }
  }
  return { shape: [co, h, w], data: out };
}

export interface Conv1x1Comparison extends ExerciseResult {
  readonly matrixProduct: Dense64;
  readonly maxAbsDifference: number;
}

/**
 * A 1x1 convolution's output (from conv2d, shape [Co, H, W] or [1, Co, H, W]) beside the matrix product
 * of the same input and kernel, with their largest difference: float32 rounding only.
 */
export function compareConv1x1(
  input: DenseArray,
  kernel: DenseArray,
  convolutionOutput: DenseArray,
): Conv1x1Comparison {
  const fn = 'compareConv1x1';
  const product = conv1x1AsMatrixProduct(input, kernel);
  const shape = Array.from(convolutionOutput.shape);
  const unbatched = shape.length === 4 && shape[0] === 1 ? shape.slice(1) : shape;
  if (unbatched.length !== 3 || unbatched.some((d, i) => d !== product.shape[i])) {
    throw new Error(
      `${fn}: the convolution output has shape [${shape.join(', ')}] but the product has shape [${product.shape.join(', ')}]`,
    );
  }
  const difference = maxAbsDifference(product, { shape: unbatched, data: convolutionOutput.data });
  let scale = 1;
  for (const v of product.data) scale = Math.max(scale, Math.abs(v));
  const passed = difference <= 1e-5 * scale;
  return {
    passed,
    matrixProduct: product,
    maxAbsDifference: difference,
    message: passed
      ? `The 1x1 convolution is a matrix product: K (${product.shape[0]}x${input.shape[0]}) times X (${input.shape[0]}x${product.shape[1] * product.shape[2]}, one row per channel); largest difference ${difference.toExponential(1)} (float32 rounding).`
      : `The convolution and the matrix product differ by up to ${difference}: more than float32 rounding.`,
  };
}

/** What one output channel is made of: each input channel's correlation with its kernel slice, and their sum. */
export interface OutputChannelParts {
  /** [C] parts, each [oh, ow]. */
  readonly parts: Dense64[];
  readonly sum: Dense64;
}

/**
 * corr2d_multi_in_out taken apart: for every output channel o, corr2d(X[c], K[o, c]) for every input
 * channel c, and their sum (the output channel). X [C, H, W], K [Co, C, kh, kw].
 */
export function multiChannelParts(input: DenseArray, kernel: DenseArray): OutputChannelParts[] {
  const fn = 'multiChannelParts';
  const [c, h, w] = checkDense(fn, 'input', input, 3);
  const [co, kc, kh, kw] = checkDense(fn, 'kernel', kernel, 4);
  if (kc !== c) throw new Error(`${fn}: input has ${c} channels but kernel expects ${kc}`);
  const result: OutputChannelParts[] = [];
  for (let o = 0; o < co; o++) {
    const parts: Dense64[] = [];
    for (let ch = 0; ch < c; ch++) {
      const x = {
        shape: [1, h, w],
        data: Array.prototype.slice.call(input.data, ch * h * w, (ch + 1) * h * w) as number[],
      };
      const start = (o * c + ch) * kh * kw;
      const k = {
        shape: [1, kh, kw],
        data: Array.prototype.slice.call(kernel.data, start, start + kh * kw) as number[],
      };
      parts.push(corr2dMultiIn(x, k));
    }
    const [oh, ow] = parts[0].shape;
    const sum = new Float64Array(oh * ow);
    for (const p of parts) for (let i = 0; i < sum.length; i++) sum[i] += p.data[i];
    result.push({ parts, sum: { shape: [oh, ow], data: sum } });
  }
  return result;
}

/** Grids of the same size stacked as the channels of one [C, H, W] input (drawn grids, or R, G, B planes). */
export function stackChannels(channels: readonly DenseArray[]): Dense64 {
  const fn = 'stackChannels';
  if (channels.length === 0) throw new Error(`${fn}: needs at least one channel`);
  const [h, w] = checkDense(fn, 'channel 0', channels[0], 2);
  const data = new Float64Array(channels.length * h * w);
  channels.forEach((ch, i) => {
    const [channelHeight, channelWidth] = checkDense(fn, `channel ${i}`, ch, 2);
    if (channelHeight !== h || channelWidth !== w)
      throw new Error(`${fn}: channel ${i} is ${channelHeight}x${channelWidth} but channel 0 is ${h}x${w}`);
    for (let j = 0; j < h * w; j++) data[i * h * w + j] = ch.data[j];
  });
  return { shape: [channels.length, h, w], data };
}
