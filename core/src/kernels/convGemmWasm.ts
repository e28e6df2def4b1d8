import type { ConvGeometry } from '../conv/geometry.ts';
import { layout, packFloats, wasmCol2im, wasmGemm, wasmHeap, wasmIm2col } from './wasm/simdKernels.ts';

// The im2col + GEMM convolution of convGemm.ts (same matrices and layouts, see there) with im2col,
// col2im and the products all done by the WebAssembly module (core/wasm/simdKernels.wat), on copies of the
// input (or input gradient), weight and gradOutput in its memory. Each function returns false,
// having touched nothing, when WebAssembly is unavailable or the memory cannot grow enough; the
// caller then runs the JavaScript path.
//
// The col matrix is built one band of output rows at a time, at most BAND_FLOATS floats, so it is
// written and read back while still in L2 (a whole col matrix is 1.6 MB per image on shape E).

/** Floats of col per band: 256 KB, a quarter of a common 1 MB per-core L2, so a band stays cached. */
const BAND_FLOATS = 65536;

/** Output rows per band for a col of K rows. */
function bandRows(g: ConvGeometry, K: number): number {
  return Math.max(1, Math.floor(BAND_FLOATS / (K * g.outWidth)));
}

/** Float offset of the first input plane of image n, group `group`, in an [N, C, H, W] tensor. */
function planeOffset(g: ConvGeometry, n: number, group: number): number {
  return (n * g.inChannels + group * g.inChannelsPerGroup) * g.inHeight * g.inWidth;
}

// Kept apart from the backward passes and convDirectWasm.ts for speed: each lays out the module's memory for its own operands and strides.
/** output = conv2d(input, weight) + bias, written into `out` (overwritten). */
export function conv2dForwardWasm(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  g: ConvGeometry,
): boolean {
  const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const P = g.outHeight * g.outWidth;
  const OCg = g.outChannelsPerGroup;
  const rows = bandRows(g, K);
  // the input comes first: the stride-2 im2col reads one float past the values it uses
  const {
    offsets: [x, w, col, result, pack],
    total,
  } = layout([input.length, weight.length, K * rows * g.outWidth, OCg * P, packFloats(OCg, K)]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  heap.set(input, x);
  heap.set(weight, w);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      const planes = x + planeOffset(g, n, group);
      // With a bias, each result row starts as its channel's bias (a native fill) and the products
      // add to it: the same float32 sums as adding the bias afterwards, without a pass in JavaScript.
      if (bias !== null) {
        for (let oc = 0; oc < OCg; oc++) {
          heap.fill(bias[group * OCg + oc], result + oc * P, result + (oc + 1) * P);
        }
      }
      for (let oh0 = 0; oh0 < g.outHeight; oh0 += rows) {
        const oh1 = Math.min(g.outHeight, oh0 + rows);
        const band = (oh1 - oh0) * g.outWidth;
        wasmIm2col(planes, col, g, oh0, oh1);
        // weight_g [OCg, K] times the band of col [K, band], into columns oh0 * OW.. of result [OCg, P]
        const c = result + oh0 * g.outWidth;
        wasmGemm(OCg, band, K, w + group * OCg * K, K, 1, col, band, 1, c, P, bias !== null, pack);
      }
      out.set(heap.subarray(result, result + OCg * P), (n * g.outChannels + group * OCg) * P);
    }
  }
  return true;
}

// Kept apart from the forward pass for speed: the same set-up with this pass's memory layout and transposes.
/** gradInput += col2im(weight_gᵀ · gradOutput), per image and group. */
export function conv2dBackwardInputWasm(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
): boolean {
  const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const P = g.outHeight * g.outWidth;
  const OCg = g.outChannelsPerGroup;
  const rows = bandRows(g, K);
  const {
    offsets: [gradX, w, gradOut, gradCol, pack],
    total,
  } = layout([gradInput.length, weight.length, OCg * P, K * rows * g.outWidth, packFloats(K, OCg)]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  heap.set(gradInput, gradX);
  heap.set(weight, w);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      const outOffset = (n * g.outChannels + group * OCg) * P;
      heap.set(gradOutput.subarray(outOffset, outOffset + OCg * P), gradOut);
      for (let oh0 = 0; oh0 < g.outHeight; oh0 += rows) {
        const oh1 = Math.min(g.outHeight, oh0 + rows);
        const band = (oh1 - oh0) * g.outWidth;
        // weight_g is [OCg, K]; read transposed: element (k, oc) at oc * K + k. gradOutput's band
        // is its columns oh0 * OW.. with row stride P.
        const b = gradOut + oh0 * g.outWidth;
        wasmGemm(K, band, OCg, w + group * OCg * K, 1, K, b, P, 1, gradCol, band, false, pack);
        wasmCol2im(gradCol, gradX + planeOffset(g, n, group), g, oh0, oh1);
      }
    }
  }
  gradInput.set(heap.subarray(gradX, gradX + gradInput.length));
  return true;
}

/** gradWeight += gradOutput_g · colᵀ, summed over images. */
export function conv2dBackwardWeightWasm(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
  g: ConvGeometry,
): boolean {
  const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const P = g.outHeight * g.outWidth;
  const OCg = g.outChannelsPerGroup;
  const rows = bandRows(g, K);
  // the input comes first: the stride-2 im2col reads one float past the values it uses
  const {
    offsets: [x, gradOut, col, gradW, pack],
    total,
  } = layout([
    input.length,
    OCg * P,
    K * rows * g.outWidth,
    gradWeight.length,
    packFloats(OCg, rows * g.outWidth),
  ]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  heap.set(input, x);
  heap.set(gradWeight, gradW);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      const outOffset = (n * g.outChannels + group * OCg) * P;
      heap.set(gradOutput.subarray(outOffset, outOffset + OCg * P), gradOut);
      for (let oh0 = 0; oh0 < g.outHeight; oh0 += rows) {
        const oh1 = Math.min(g.outHeight, oh0 + rows);
        const band = (oh1 - oh0) * g.outWidth;
        wasmIm2col(x + planeOffset(g, n, group), col, g, oh0, oh1);
        // gradOutput's band [OCg, band] (row stride P) times the band of colᵀ: element (p, k) of
        // colᵀ is col[k * band + p].
        const a = gradOut + oh0 * g.outWidth;
        wasmGemm(OCg, K, band, a, P, 1, col, 1, band, gradW + group * OCg * K, K, true, pack);
      }
    }
  }
  gradWeight.set(heap.subarray(gradW, gradW + gradWeight.length));
  return true;
}
