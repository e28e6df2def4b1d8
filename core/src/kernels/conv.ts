import type { ConvGeometry } from '../conv/geometry.ts';
import { conv2dForwardDirect } from './conv-direct-forward.ts';
import { conv2dBackwardInputDirect } from './conv-direct-input-grad.ts';
import { conv2dBackwardBias, conv2dBackwardWeightDirect } from './conv-direct-weight-grad.ts';
import { conv2dBackwardInputGemm, conv2dBackwardWeightGemm, conv2dForwardGemm } from './conv-gemm.ts';

/** Which family of loops computes a convolution; `auto` picks by size, the others force one (tests). */
export type ConvPath = 'auto' | 'direct' | 'gemm';

/**
 * Direct loops win while the reduction per output value (Cg * KH * KW) is short or there are few
 * output channels to share an im2col matrix, and for 3-wide kernels of at least three rows, whose
 * fused nine-tap loops reach the GEMM's speed without the im2col copy; im2col + GEMM wins for larger
 * kernels over many channels (measured with `npm run bench`: shape D runs direct, E runs GEMM).
 */
export function choosePath(g: ConvGeometry, path: ConvPath): 'direct' | 'gemm' {
  if (path !== 'auto') return path;
  if (g.kernelWidth === 3 && g.kernelHeight >= 3) return 'direct';
  const reduction = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  return reduction >= 16 && g.outChannelsPerGroup >= 4 ? 'gemm' : 'direct';
}

export function conv2dForwardKernel(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  g: ConvGeometry,
  path: ConvPath = 'auto',
): void {
  if (choosePath(g, path) === 'gemm') conv2dForwardGemm(input, weight, bias, out, g);
  else conv2dForwardDirect(input, weight, bias, out, g);
}

/** Puts dL/dinput into gradInput, which must arrive zero-filled (some paths add into it, some write). */
export function conv2dBackwardInputKernel(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
  path: ConvPath = 'auto',
): void {
  if (choosePath(g, path) === 'gemm') conv2dBackwardInputGemm(gradOutput, weight, gradInput, g);
  else conv2dBackwardInputDirect(gradOutput, weight, gradInput, g);
}

/** gradWeight += dL/dweight. */
export function conv2dBackwardWeightKernel(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
  g: ConvGeometry,
  path: ConvPath = 'auto',
): void {
  if (choosePath(g, path) === 'gemm') conv2dBackwardWeightGemm(gradOutput, input, gradWeight, g);
  else conv2dBackwardWeightDirect(gradOutput, input, gradWeight, g);
}

export { conv2dBackwardBias };
