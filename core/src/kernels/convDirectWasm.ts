import type { ConvGeometry } from '../conv/geometry.ts';
import { transposedGeometry } from './convDirectInputGrad.ts';
import { layout, wasmCorrPlane, wasmCorrWeightGrad, wasmHeap, wasmPadPlane } from './wasm/simdKernels.ts';

// The direct convolution for one input and one output channel per group (the notebook's single
// plane, depthwise), stride 1 and dilation 1, in the WebAssembly module (core/wasm/simdKernels.wat:
// padPlane, corrPlane, corrWeightGrad), four adjacent output columns per f32x4. Layouts as in
// convDirectForward.ts; with one channel per group, out channel c reads input channel c and its
// kernel is weight[c] ([C, 1, KH, KW]). Each plane is first copied into a zero-padded plane of
// OH + KH - 1 rows and roundUp4(OW) + KW - 1 columns inside the module's memory, so the SIMD loops
// need no bounds. Every function returns false, having touched nothing, when WebAssembly is
// unavailable or its memory cannot grow enough; the caller then runs the JavaScript loops.

/** Whether these kernels compute g: one channel in and out per group, stride 1, dilation 1. */
export function directWasmApplies(g: ConvGeometry): boolean {
  return (
    g.inChannelsPerGroup === 1 &&
    g.outChannelsPerGroup === 1 &&
    g.strideHeight === 1 &&
    g.strideWidth === 1 &&
    g.dilationHeight === 1 &&
    g.dilationWidth === 1
  );
}

const roundUp4 = (n: number) => (n + 3) & ~3;

/**
 * Correlates every plane of `planes` ([N, C, inH, inW], already in the heap at offset x) with its own
 * kernel (at offset w, KH * KW floats per channel) into [N, C, OH, OW], copied into `out` at the end.
 * padTop and padLeft may be negative (the input gradient crops as well as pads).
 */
function correlatePlanes(
  heapFloats: number,
  fill: (heap: Float32Array, x: number, w: number) => void,
  out: Float32Array,
  bias: Float32Array | null,
  planes: number,
  channels: number,
  inH: number,
  inW: number,
  padTop: number,
  padLeft: number,
  KH: number,
  KW: number,
  OH: number,
  OW: number,
): boolean {
  const Hp = OH + KH - 1;
  const Wp = roundUp4(OW) + KW - 1;
  const kernelSize = KH * KW;
  const {
    offsets: [x, w, padded, splat, result],
    total,
  } = layout([heapFloats, channels * kernelSize, Hp * Wp, 4 * kernelSize, out.length + 4]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  fill(heap, x, w);
  const inPlane = inH * inW;
  const outPlane = OH * OW;
  for (let p = 0; p < planes; p++) {
    const c = p % channels;
    wasmPadPlane(x + p * inPlane, inH, inW, padTop, padLeft, padded, Hp, Wp);
    const b = bias === null ? 0 : bias[c];
    wasmCorrPlane(padded, Wp, w + c * kernelSize, KH, KW, splat, result + p * outPlane, OH, OW, false, b);
  }
  out.set(heap.subarray(result, result + out.length));
  return true;
}

// Kept apart from convGemmWasm.ts for speed: the direct kernel's memory layout (whole planes, padded once) differs from the GEMM's bands.
/** output = conv2d(input, weight) + bias, written into `out` (overwritten). Needs directWasmApplies(g). */
export function conv2dForwardDirectWasm(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  g: ConvGeometry,
): boolean {
  return correlatePlanes(
    input.length,
    (heap, x, w) => {
      heap.set(input, x);
      heap.set(weight, w);
    },
    out,
    bias,
    g.batch * g.outChannels,
    g.outChannels,
    g.inHeight,
    g.inWidth,
    g.padTop,
    g.padLeft,
    g.kernelHeight,
    g.kernelWidth,
    g.outHeight,
    g.outWidth,
  );
}

/**
 * dL/dinput written into gradInput: for stride 1 the correlation of gradOutput, padded by
 * kernel - 1 - pad, with each kernel flipped (see convDirectInputGrad.ts). Needs directWasmApplies(g).
 */
export function conv2dBackwardInputDirectWasm(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
): boolean {
  const t = transposedGeometry(g);
  const kernelSize = g.kernelHeight * g.kernelWidth;
  return correlatePlanes(
    gradOutput.length,
    (heap, x, w) => {
      heap.set(gradOutput, x);
      for (let c = 0; c < g.inChannels; c++) {
        const from = c * kernelSize + kernelSize - 1;
        const to = w + c * kernelSize;
        for (let k = 0; k < kernelSize; k++) heap[to + k] = weight[from - k];
      }
    },
    gradInput,
    null,
    g.batch * g.inChannels,
    g.inChannels,
    t.inHeight,
    t.inWidth,
    t.padTop,
    t.padLeft,
    g.kernelHeight,
    g.kernelWidth,
    t.outHeight,
    t.outWidth,
  );
}

/** gradWeight += correlation of each input plane with its gradOutput plane. Needs directWasmApplies(g). */
export function conv2dBackwardWeightDirectWasm(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
  g: ConvGeometry,
): boolean {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW, kernelHeight: KH, kernelWidth: KW } = g;
  const OW4 = roundUp4(OW);
  const Hp = OH + KH - 1;
  const Wp = OW4 + KW - 1;
  const kernelSize = KH * KW;
  const {
    offsets: [x, dy, padded, paddedDy, sums],
    total,
  } = layout([input.length, gradOutput.length, Hp * Wp, OH * OW4, kernelSize]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  heap.set(input, x);
  heap.set(gradOutput, dy);
  const planes = g.batch * g.inChannels;
  for (let p = 0; p < planes; p++) {
    wasmPadPlane(x + p * H * W, H, W, g.padTop, g.padLeft, padded, Hp, Wp);
    wasmPadPlane(dy + p * OH * OW, OH, OW, 0, 0, paddedDy, OH, OW4);
    wasmCorrWeightGrad(padded, Wp, paddedDy, OW4, OH, KH, KW, sums);
    const c = (p % g.inChannels) * kernelSize;
    for (let k = 0; k < kernelSize; k++) gradWeight[c + k] += heap[sums + k];
  }
  return true;
}
