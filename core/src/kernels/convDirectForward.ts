import type { ConvGeometry } from '../conv/geometry.ts';
import { windowRanges } from './windowRanges.ts';

// Direct (loop) convolution forward kernel, best for few channels and small kernels, where im2col would only
// copy data around. Memory layout assumed throughout, all row-major and contiguous:
//   input  [N, C, H, W]        index ((n * C + c) * H + ih) * W + iw
//   weight [OC, C/groups, KH, KW]  index ((oc * Cg + icg) * KH + kh) * KW + kw
//   output [N, OC, OH, OW]     index ((n * OC + oc) * OH + oh) * OW + ow
// with ih = oh * strideH + kh * dilationH - padTop and iw = ow * strideW + kw * dilationW - padLeft.
// The innermost loop always runs along a row (ow), which is contiguous in the output and, for stride 1,
// in the input as well; padding is skipped through the precomputed valid ranges.
/**
 * Adds the taps kw0 .. kw0 + taps - 1 (taps = 1, 2 or 3) of one kernel row to one output row:
 * out[outRow + ow] += sum over t of w_t * input[inStart + t * dilationW + ow * strideW].
 * Over the columns where every tap is inside the input (colLo[kw0], colHi[kw0 + taps - 1]), the taps
 * are fused so the output value is loaded and stored once; the ragged edges go tap by tap.
 */
function addTapsToRow(
  out: Float32Array,
  outRow: number,
  input: Float32Array,
  inStart: number,
  weight: Float32Array,
  wIndex: number,
  kw0: number,
  taps: number,
  colLo: Int32Array,
  colHi: Int32Array,
  strideWidth: number,
  dilationWidth: number,
): void {
  // The valid ranges shrink monotonically with kw, so the fused range is [colLo[kw0], colHi[last]).
  const last = kw0 + taps - 1;
  const lo = colLo[kw0];
  const hi = Math.max(lo, colHi[last]);
  for (let t = 0; t < taps; t++) {
    const w = weight[wIndex + t];
    const start = inStart + t * dilationWidth;
    const tapLo = colLo[kw0 + t];
    const tapHi = colHi[kw0 + t];
    for (let ow = tapLo; ow < Math.min(lo, tapHi); ow++)
      out[outRow + ow] += w * input[start + ow * strideWidth];
    for (let ow = Math.max(hi, tapLo); ow < tapHi; ow++)
      out[outRow + ow] += w * input[start + ow * strideWidth];
  }
  if (lo >= hi) return;
  const w0 = weight[wIndex];
  if (taps === 1) {
    if (strideWidth === 1) {
      for (let ow = lo; ow < hi; ow++) out[outRow + ow] += w0 * input[inStart + ow];
    } else {
      for (let ow = lo; ow < hi; ow++) out[outRow + ow] += w0 * input[inStart + ow * strideWidth];
    }
    return;
  }
  const w1 = weight[wIndex + 1];
  const s1 = inStart + dilationWidth;
  if (taps === 2) {
    if (strideWidth === 1) {
      for (let ow = lo; ow < hi; ow++) out[outRow + ow] += w0 * input[inStart + ow] + w1 * input[s1 + ow];
    } else {
      for (let ow = lo; ow < hi; ow++) {
        const i = ow * strideWidth;
        out[outRow + ow] += w0 * input[inStart + i] + w1 * input[s1 + i];
      }
    }
    return;
  }
  const w2 = weight[wIndex + 2];
  const s2 = s1 + dilationWidth;
  if (strideWidth === 1) {
    for (let ow = lo; ow < hi; ow++) {
      out[outRow + ow] += w0 * input[inStart + ow] + w1 * input[s1 + ow] + w2 * input[s2 + ow];
    }
  } else {
    for (let ow = lo; ow < hi; ow++) {
      const i = ow * strideWidth;
      out[outRow + ow] += w0 * input[inStart + i] + w1 * input[s1 + i] + w2 * input[s2 + i];
    }
  }
}

/**
 * Adds a whole 3x3 block of taps (kernel rows kh .. kh + 2, all inside the input for this output row)
 * to one output row. inRow is the input index of tap (0, 0) at ow = 0; rows are rowStep apart and
 * columns dilationW apart. The interior columns, where all three tap columns are valid, take the nine
 * products in one pass; the ragged edges go one kernel row at a time through addTapsToRow.
 */
function addNineTapsToRow(
  out: Float32Array,
  outRow: number,
  input: Float32Array,
  inRow: number,
  rowStep: number,
  weight: Float32Array,
  wIndex: number,
  colLo: Int32Array,
  colHi: Int32Array,
  strideWidth: number,
  dilationWidth: number,
): void {
  const lo = colLo[0];
  const hi = Math.max(lo, colHi[2]);
  if (lo >= hi) {
    for (let r = 0; r < 3; r++) {
      addTapsToRow(
        out,
        outRow,
        input,
        inRow + r * rowStep,
        weight,
        wIndex + 3 * r,
        0,
        3,
        colLo,
        colHi,
        strideWidth,
        dilationWidth,
      );
    }
    return;
  }
  // edges: the columns outside [lo, hi) for each tap column, all three rows
  for (let t = 0; t < 3; t++) {
    const tapLo = colLo[t];
    const tapHi = colHi[t];
    const w0 = weight[wIndex + t];
    const w1 = weight[wIndex + 3 + t];
    const w2 = weight[wIndex + 6 + t];
    const a = inRow + t * dilationWidth;
    const b = a + rowStep;
    const c = b + rowStep;
    for (let ow = tapLo; ow < Math.min(lo, tapHi); ow++) {
      const i = ow * strideWidth;
      out[outRow + ow] += w0 * input[a + i] + w1 * input[b + i] + w2 * input[c + i];
    }
    for (let ow = Math.max(hi, tapLo); ow < tapHi; ow++) {
      const i = ow * strideWidth;
      out[outRow + ow] += w0 * input[a + i] + w1 * input[b + i] + w2 * input[c + i];
    }
  }
  const k00 = weight[wIndex];
  const k01 = weight[wIndex + 1];
  const k02 = weight[wIndex + 2];
  const k10 = weight[wIndex + 3];
  const k11 = weight[wIndex + 4];
  const k12 = weight[wIndex + 5];
  const k20 = weight[wIndex + 6];
  const k21 = weight[wIndex + 7];
  const k22 = weight[wIndex + 8];
  const r0 = inRow;
  const r1 = r0 + rowStep;
  const r2 = r1 + rowStep;
  const d = dilationWidth;
  const d2 = 2 * dilationWidth;
  // Kept apart from convDirectWeightGrad's row loops for speed: specialised per stride and dilation (sliding window, unit stride, strided).
  if (strideWidth === 1 && dilationWidth === 1) {
    // Sliding window: the inputs of columns ow and ow + 1 of the previous step are kept in locals,
    // so each output loads three new input values (one per kernel row) instead of nine.
    let a0 = input[r0 + lo];
    let a1 = input[r0 + lo + 1];
    let b0 = input[r1 + lo];
    let b1 = input[r1 + lo + 1];
    let c0 = input[r2 + lo];
    let c1 = input[r2 + lo + 1];
    for (let ow = lo; ow < hi; ow++) {
      const a2 = input[r0 + ow + 2];
      const b2 = input[r1 + ow + 2];
      const c2 = input[r2 + ow + 2];
      out[outRow + ow] +=
        k00 * a0 + k01 * a1 + k02 * a2 + k10 * b0 + k11 * b1 + k12 * b2 + k20 * c0 + k21 * c1 + k22 * c2;
      a0 = a1;
      a1 = a2;
      b0 = b1;
      b1 = b2;
      c0 = c1;
      c1 = c2;
    }
  } else if (strideWidth === 1) {
    for (let ow = lo; ow < hi; ow++) {
      const i0 = r0 + ow;
      const i1 = r1 + ow;
      const i2 = r2 + ow;
      out[outRow + ow] +=
        k00 * input[i0] +
        k01 * input[i0 + d] +
        k02 * input[i0 + d2] +
        k10 * input[i1] +
        k11 * input[i1 + d] +
        k12 * input[i1 + d2] +
        k20 * input[i2] +
        k21 * input[i2 + d] +
        k22 * input[i2 + d2];
    }
  } else {
    // Kept apart from the unit-stride loop above for speed: the strided index is computed once per output, not per tap.
    for (let ow = lo; ow < hi; ow++) {
      const i0 = r0 + ow * strideWidth;
      const i1 = i0 + rowStep;
      const i2 = i1 + rowStep;
      out[outRow + ow] +=
        k00 * input[i0] +
        k01 * input[i0 + d] +
        k02 * input[i0 + d2] +
        k10 * input[i1] +
        k11 * input[i1 + d] +
        k12 * input[i1 + d2] +
        k20 * input[i2] +
        k21 * input[i2 + d] +
        k22 * input[i2 + d2];
    }
  }
}

// Kept apart from the other passes and from convGemm.ts for speed: each pass reads the geometry into the locals its own loops use.
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
            const inRow = inPlane + (oh * strideHeight + kh * dilationHeight - padTop) * inWidth - padLeft;
            const wRow = kernelBase + kh * kernelWidth;
            // The textbook's 3x3 kernel away from the top and bottom borders: all nine taps in one pass.
            if (kernelWidth === 3 && kh + 2 < kernelHeight && oh >= rowLo[kh + 2] && oh < rowHi[kh + 2]) {
              const rowStep = dilationHeight * inWidth;
              addNineTapsToRow(
                out,
                outRow,
                input,
                inRow,
                rowStep,
                weight,
                wRow,
                colLo,
                colHi,
                strideWidth,
                dilationWidth,
              );
              kh += 2; // rows kh + 1 and kh + 2 are done too (the valid rows form a contiguous range)
              continue;
            }
            // kernel columns in fused groups of three (then two, then one)
            for (let kw = 0; kw < kernelWidth;) {
              const taps = Math.min(3, kernelWidth - kw);
              const inStart = inRow + kw * dilationWidth; // input index = inStart + ow * strideW
              addTapsToRow(
                out,
                outRow,
                input,
                inStart,
                weight,
                wRow + kw,
                kw,
                taps,
                colLo,
                colHi,
                strideWidth,
                dilationWidth,
              );
              kw += taps;
            }
          }
        }
      }
    }
  }
}
