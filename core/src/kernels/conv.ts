import type { ConvGeometry } from '../conv/geometry.ts';
import { conv2dForwardDirect } from './conv-direct-forward.ts';
import { conv2dBackwardInputDirect } from './conv-direct-input-grad.ts';
import { conv2dBackwardBias, conv2dBackwardWeightDirect } from './conv-direct-weight-grad.ts';
import { conv2dBackwardInputGemm, conv2dBackwardWeightGemm, conv2dForwardGemm } from './conv-gemm.ts';
import { conv2dBackwardInputWasm, conv2dBackwardWeightWasm, conv2dForwardWasm } from './conv-gemm-wasm.ts';
import { wasmGemmAvailable } from './wasm/wasm-gemm.ts';

/**
 * Which loops compute a convolution. `auto` picks by size; the others force one (tests, bench):
 * `gemm` is im2col + GEMM with the GEMM engine picked by size, `gemm-js` and `gemm-wasm` force the
 * JavaScript or the WebAssembly GEMM (`gemm-wasm` falls back to JavaScript where wasm cannot run).
 */
export type ConvPath = 'auto' | 'direct' | 'gemm' | 'gemm-js' | 'gemm-wasm';

/** The kernel that actually runs. */
export type ConvKernel = 'direct' | 'gemm-js' | 'gemm-wasm';

/** Direct loops or im2col + GEMM (either engine); see chooseKernel. */
export function choosePath(g: ConvGeometry, path: ConvPath): 'direct' | 'gemm' {
  return chooseKernel(g, path) === 'direct' ? 'direct' : 'gemm';
}

/**
 * The one place that decides which kernel runs (measured on this 2-core machine with `npm run bench`
 * and throwaway scripts timing forward + both gradients per kernel):
 * - Direct loops win while the reduction per output value (Cg * KH * KW) is short or there are few
 *   output channels to share an im2col matrix (shapes A, B, C).
 * - Otherwise im2col + the WebAssembly SIMD GEMM wins everywhere it can run: its products reach
 *   25-29 GMAC/s against ~2 for the JavaScript GEMM, so E (5x5) runs about 5x faster and D (3x3 over
 *   3 channels) about 2.5x faster than the fused nine-tap direct loops.
 * - Where WebAssembly cannot run (no global, or a CSP without 'wasm-unsafe-eval'), 3-wide kernels of
 *   at least three rows stay on the fused direct loops, which match the JavaScript GEMM without the
 *   im2col copy, and larger kernels use the JavaScript GEMM.
 * - Below WASM_MIN_MACS multiply-adds per image the two GEMMs are within noise of each other (the
 *   wasm call pays for copying the weight and the result), so those stay in JavaScript.
 */
export function chooseKernel(g: ConvGeometry, path: ConvPath): ConvKernel {
  if (path === 'direct' || path === 'gemm-js') return path;
  if (path === 'gemm-wasm') return wasmGemmAvailable() ? 'gemm-wasm' : 'gemm-js';
  const reduction = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  if (path === 'auto' && (reduction < 16 || g.outChannelsPerGroup < 4)) return 'direct';
  const macsPerImage = g.outChannels * reduction * g.outHeight * g.outWidth;
  if (macsPerImage >= WASM_MIN_MACS && wasmGemmAvailable()) return 'gemm-wasm';
  if (path === 'auto' && g.kernelWidth === 3 && g.kernelHeight >= 3) return 'direct';
  return 'gemm-js';
}

/** Multiply-adds per image from which the WebAssembly GEMM is measurably faster (~1.5x at 5,000). */
const WASM_MIN_MACS = 2048;

export function conv2dForwardKernel(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  g: ConvGeometry,
  path: ConvPath = 'auto',
): void {
  const kernel = chooseKernel(g, path);
  if (kernel === 'direct') conv2dForwardDirect(input, weight, bias, out, g);
  else if (kernel === 'gemm-js' || !conv2dForwardWasm(input, weight, bias, out, g)) {
    conv2dForwardGemm(input, weight, bias, out, g);
  }
}

/** Puts dL/dinput into gradInput, which must arrive zero-filled (some paths add into it, some write). */
export function conv2dBackwardInputKernel(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
  path: ConvPath = 'auto',
): void {
  const kernel = chooseKernel(g, path);
  if (kernel === 'direct') conv2dBackwardInputDirect(gradOutput, weight, gradInput, g);
  else if (kernel === 'gemm-js' || !conv2dBackwardInputWasm(gradOutput, weight, gradInput, g)) {
    conv2dBackwardInputGemm(gradOutput, weight, gradInput, g);
  }
}

/** gradWeight += dL/dweight. */
export function conv2dBackwardWeightKernel(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
  g: ConvGeometry,
  path: ConvPath = 'auto',
): void {
  const kernel = chooseKernel(g, path);
  if (kernel === 'direct') conv2dBackwardWeightDirect(gradOutput, input, gradWeight, g);
  else if (kernel === 'gemm-js' || !conv2dBackwardWeightWasm(gradOutput, input, gradWeight, g)) {
    conv2dBackwardWeightGemm(gradOutput, input, gradWeight, g);
  }
}

export { conv2dBackwardBias };
