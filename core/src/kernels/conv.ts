import type { ConvGeometry } from '../conv/geometry.ts';
import { conv2dForwardDirect } from './convDirectForward.ts';
import { conv2dBackwardInputDirect } from './convDirectInputGrad.ts';
import { conv2dBackwardBias, conv2dBackwardWeightDirect } from './convDirectWeightGrad.ts';
import { conv2dBackwardInputGemm, conv2dBackwardWeightGemm, conv2dForwardGemm } from './convGemm.ts';
import {
  conv2dBackwardInputDirectWasm,
  conv2dBackwardWeightDirectWasm,
  conv2dForwardDirectWasm,
  directWasmApplies,
} from './convDirectWasm.ts';
import { conv2dBackwardInputWasm, conv2dBackwardWeightWasm, conv2dForwardWasm } from './convGemmWasm.ts';
import { simdKernelsAvailable } from './wasm/simdKernels.ts';

/**
 * Which loops compute a convolution. `auto` picks by size; the others force one (tests, bench):
 * `gemm` is im2col + GEMM with the GEMM engine picked by size, `gemm-js` and `gemm-wasm` force the
 * JavaScript or the WebAssembly GEMM (`gemm-wasm` falls back to JavaScript where wasm cannot run),
 * `direct-wasm` the WebAssembly direct loops (the JavaScript ones where those do not apply or wasm
 * cannot run).
 */
export type ConvPath = 'auto' | 'direct' | 'direct-wasm' | 'gemm' | 'gemm-js' | 'gemm-wasm';

/** The kernel that actually runs. */
export type ConvKernel = 'direct' | 'direct-wasm' | 'gemm-js' | 'gemm-wasm';

/**
 * The one place that decides which kernel runs. The thresholds come from `npm run bench` and
 * throwaway scripts timing forward + both gradients per kernel; the ratios below are what they showed.
 * - With WebAssembly, im2col + GEMM in the wasm module (core/wasm/simdKernels.wat) wins wherever more than
 *   one input and output channel meet: its f32x4 products run about ten times as fast as the
 *   JavaScript GEMM, and its im2col/col2im copy rows with f32x4. Shapes D and E (3x3 over 3 channels,
 *   LeNet-sized channel counts) take about a seventh of the time of the fused direct loops, and
 *   small multi-channel cases (1x1 over 8 channels, 2x2 over 2, 3x3 into 8, ...) 2-12x less.
 * - A single input and output channel per group (shapes B, C, depthwise) with stride 1 and
 *   dilation 1 runs the wasm direct loops (convDirectWasm.ts: f32x4 over four output columns on
 *   a zero-padded copy of the plane; the stride-1 input gradient is the same correlation with the
 *   flipped kernel): 3-4x faster than the JavaScript direct loops for 3x3, about 9x for 5x5.
 *   Below DIRECT_WASM_MIN_MACS they tie or JavaScript wins (the notebook's 6x8 with 1x2, 84
 *   multiply-adds, or 4x4 with 2x2: the call's fixed cost outweighs the loop), so those stay in
 *   JavaScript, as do strided and dilated planes. Other single-plane cases take the JS direct
 *   loops, which beat im2col + wasm GEMM there (no im2col copy of a large plane).
 * - Without WebAssembly (no global, or a CSP without 'wasm-unsafe-eval'): direct loops while the
 *   reduction per output value (Cg * KH * KW) is short or few output channels share an im2col
 *   matrix, and for 3-wide kernels of at least three rows (fused loops as fast as the JavaScript
 *   GEMM without the im2col copy); the JavaScript GEMM for larger kernels over many channels.
 * - Below WASM_MIN_MACS multiply-adds per image the wasm call's fixed costs (copying input, weight
 *   and result) are not repaid, so those stay in JavaScript too.
 */
export function chooseKernel(g: ConvGeometry, path: ConvPath): ConvKernel {
  if (path === 'direct' || path === 'gemm-js') return path;
  if (path === 'direct-wasm')
    return directWasmApplies(g) && simdKernelsAvailable() ? 'direct-wasm' : 'direct';
  if (path === 'gemm-wasm') return simdKernelsAvailable() ? 'gemm-wasm' : 'gemm-js';
  const reduction = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const macsPerImage = g.outChannels * reduction * g.outHeight * g.outWidth;
  const wasm = macsPerImage >= WASM_MIN_MACS && simdKernelsAvailable();
  if (path === 'gemm') return wasm ? 'gemm-wasm' : 'gemm-js';
  if (directWasmApplies(g) && macsPerImage >= DIRECT_WASM_MIN_MACS && simdKernelsAvailable()) {
    return 'direct-wasm';
  }
  if (wasm) return g.inChannelsPerGroup * g.outChannelsPerGroup > 1 ? 'gemm-wasm' : 'direct';
  if (reduction < 16 || g.outChannelsPerGroup < 4) return 'direct';
  if (g.kernelWidth === 3 && g.kernelHeight >= 3) return 'direct';
  return 'gemm-js';
}

/** Multiply-adds per image from which the wasm path beats the JavaScript ones (it does at ~800). */
const WASM_MIN_MACS = 512;

/** Multiply-adds per image from which the wasm direct loops beat the JavaScript ones (~100-200). */
const DIRECT_WASM_MIN_MACS = 128;

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
  else if (kernel === 'direct-wasm') {
    if (!conv2dForwardDirectWasm(input, weight, bias, out, g))
      conv2dForwardDirect(input, weight, bias, out, g);
  } else if (kernel === 'gemm-js' || !conv2dForwardWasm(input, weight, bias, out, g)) {
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
  else if (kernel === 'direct-wasm') {
    if (!conv2dBackwardInputDirectWasm(gradOutput, weight, gradInput, g)) {
      conv2dBackwardInputDirect(gradOutput, weight, gradInput, g);
    }
  } else if (kernel === 'gemm-js' || !conv2dBackwardInputWasm(gradOutput, weight, gradInput, g)) {
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
  else if (kernel === 'direct-wasm') {
    if (!conv2dBackwardWeightDirectWasm(gradOutput, input, gradWeight, g)) {
      conv2dBackwardWeightDirect(gradOutput, input, gradWeight, g);
    }
  } else if (kernel === 'gemm-js' || !conv2dBackwardWeightWasm(gradOutput, input, gradWeight, g)) {
    conv2dBackwardWeightGemm(gradOutput, input, gradWeight, g);
  }
}

export { conv2dBackwardBias };
