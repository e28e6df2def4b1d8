import type { ConvGeometry } from '../conv/geometry.ts';
import { windowRanges } from './windowRanges.ts';

// Direct (loop) weight and bias gradients of conv2d. Layouts as in convDirectForward.ts: the weight
// gradient is the correlation of the input with gradOutput, one dot product per weight value.

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
    // Kept apart from the call below for speed: the rows above and below the interior run the bounds-checked loop, each with its own range.
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
  // Kept apart from gemm.ts's micro-kernel for speed: the nine sums stay in named locals (registers), no array.
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
    // Kept apart from convDirectForward's row loops for speed: specialised per stride and dilation, and here it reduces into sums instead of writing rows.
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
  // Kept apart from the input-gradient pass for speed: the same geometry read into locals, for a loop specialised to the weight-gradient layout.
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
    // Four float64 accumulators, so consecutive adds do not wait for each other (a batch of 256
    // LeNet images has 200,000 values per channel); float64 keeps the order from showing in float32.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let n = 0; n < g.batch; n++) {
      const start = (n * g.outChannels + oc) * planeSize;
      const end = start + planeSize;
      let i = start;
      for (; i + 3 < end; i += 4) {
        s0 += gradOutput[i];
        s1 += gradOutput[i + 1];
        s2 += gradOutput[i + 2];
        s3 += gradOutput[i + 3];
      }
      for (; i < end; i++) s0 += gradOutput[i];
    }
    gradBias[oc] += s0 + s1 + s2 + s3;
  }
}
