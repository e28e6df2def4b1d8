import type { ConvGeometry } from '../conv/geometry.ts';
import { gemm, gemmNT } from './gemm.ts';
import { col2im, im2col } from './im2col.ts';
import { windowRanges } from './windowRanges.ts';

// im2col + GEMM convolution kernels, best for many channels or large kernels. Per image n and group:
//   col      [K, P]     with K = Cg * KH * KW, P = OH * OW (layout in im2col.ts)
//   weight_g [OCg, K]   rows oc = group * OCg .. (the weight tensor is already [OC, Cg, KH, KW] row-major)
//   output   [OCg, P]   the output planes of that group's channels, contiguous in [N, OC, OH, OW]
// forward: out = weight_g · col; weight gradient: gW_g += gradOut · colᵀ;
// input gradient: gradCol = weight_gᵀ · gradOut, then col2im adds it into the input gradient.

/** One scratch matrix reused across calls (kernels are synchronous, so it is never shared in flight). */
let scratch = new Float32Array(0);
function scratchOf(size: number): Float32Array {
  if (scratch.length < size) scratch = new Float32Array(size);
  return scratch;
}

// Kept apart from the two backward passes for speed: each calls gemm with its own operands, transposes and offsets, with no callback per image and group.
/** output = conv2d(input, weight) + bias, written into `out` (overwritten). */
export function conv2dForwardGemm(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  g: ConvGeometry,
): void {
  const ranges = windowRanges(g);
  const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const P = g.outHeight * g.outWidth;
  const OCg = g.outChannelsPerGroup;
  const col = scratchOf(K * P);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      im2col(input, n, group, col, g, ranges);
      const outOffset = (n * g.outChannels + group * OCg) * P;
      gemm(OCg, P, K, weight, group * OCg * K, K, 1, col, 0, out, outOffset, false);
    }
  }
  if (bias !== null) addBias(out, bias, g);
}

/** out[n, oc, :, :] += bias[oc], for the GEMM paths (the GEMM itself has no bias term). */
function addBias(out: Float32Array, bias: Float32Array, g: ConvGeometry): void {
  const P = g.outHeight * g.outWidth;
  for (let n = 0; n < g.batch; n++) {
    for (let oc = 0; oc < g.outChannels; oc++) {
      const b = bias[oc];
      const start = (n * g.outChannels + oc) * P;
      for (let p = start; p < start + P; p++) out[p] += b;
    }
  }
}

/** gradInput += col2im(weight_gᵀ · gradOutput), per image and group. */
export function conv2dBackwardInputGemm(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
): void {
  const ranges = windowRanges(g);
  const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const P = g.outHeight * g.outWidth;
  const OCg = g.outChannelsPerGroup;
  const gradCol = scratchOf(K * P);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      const outOffset = (n * g.outChannels + group * OCg) * P;
      // weight_g is [OCg, K]; read transposed: element (k, oc) at oc * K + k.
      gemm(K, P, OCg, weight, group * OCg * K, 1, K, gradOutput, outOffset, gradCol, 0, false);
      col2im(gradCol, n, group, gradInput, g, ranges);
    }
  }
}

// Kept apart from the forward pass for speed: the same band set-up, then gemm with this pass's transposes.
/** gradWeight += gradOutput_g · colᵀ, summed over images. */
export function conv2dBackwardWeightGemm(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
  g: ConvGeometry,
): void {
  const ranges = windowRanges(g);
  const K = g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth;
  const P = g.outHeight * g.outWidth;
  const OCg = g.outChannelsPerGroup;
  const col = scratchOf(K * P);
  for (let n = 0; n < g.batch; n++) {
    for (let group = 0; group < g.groups; group++) {
      im2col(input, n, group, col, g, ranges);
      const outOffset = (n * g.outChannels + group * OCg) * P;
      gemmNT(OCg, K, P, gradOutput, outOffset, col, 0, gradWeight, group * OCg * K);
    }
  }
}
