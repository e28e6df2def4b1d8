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

/**
 * gradWeight[wIndex + t] += sum over rows oh in [ohLo, ohHi) and valid columns ow of
 * gradOutput[outPlane + oh * OW + ow] * input[inStart(oh) + t * dilationW + ow * strideW], for the
 * taps t < taps (1, 2 or 3) of one kernel row. The columns where all taps are valid share each
 * gradOutput load; float64 accumulators, since the sums run over N * OH * OW terms. With
 * `withInterior` false only the ragged edges are added (dotNineTaps does the interior itself).
 */
function dotTapsOverRows(
  gradOutput: Float32Array,
  outPlane: number,
  input: Float32Array,
  inRowStart: number,
  gradWeight: Float32Array,
  wIndex: number,
  kw0: number,
  taps: number,
  ohLo: number,
  ohHi: number,
  g: ConvGeometry,
  colLo: Int32Array,
  colHi: Int32Array,
  withInterior = true,
): void {
  const { inWidth, outWidth, strideHeight, strideWidth, dilationWidth } = g;
  const last = kw0 + taps - 1;
  const lo = colLo[kw0];
  const hi = Math.max(lo, colHi[last]);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let oh = ohLo; oh < ohHi; oh++) {
    const outRow = outPlane + oh * outWidth;
    const in0 = inRowStart + oh * strideHeight * inWidth; // input index of tap 0 = in0 + ow * strideW
    const in1 = in0 + dilationWidth;
    const in2 = in1 + dilationWidth;
    // ragged edges, tap by tap
    for (let t = 0; t < taps; t++) {
      const start = in0 + t * dilationWidth;
      const tapLo = colLo[kw0 + t];
      const tapHi = colHi[kw0 + t];
      let edge = 0;
      for (let ow = tapLo; ow < Math.min(lo, tapHi); ow++)
        edge += gradOutput[outRow + ow] * input[start + ow * strideWidth];
      for (let ow = Math.max(hi, tapLo); ow < tapHi; ow++)
        edge += gradOutput[outRow + ow] * input[start + ow * strideWidth];
      if (t === 0) s0 += edge;
      else if (t === 1) s1 += edge;
      else s2 += edge;
    }
    if (!withInterior) continue;
    if (taps === 3) {
      if (strideWidth === 1) {
        for (let ow = lo; ow < hi; ow++) {
          const go = gradOutput[outRow + ow];
          s0 += go * input[in0 + ow];
          s1 += go * input[in1 + ow];
          s2 += go * input[in2 + ow];
        }
      } else {
        for (let ow = lo; ow < hi; ow++) {
          const go = gradOutput[outRow + ow];
          const i = ow * strideWidth;
          s0 += go * input[in0 + i];
          s1 += go * input[in1 + i];
          s2 += go * input[in2 + i];
        }
      }
    } else if (taps === 2) {
      for (let ow = lo; ow < hi; ow++) {
        const go = gradOutput[outRow + ow];
        const i = ow * strideWidth;
        s0 += go * input[in0 + i];
        s1 += go * input[in1 + i];
      }
    } else {
      for (let ow = lo; ow < hi; ow++) s0 += gradOutput[outRow + ow] * input[in0 + ow * strideWidth];
    }
  }
  gradWeight[wIndex] += s0;
  if (taps > 1) gradWeight[wIndex + 1] += s1;
  if (taps > 2) gradWeight[wIndex + 2] += s2;
}

/**
 * The weight gradient of a 3x3 block of taps (kernel rows kh .. kh + 2, kernel width 3) for one
 * (image, out channel, in channel): nine dot products sharing each gradOutput load. Output rows where
 * all three kernel rows are inside the input ([rowLo[kh], rowHi[kh + 2])) and columns where all three
 * tap columns are ([colLo[0], colHi[2])) go through the fused loop; the rest through dotTapsOverRows.
 * rowStart is the input index of tap (0, 0) at oh = ow = 0, before adding oh * strideH * W.
 */
function dotNineTaps(
  gradOutput: Float32Array,
  outPlane: number,
  input: Float32Array,
  rowStart: number,
  gradWeight: Float32Array,
  wIndex: number,
  kh: number,
  g: ConvGeometry,
  rowLo: Int32Array,
  rowHi: Int32Array,
  colLo: Int32Array,
  colHi: Int32Array,
): void {
  const { inWidth, outWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = g;
  const rowStep = dilationHeight * inWidth;
  const ohLo = rowLo[kh];
  const ohHi = Math.max(ohLo, rowHi[kh + 2]);
  for (let r = 0; r < 3; r++) {
    const start = rowStart + r * rowStep;
    const w = wIndex + 3 * r;
    const lo = rowLo[kh + r];
    const hi = rowHi[kh + r];
    // rows outside the shared range in full, and the ragged columns of the shared rows
    dotTapsOverRows(
      gradOutput,
      outPlane,
      input,
      start,
      gradWeight,
      w,
      0,
      3,
      lo,
      Math.min(hi, ohLo),
      g,
      colLo,
      colHi,
    );
    dotTapsOverRows(
      gradOutput,
      outPlane,
      input,
      start,
      gradWeight,
      w,
      0,
      3,
      Math.max(lo, ohHi),
      hi,
      g,
      colLo,
      colHi,
    );
    dotTapsOverRows(
      gradOutput,
      outPlane,
      input,
      start,
      gradWeight,
      w,
      0,
      3,
      ohLo,
      ohHi,
      g,
      colLo,
      colHi,
      false,
    );
  }
  const lo = colLo[0];
  const hi = Math.max(lo, colHi[2]);
  if (lo >= hi || ohLo >= ohHi) return;
  const d = dilationWidth;
  const d2 = 2 * dilationWidth;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s20 = 0;
  let s21 = 0;
  let s22 = 0;
  for (let oh = ohLo; oh < ohHi; oh++) {
    const outRow = outPlane + oh * outWidth;
    const r0 = rowStart + oh * strideHeight * inWidth;
    const r1 = r0 + rowStep;
    const r2 = r1 + rowStep;
    if (strideWidth === 1 && dilationWidth === 1) {
      // sliding window over the input row, as in addNineTapsToRow
      let a0 = input[r0 + lo];
      let a1 = input[r0 + lo + 1];
      let b0 = input[r1 + lo];
      let b1 = input[r1 + lo + 1];
      let c0 = input[r2 + lo];
      let c1 = input[r2 + lo + 1];
      for (let ow = lo; ow < hi; ow++) {
        const go = gradOutput[outRow + ow];
        const a2 = input[r0 + ow + 2];
        const b2 = input[r1 + ow + 2];
        const c2 = input[r2 + ow + 2];
        s00 += go * a0;
        s01 += go * a1;
        s02 += go * a2;
        s10 += go * b0;
        s11 += go * b1;
        s12 += go * b2;
        s20 += go * c0;
        s21 += go * c1;
        s22 += go * c2;
        a0 = a1;
        a1 = a2;
        b0 = b1;
        b1 = b2;
        c0 = c1;
        c1 = c2;
      }
    } else {
      for (let ow = lo; ow < hi; ow++) {
        const go = gradOutput[outRow + ow];
        const i = ow * strideWidth;
        s00 += go * input[r0 + i];
        s01 += go * input[r0 + i + d];
        s02 += go * input[r0 + i + d2];
        s10 += go * input[r1 + i];
        s11 += go * input[r1 + i + d];
        s12 += go * input[r1 + i + d2];
        s20 += go * input[r2 + i];
        s21 += go * input[r2 + i + d];
        s22 += go * input[r2 + i + d2];
      }
    }
  }
  gradWeight[wIndex] += s00;
  gradWeight[wIndex + 1] += s01;
  gradWeight[wIndex + 2] += s02;
  gradWeight[wIndex + 3] += s10;
  gradWeight[wIndex + 4] += s11;
  gradWeight[wIndex + 5] += s12;
  gradWeight[wIndex + 6] += s20;
  gradWeight[wIndex + 7] += s21;
  gradWeight[wIndex + 8] += s22;
}

/** gradWeight += correlation of the input with gradOutput: one dot product per weight value. */
export function conv2dBackwardWeightDirect(
  gradOutput: Float32Array,
  input: Float32Array,
  gradWeight: Float32Array,
  g: ConvGeometry,
): void {
  const { batch, inChannels, inHeight, inWidth, outChannels, inChannelsPerGroup, outChannelsPerGroup } = g;
  const { kernelHeight, kernelWidth, dilationHeight, dilationWidth, padTop, padLeft, outHeight, outWidth } =
    g;
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
          // input index of (oh = 0, tap kw, ow = 0), before adding oh * strideH * W
          const rowStart = inPlane + (kh * dilationHeight - padTop) * inWidth - padLeft;
          if (kernelWidth === 3 && kh + 2 < kernelHeight) {
            const wIndex = kernelBase + kh * kernelWidth;
            dotNineTaps(
              gradOutput,
              outPlane,
              input,
              rowStart,
              gradWeight,
              wIndex,
              kh,
              g,
              rowLo,
              rowHi,
              colLo,
              colHi,
            );
            kh += 2;
            continue;
          }
          for (let kw = 0; kw < kernelWidth;) {
            const taps = Math.min(3, kernelWidth - kw);
            dotTapsOverRows(
              gradOutput,
              outPlane,
              input,
              rowStart + kw * dilationWidth,
              gradWeight,
              kernelBase + kh * kernelWidth + kw,
              kw,
              taps,
              rowLo[kh],
              rowHi[kh],
              g,
              colLo,
              colHi,
            );
            kw += taps;
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
