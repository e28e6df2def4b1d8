// Padding of the last two dimensions through index maps. Layout: input [planes, H, W] and output
// [planes, H + top + bottom, W + left + right], row-major. rowSource[r] is the input row that output
// row r copies (-1 for the constant fill), colSource likewise for columns; every mode is just a
// different map, so one forward and one backward loop serve all four.

import { padSource, type PadMode } from '../conv/geometry.ts';

/** Input index copied by each of `before + size + after` output positions, for `mode` (see padSource). */
export function padSourceMap(size: number, before: number, after: number, mode: PadMode): Int32Array {
  const map = new Int32Array(before + size + after);
  for (let o = 0; o < map.length; o++) map[o] = padSource(o - before, size, mode);
  return map;
}

// Kept apart from padBackward for speed: the loop is specialised to copy (padBackward scatter-adds), with no callback per cell.
export function padForward(
  input: Float32Array,
  out: Float32Array,
  planes: number,
  height: number,
  width: number,
  rowSource: Int32Array,
  colSource: Int32Array,
  value: number,
): void {
  const outHeight = rowSource.length;
  const outWidth = colSource.length;
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * height * width;
    const outPlane = plane * outHeight * outWidth;
    for (let r = 0; r < outHeight; r++) {
      const sr = rowSource[r];
      const outRow = outPlane + r * outWidth;
      if (sr < 0) {
        out.fill(value, outRow, outRow + outWidth);
        continue;
      }
      const inRow = inPlane + sr * width;
      for (let c = 0; c < outWidth; c++) {
        const sc = colSource[c];
        out[outRow + c] = sc < 0 ? value : input[inRow + sc];
      }
    }
  }
}

/** gradInput += the output gradient of every position, routed back to the input value it copied. */
// Kept apart from padForward for speed: the same walk over the source maps, specialised to scatter-add.
export function padBackward(
  gradOutput: Float32Array,
  gradInput: Float32Array,
  planes: number,
  height: number,
  width: number,
  rowSource: Int32Array,
  colSource: Int32Array,
): void {
  const outHeight = rowSource.length;
  const outWidth = colSource.length;
  for (let plane = 0; plane < planes; plane++) {
    const inPlane = plane * height * width;
    const outPlane = plane * outHeight * outWidth;
    for (let r = 0; r < outHeight; r++) {
      const sr = rowSource[r];
      if (sr < 0) continue;
      const inRow = inPlane + sr * width;
      const outRow = outPlane + r * outWidth;
      for (let c = 0; c < outWidth; c++) {
        const sc = colSource[c];
        if (sc >= 0) gradInput[inRow + sc] += gradOutput[outRow + c];
      }
    }
  }
}
