import type { ConvGeometry } from '../conv/geometry.ts';
import { windowRanges } from './window-ranges.ts';

// Direct (loop) convolution kernels, best for few channels and small kernels, where im2col would only
// copy data around. Memory layout assumed throughout, all row-major and contiguous:
//   input  [N, C, H, W]        index ((n * C + c) * H + ih) * W + iw
//   weight [OC, C/groups, KH, KW]  index ((oc * Cg + icg) * KH + kh) * KW + kw
//   output [N, OC, OH, OW]     index ((n * OC + oc) * OH + oh) * OW + ow
// with ih = oh * strideH + kh * dilationH - padTop and iw = ow * strideW + kw * dilationW - padLeft.
// The innermost loop always runs along a row (ow), which is contiguous in the output and, for stride 1,
// in the input as well; padding is skipped through the precomputed valid ranges.

/** output = conv2d(input, weight) + bias, written into `out` (overwritten). */
export function conv2dForwardDirect(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
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
      out.fill(bias === null ? 0 : bias[oc], outPlane, outPlane + outPlaneSize);
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
              const inStart = inRow + kw * dilationWidth - padLeft; // input index = inStart + ow * strideW
              const hi = colHi[kw];
              if (strideWidth === 1) {
                for (let ow = colLo[kw]; ow < hi; ow++) out[outRow + ow] += w * input[inStart + ow];
              } else {
                for (let ow = colLo[kw]; ow < hi; ow++)
                  out[outRow + ow] += w * input[inStart + ow * strideWidth];
              }
            }
          }
        }
      }
    }
  }
}

/** gradInput += transposed convolution of gradOutput with weight (the scatter form of the forward loop). */
export function conv2dBackwardInputDirect(
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

/** gradWeight += correlation of the input with gradOutput: one dot product per weight value. */
export function conv2dBackwardWeightDirect(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
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
      for (let icg = 0; icg < inChannelsPerGroup; icg++) {
        const inPlane = (n * inChannels + firstInChannel + icg) * inPlaneSize;
        const kernelBase = (oc * inChannelsPerGroup + icg) * kernelSize;
        for (let kh = 0; kh < kernelHeight; kh++) {
          const ohEnd = rowHi[kh];
          for (let kw = 0; kw < kernelWidth; kw++) {
            const lo = colLo[kw];
            const hi = colHi[kw];
            let sum = 0; // float64 accumulator: the sums run over N * OH * OW terms
            for (let oh = rowLo[kh]; oh < ohEnd; oh++) {
              const outRow = outPlane + oh * outWidth;
              const inStart =
                inPlane +
                (oh * strideHeight + kh * dilationHeight - padTop) * inWidth +
                kw * dilationWidth -
                padLeft;
              if (strideWidth === 1) {
                for (let ow = lo; ow < hi; ow++) sum += gradOutput[outRow + ow] * input[inStart + ow];
              } else {
                for (let ow = lo; ow < hi; ow++)
                  sum += gradOutput[outRow + ow] * input[inStart + ow * strideWidth];
              }
            }
            gradWeight[kernelBase + kh * kernelWidth + kw] += sum;
          }
        }
      }
    }
  }
}

/** gradBias[oc] = sum of gradOutput over batch, rows and columns (layout [N, OC, OH * OW]). */
export function conv2dBackwardBias(gradOutput: Float32Array, gradBias: Float32Array, g: ConvGeometry): void {
  const planeSize = g.outHeight * g.outWidth;
  for (let oc = 0; oc < g.outChannels; oc++) {
    let sum = 0;
    for (let n = 0; n < g.batch; n++) {
      const start = (n * g.outChannels + oc) * planeSize;
      const end = start + planeSize;
      for (let i = start; i < end; i++) sum += gradOutput[i];
    }
    gradBias[oc] += sum;
  }
}
