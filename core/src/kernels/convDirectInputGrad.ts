import type { ConvGeometry } from '../conv/geometry.ts';
import { conv2dForwardDirect } from './convDirectForward.ts';
import { windowRanges } from './windowRanges.ts';

// Direct (loop) input gradient of conv2d. Layouts as in convDirectForward.ts.

/**
 * dL/dinput into gradInput, which must arrive zero-filled. For stride 1 this is itself a correlation
 * (of gradOutput, padded by effectiveKernel - 1 - pad, with the kernel flipped and its channel axes
 * swapped), so it reuses the fused forward loops, which write; strided convolutions scatter (add).
 */
export function conv2dBackwardInputDirect(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
): void {
  if (g.strideHeight === 1 && g.strideWidth === 1) {
    const flipped = flipKernel(weight, g);
    conv2dForwardDirect(gradOutput, flipped, null, gradInput, transposedGeometry(g));
  } else {
    scatterInputGradient(gradOutput, weight, gradInput, g);
  }
}

/** The geometry of the stride-1 input gradient seen as a forward correlation (pads may be negative). */
export function transposedGeometry(g: ConvGeometry): ConvGeometry {
  return {
    ...g,
    inChannels: g.outChannels,
    inHeight: g.outHeight,
    inWidth: g.outWidth,
    outChannels: g.inChannels,
    inChannelsPerGroup: g.outChannelsPerGroup,
    outChannelsPerGroup: g.inChannelsPerGroup,
    padTop: g.effectiveKernelHeight - 1 - g.padTop,
    padBottom: g.effectiveKernelHeight - 1 - g.padBottom,
    padLeft: g.effectiveKernelWidth - 1 - g.padLeft,
    padRight: g.effectiveKernelWidth - 1 - g.padRight,
    outHeight: g.inHeight,
    outWidth: g.inWidth,
  };
}

/**
 * weight [OC, Cg, KH, KW] -> flipped [C, OCg, KH, KW] with
 * flipped[group * Cg + icg, ocg, kh, kw] = weight[group * OCg + ocg, icg, KH - 1 - kh, KW - 1 - kw].
 */
export function flipKernel(weight: Float32Array, g: ConvGeometry): Float32Array {
  const { groups, inChannelsPerGroup: Cg, outChannelsPerGroup: OCg, kernelHeight: KH, kernelWidth: KW } = g;
  const kernelSize = KH * KW;
  const flipped = new Float32Array(weight.length);
  for (let group = 0; group < groups; group++) {
    for (let ocg = 0; ocg < OCg; ocg++) {
      for (let icg = 0; icg < Cg; icg++) {
        const src = ((group * OCg + ocg) * Cg + icg) * kernelSize;
        const dst = ((group * Cg + icg) * OCg + ocg) * kernelSize;
        for (let k = 0; k < kernelSize; k++) flipped[dst + k] = weight[src + kernelSize - 1 - k];
      }
    }
  }
  return flipped;
}

// Kept apart from the forward and weight-gradient passes for speed: the scatter loop is specialised to its layout (output gradient into input rows).
/** gradInput += transposed convolution of gradOutput with weight (the scatter form of the forward loop). */
function scatterInputGradient(
  gradOutput: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array,
  g: ConvGeometry,
): void {
  const { batch, inChannels, inHeight, inWidth, outChannels, inChannelsPerGroup, outChannelsPerGroup } = g;
  const { kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = g;
  const { padTop, padLeft, outHeight, outWidth } = g;
  const { rowLo, rowHi, colLo, colHi } = windowRanges(g);
  const inPlaneSize = inHeight * inWidth;
  const outPlaneSize = outHeight * outWidth;
  const kernelSize = kernelHeight * kernelWidth;
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outChannels; oc++) {
      const outPlane = (n * outChannels + oc) * outPlaneSize;
      const firstInChannel = ((oc / outChannelsPerGroup) | 0) * inChannelsPerGroup;
      for (let oh = 0; oh < outHeight; oh++) {
        const outRow = outPlane + oh * outWidth;
        for (let icg = 0; icg < inChannelsPerGroup; icg++) {
          const inPlane = (n * inChannels + firstInChannel + icg) * inPlaneSize;
          const kernelBase = (oc * inChannelsPerGroup + icg) * kernelSize;
          for (let kh = 0; kh < kernelHeight; kh++) {
            if (oh < rowLo[kh] || oh >= rowHi[kh]) continue;
            const inRow = inPlane + (oh * strideHeight + kh * dilationHeight - padTop) * inWidth;
            for (let kw = 0; kw < kernelWidth; kw++) {
              const w = weight[kernelBase + kh * kernelWidth + kw];
              const inStart = inRow + kw * dilationWidth - padLeft;
              const hi = colHi[kw];
              if (strideWidth === 1) {
                for (let ow = colLo[kw]; ow < hi; ow++)
                  gradInput[inStart + ow] += w * gradOutput[outRow + ow];
              } else {
                for (let ow = colLo[kw]; ow < hi; ow++) {
                  gradInput[inStart + ow * strideWidth] += w * gradOutput[outRow + ow];
                }
              }
            }
          }
        }
      }
    }
  }
}
