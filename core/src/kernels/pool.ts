import type { ConvGeometry } from '../conv/geometry.ts';
import { layout, wasmAvgPool2x2, wasmHeap } from './wasm/simdKernels.ts';

// Pooling kernels. Layout: input [planes, H, W] and output [planes, OH, OW], row-major, where
// planes = N * C (pooling never mixes channels). The window of output (oh, ow) starts at input
// row oh * strideH - padTop and column ow * strideW - padLeft; positions in the padding are skipped.

/**
 * Max pooling. Writes the maximum into `out` and, into `argmax`, its index within the input plane
 * (ih * W + iw). As in PyTorch's CPU kernel, the first maximum wins and a NaN wins over any number (`v !== v` tests for NaN).
 */
export function maxPoolForward(
  input: Float32Array,
  out: Float32Array,
  argmax: Int32Array,
  g: ConvGeometry,
): void {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, kernelHeight: KH, kernelWidth: KW } = g;
  const { strideHeight, strideWidth, dilationHeight: dh, dilationWidth: dw, padTop, padLeft } = g;
  const planes = g.batch * g.inChannels;
  if (isTwoByTwoStrideTwo(g)) {
    maxPoolTwoByTwo(input, out, argmax, g);
    return;
  }
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * H * W;
    const outPlane = plane * OH * OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * strideHeight - padTop;
      // kernel rows whose input row is inside the image
      const khLo = h0 >= 0 ? 0 : Math.ceil(-h0 / dh);
      const khHi = Math.min(KH, Math.floor((H - 1 - h0) / dh) + 1);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * strideWidth - padLeft;
        const kwLo = w0 >= 0 ? 0 : Math.ceil(-w0 / dw);
        const kwHi = Math.min(KW, Math.floor((W - 1 - w0) / dw) + 1);
        let best = -Infinity;
        let bestIndex = (h0 + khLo * dh) * W + (w0 + kwLo * dw);
        for (let kh = khLo; kh < khHi; kh++) {
          const rowIndex = (h0 + kh * dh) * W;
          for (let kw = kwLo; kw < kwHi; kw++) {
            const index = rowIndex + w0 + kw * dw;
            const v = input[inPlane + index];
            if (v > best || v !== v) {
              best = v;
              bestIndex = index;
            }
          }
        }
        out[outPlane + oh * OW + ow] = best;
        argmax[outPlane + oh * OW + ow] = bestIndex;
      }
    }
  }
}

/** maxPoolForward for 2 x 2 windows with stride 2 inside the input, the four values in row-major order. */
function maxPoolTwoByTwo(input: Float32Array, out: Float32Array, argmax: Int32Array, g: ConvGeometry): void {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = g;
  const planes = g.batch * g.inChannels;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        // the comparisons of the general loop, unrolled: a later value wins when larger or NaN
        const a = 2 * oh * W + 2 * ow;
        let index = a;
        let best = input[inPlane + a];
        let v = input[inPlane + a + 1];
        if (v > best || v !== v) {
          best = v;
          index = a + 1;
        }
        v = input[inPlane + a + W];
        if (v > best || v !== v) {
          best = v;
          index = a + W;
        }
        v = input[inPlane + a + W + 1];
        if (v > best || v !== v) {
          best = v;
          index = a + W + 1;
        }
        out[o] = best;
        argmax[o] = index;
      }
    }
  }
}

/** gradInput[argmax] += gradOutput: each output's gradient goes to the input value it picked. */
export function maxPoolBackward(
  gradOutput: Float32Array,
  argmax: Int32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
): void {
  const inPlaneSize = g.inHeight * g.inWidth;
  const outPlaneSize = g.outHeight * g.outWidth;
  const planes = g.batch * g.inChannels;
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * inPlaneSize;
    const outPlane = plane * outPlaneSize;
    for (let i = 0; i < outPlaneSize; i++)
      gradInput[inPlane + argmax[outPlane + i]] += gradOutput[outPlane + i];
  }
}

/**
 * Visits every average-pooling window as PyTorch's CPU kernel defines it: the divisor counts the
 * padding (clipped to the padded input) when `countIncludePad`, otherwise only the input positions.
 * `visit(inPlane, outIndex, rowStart, rowEnd, colStart, colEnd, divisor)` gets the clipped window.
 */
function forEachAvgWindow(
  g: ConvGeometry,
  countIncludePad: boolean,
  visit: (
    inPlane: number,
    outIndex: number,
    h0: number,
    h1: number,
    w0: number,
    w1: number,
    divisor: number,
  ) => void,
): void {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, kernelHeight: KH, kernelWidth: KW } = g;
  const { strideHeight, strideWidth, padTop, padLeft, padBottom, padRight } = g;
  const planes = g.batch * g.inChannels;
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * H * W;
    const outPlane = plane * OH * OW;
    for (let oh = 0; oh < OH; oh++) {
      let h0 = oh * strideHeight - padTop;
      let h1 = Math.min(h0 + KH, H + padBottom);
      const poolHeight = h1 - h0;
      h0 = Math.max(h0, 0);
      h1 = Math.min(h1, H);
      for (let ow = 0; ow < OW; ow++) {
        let w0 = ow * strideWidth - padLeft;
        let w1 = Math.min(w0 + KW, W + padRight);
        const poolWidth = w1 - w0;
        w0 = Math.max(w0, 0);
        w1 = Math.min(w1, W);
        const divisor = countIncludePad ? poolHeight * poolWidth : (h1 - h0) * (w1 - w0);
        visit(inPlane, outPlane + oh * OW + ow, h0, h1, w0, w1, divisor);
      }
    }
  }
}

/**
 * Whether every window lies inside the input (no padding, no dilation, no ceil-mode overhang): then
 * every divisor is KH * KW and the loops need no clipping. LeNet's 2 x 2 pooling with stride 2 is such.
 */
function windowsInside(g: ConvGeometry): boolean {
  return (
    g.padTop === 0 &&
    g.padLeft === 0 &&
    g.dilationHeight === 1 &&
    g.dilationWidth === 1 &&
    (g.outHeight - 1) * g.strideHeight + g.kernelHeight <= g.inHeight &&
    (g.outWidth - 1) * g.strideWidth + g.kernelWidth <= g.inWidth
  );
}

/** 2 x 2 windows with stride 2, all inside: the layout of LeNet's pooling, unrolled. */
function isTwoByTwoStrideTwo(g: ConvGeometry): boolean {
  return (
    g.kernelHeight === 2 &&
    g.kernelWidth === 2 &&
    g.strideHeight === 2 &&
    g.strideWidth === 2 &&
    windowsInside(g)
  );
}

/** Values from which 2 x 2 average pooling runs in WebAssembly (below, the copies cost more). */
const WASM_MIN_VALUES = 4096;

/**
 * LeNet's pooling in the WebAssembly module (core/wasm/simdKernels.wat, f32x4: four outputs at a time) on
 * copies in its memory; false, having touched nothing, where it cannot run. The forward pass sums
 * each window in float32 ((top-left + bottom-left) + (top-right + bottom-right)), so it can differ
 * from the float64 JavaScript loop in the last bit.
 */
function avgPoolTwoByTwoWasm(
  direction: 'forward' | 'gradient',
  from: Float32Array,
  to: Float32Array,
  g: ConvGeometry,
): boolean {
  if (from.length < WASM_MIN_VALUES && to.length < WASM_MIN_VALUES) return false;
  const {
    offsets: [fromAt, toAt],
    total,
  } = layout([from.length, to.length]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  heap.set(from, fromAt);
  if (direction === 'gradient') heap.set(to, toAt);
  const planes = g.batch * g.inChannels;
  wasmAvgPool2x2(direction, fromAt, toAt, planes, g.inHeight, g.inWidth, g.outHeight, g.outWidth);
  to.set(heap.subarray(toAt, toAt + to.length));
  return true;
}

/**
 * Average pooling of windows that all lie inside the input, with no closure per window. Output
 * (plane, oh, ow) averages input rows oh * sH .. + KH, columns ow * sW .. + KW of the same plane.
 */
// Kept apart from avgPoolBackwardInside for speed: each is specialised per stride (2x2 stride 2 unrolled) in the direction it moves values.
function avgPoolForwardInside(input: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, kernelHeight: KH, kernelWidth: KW } = g;
  const { strideHeight: sH, strideWidth: sW } = g;
  const planes = g.batch * g.inChannels;
  const scale = 1 / (KH * KW);
  let o = 0;
  if (isTwoByTwoStrideTwo(g)) {
    if (avgPoolTwoByTwoWasm('forward', input, out, g)) return;
    for (let plane = 0; plane < planes; plane++) {
      const inPlane = plane * H * W;
      for (let oh = 0; oh < OH; oh++) {
        const top = inPlane + 2 * oh * W;
        const bottom = top + W;
        for (let ow = 0; ow < OW; ow++, o++) {
          const c = 2 * ow;
          out[o] = (input[top + c] + input[top + c + 1] + input[bottom + c] + input[bottom + c + 1]) * scale;
        }
      }
    }
    return;
  }
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        let sum = 0;
        for (let kh = 0; kh < KH; kh++) {
          const row = inPlane + (oh * sH + kh) * W + ow * sW;
          for (let kw = 0; kw < KW; kw++) sum += input[row + kw];
        }
        out[o] = sum * scale;
      }
    }
  }
}

// Kept apart from avgPoolForwardInside for speed: the same loops specialised per stride, scattering instead of gathering.
/** avgPoolForwardInside's gradient: each output's gradient / (KH * KW) added over its window. */
function avgPoolBackwardInside(gradOutput: Float32Array, gradInput: Float32Array, g: ConvGeometry): void {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, kernelHeight: KH, kernelWidth: KW } = g;
  const { strideHeight: sH, strideWidth: sW } = g;
  const planes = g.batch * g.inChannels;
  const scale = 1 / (KH * KW);
  let o = 0;
  if (isTwoByTwoStrideTwo(g)) {
    if (avgPoolTwoByTwoWasm('gradient', gradOutput, gradInput, g)) return;
    for (let plane = 0; plane < planes; plane++) {
      const inPlane = plane * H * W;
      for (let oh = 0; oh < OH; oh++) {
        const top = inPlane + 2 * oh * W;
        const bottom = top + W;
        for (let ow = 0; ow < OW; ow++, o++) {
          const c = 2 * ow;
          const share = gradOutput[o] * scale;
          gradInput[top + c] += share;
          gradInput[top + c + 1] += share;
          gradInput[bottom + c] += share;
          gradInput[bottom + c + 1] += share;
        }
      }
    }
    return;
  }
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o++) {
        const share = gradOutput[o] * scale;
        for (let kh = 0; kh < KH; kh++) {
          const row = inPlane + (oh * sH + kh) * W + ow * sW;
          for (let kw = 0; kw < KW; kw++) gradInput[row + kw] += share;
        }
      }
    }
  }
}

/** Average pooling into `out`. One closure call per output window, not per element. */
export function avgPoolForward(
  input: Float32Array,
  out: Float32Array,
  g: ConvGeometry,
  countIncludePad: boolean,
): void {
  if (windowsInside(g)) {
    avgPoolForwardInside(input, out, g);
    return;
  }
  const W = g.inWidth;
  forEachAvgWindow(g, countIncludePad, (inPlane, outIndex, h0, h1, w0, w1, divisor) => {
    let sum = 0;
    for (let ih = h0; ih < h1; ih++) {
      const row = inPlane + ih * W;
      for (let iw = w0; iw < w1; iw++) sum += input[row + iw];
    }
    out[outIndex] = divisor > 0 ? sum / divisor : 0;
  });
}

/** gradInput += each output's gradient spread evenly (1 / divisor) over its window. */
export function avgPoolBackward(
  gradOutput: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
  countIncludePad: boolean,
): void {
  if (windowsInside(g)) {
    avgPoolBackwardInside(gradOutput, gradInput, g);
    return;
  }
  const W = g.inWidth;
  forEachAvgWindow(g, countIncludePad, (inPlane, outIndex, h0, h1, w0, w1, divisor) => {
    if (divisor === 0) return;
    const share = gradOutput[outIndex] / divisor;
    for (let ih = h0; ih < h1; ih++) {
      const row = inPlane + ih * W;
      for (let iw = w0; iw < w1; iw++) gradInput[row + iw] += share;
    }
  });
}
