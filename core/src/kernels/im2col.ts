import type { ConvGeometry } from '../conv/geometry.ts';
import type { WindowRanges } from './windowRanges.ts';

// im2col lays the receptive fields of one image and one group out as a matrix, so the convolution
// becomes a matrix product. Layout of `col` (row-major, [Cg * KH * KW, OH * OW]):
//   row r = (icg * KH + kh) * KW + kw, column p = oh * OW + ow,
//   col[r * OH * OW + p] = input[n, group * Cg + icg, oh * sH + kh * dH - padTop, ow * sW + kw * dW - padLeft]
// and 0 where that position falls in the padding. col2im is its transpose: it adds each column
// value back into the input position it came from. Both can work on a band of output rows
// [ohStart, ohEnd) only: then col is [Cg * KH * KW, (ohEnd - ohStart) * OW] and column p counts
// from (ohStart, 0), so a caller can keep a band of col in cache instead of the whole matrix
// (core/wasm/simdKernels.wat has the same two functions; test/core/kernels/wasm/simdGemm.test.ts compares them).

// Kept apart from col2im for speed: the copy loop is specialised per stride in the direction it moves values (gather here, scatter-add there).
/** Fills `col` (starting at 0) with the receptive fields of image `n`, group `group`. */
export function im2col(
  input: Float32Array,
  n: number,
  group: number,
  col: Float32Array,
  g: ConvGeometry,
  ranges: WindowRanges,
  ohStart = 0,
  ohEnd = g.outHeight,
): void {
  const { inChannels, inHeight, inWidth, inChannelsPerGroup, kernelHeight, kernelWidth } = g;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft, outWidth } = g;
  const { rowLo, rowHi, colLo, colHi } = ranges;
  const positions = (ohEnd - ohStart) * outWidth;
  let r = 0;
  for (let icg = 0; icg < inChannelsPerGroup; icg++) {
    const inPlane = (n * inChannels + group * inChannelsPerGroup + icg) * inHeight * inWidth;
    for (let kh = 0; kh < kernelHeight; kh++) {
      // the rows of the band whose input row exists, [ohLo, ohHi), within [ohStart, ohEnd)
      const ohLo = Math.min(Math.max(rowLo[kh], ohStart), ohEnd);
      const ohHi = Math.min(Math.max(rowHi[kh], ohLo), ohEnd);
      for (let kw = 0; kw < kernelWidth; kw++, r++) {
        const rowBase = r * positions - ohStart * outWidth; // col index of (oh, 0) in this row
        const lo = colLo[kw];
        const hi = colHi[kw];
        col.fill(0, rowBase + ohStart * outWidth, rowBase + ohLo * outWidth);
        for (let oh = ohLo; oh < ohHi; oh++) {
          const dst = rowBase + oh * outWidth;
          const inStart =
            inPlane +
            (oh * strideHeight + kh * dilationHeight - padTop) * inWidth +
            kw * dilationWidth -
            padLeft;
          for (let ow = 0; ow < lo; ow++) col[dst + ow] = 0;
          if (strideWidth === 1) {
            for (let ow = lo; ow < hi; ow++) col[dst + ow] = input[inStart + ow];
          } else {
            for (let ow = lo; ow < hi; ow++) col[dst + ow] = input[inStart + ow * strideWidth];
          }
          for (let ow = hi; ow < outWidth; ow++) col[dst + ow] = 0;
        }
        col.fill(0, rowBase + ohHi * outWidth, rowBase + ohEnd * outWidth);
      }
    }
  }
}

// Kept apart from im2col for speed: the same loops specialised to scatter-add instead of copy.
/** Adds every value of `col` (layout as im2col) into the gradient of the input position it reads. */
export function col2im(
  col: Float32Array,
  n: number,
  group: number,
  gradInput: Float32Array,
  g: ConvGeometry,
  ranges: WindowRanges,
  ohStart = 0,
  ohEnd = g.outHeight,
): void {
  const { inChannels, inHeight, inWidth, inChannelsPerGroup, kernelHeight, kernelWidth } = g;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft, outWidth } = g;
  const { rowLo, rowHi, colLo, colHi } = ranges;
  const positions = (ohEnd - ohStart) * outWidth;
  let r = 0;
  for (let icg = 0; icg < inChannelsPerGroup; icg++) {
    const inPlane = (n * inChannels + group * inChannelsPerGroup + icg) * inHeight * inWidth;
    for (let kh = 0; kh < kernelHeight; kh++) {
      const ohLo = Math.max(rowLo[kh], ohStart);
      const ohHi = Math.min(rowHi[kh], ohEnd);
      for (let kw = 0; kw < kernelWidth; kw++, r++) {
        const rowBase = r * positions - ohStart * outWidth; // col index of (oh, 0) in this row
        const lo = colLo[kw];
        const hi = colHi[kw];
        for (let oh = ohLo; oh < ohHi; oh++) {
          const src = rowBase + oh * outWidth;
          const inStart =
            inPlane +
            (oh * strideHeight + kh * dilationHeight - padTop) * inWidth +
            kw * dilationWidth -
            padLeft;
          if (strideWidth === 1) {
            for (let ow = lo; ow < hi; ow++) gradInput[inStart + ow] += col[src + ow];
          } else {
            for (let ow = lo; ow < hi; ow++) gradInput[inStart + ow * strideWidth] += col[src + ow];
          }
        }
      }
    }
  }
}
