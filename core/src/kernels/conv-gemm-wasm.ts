import type { ConvGeometry } from '../conv/geometry.ts';
import { addBias } from './conv-gemm.ts';
import { col2im, im2col } from './im2col.ts';
import { layout, packFloats, wasmGemm, wasmHeap } from './wasm/wasm-gemm.ts';
import { windowRanges } from './window-ranges.ts';

// The im2col + GEMM convolution of conv-gemm.ts (same matrices and layouts, see there) with the
// products done by the WebAssembly SIMD GEMM. Matrices live in the module's memory: im2col writes
// straight into it and col2im reads straight from it, so only the weight, gradOutput and results
// are copied. Each function returns false, having touched nothing, when WebAssembly is unavailable
// or the memory cannot grow enough; the caller then runs the JavaScript path.

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
  const {
    offsets: [w, col, result, pack],
    total,
  } = layout([weight.length, K * P, OCg * P, packFloats(OCg, K)]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  const ranges = windowRanges(g);
  heap.set(weight, w);
  const colView = heap.subarray(col, col + K * P);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      im2col(input, n, group, colView, g, ranges);
      // weight_g [OCg, K] row-major times col [K, P] row-major
      wasmGemm(OCg, P, K, w + group * OCg * K, K, 1, col, P, 1, result, P, false, pack);
      out.set(heap.subarray(result, result + OCg * P), (n * g.outChannels + group * OCg) * P);
    }
  }
  if (bias !== null) addBias(out, bias, g);
  return true;
}

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
  const {
    offsets: [w, gradOut, gradCol, pack],
    total,
  } = layout([weight.length, OCg * P, K * P, packFloats(K, OCg)]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  const ranges = windowRanges(g);
  heap.set(weight, w);
  const gradColView = heap.subarray(gradCol, gradCol + K * P);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      const outOffset = (n * g.outChannels + group * OCg) * P;
      heap.set(gradOutput.subarray(outOffset, outOffset + OCg * P), gradOut);
      // weight_g is [OCg, K]; read transposed: element (k, oc) at oc * K + k.
      wasmGemm(K, P, OCg, w + group * OCg * K, 1, K, gradOut, P, 1, gradCol, P, false, pack);
      col2im(gradColView, n, group, gradInput, g, ranges);
    }
  }
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
  const {
    offsets: [gradOut, col, gradW, pack],
    total,
  } = layout([OCg * P, K * P, gradWeight.length, packFloats(OCg, P)]);
  const heap = wasmHeap(total);
  if (heap === null) return false;
  const ranges = windowRanges(g);
  heap.set(gradWeight, gradW);
  const colView = heap.subarray(col, col + K * P);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      const outOffset = (n * g.outChannels + group * OCg) * P;
      heap.set(gradOutput.subarray(outOffset, outOffset + OCg * P), gradOut);
      im2col(input, n, group, colView, g, ranges);
      // gradOutput_g [OCg, P] times colᵀ: element (p, k) of colᵀ is col[k * P + p].
      wasmGemm(OCg, K, P, gradOut, P, 1, col, 1, P, gradW + group * OCg * K, K, true, pack);
    }
  }
  gradWeight.set(heap.subarray(gradW, gradW + gradWeight.length));
  return true;
}
