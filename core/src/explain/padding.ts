import { isPadMode, PAD_MODES, padModeProblem, padSource, type PadMode } from '../conv/geometry.ts';
import type { Plane } from '../shape.ts';

export { PAD_MODES, type PadMode };

export interface PadAmounts {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** A padded input, with where each of its cells came from. */
export interface PaddedGrid extends Plane<Float64Array> {
  /**
   * For each padded cell, the row-major index of the input cell it copies, or -1 for a zero cell.
   * Padding cells of the reflect/replicate/circular modes point at the input cell they repeat.
   */
  readonly source: Int32Array;
  /** True for cells outside the original input (whatever their value). */
  readonly isPadding: Uint8Array;
}

/** Pads `grid` by `pads` cells under `mode`, throwing where PyTorch would (reflect needs pad < size). */
export function padGrid(fn: string, grid: Plane, pads: PadAmounts, mode: PadMode): PaddedGrid {
  if (!isPadMode(mode)) {
    throw new Error(
      `${fn}: padding mode must be one of ${PAD_MODES.join(', ')}, got ${JSON.stringify(mode)}`,
    );
  }
  const { top, bottom, left, right } = pads;
  const modeProblem =
    padModeProblem(mode, 'height', grid.height, top, bottom) ??
    padModeProblem(mode, 'width', grid.width, left, right);
  if (modeProblem !== null) throw new Error(`${fn}: ${modeProblem}`);
  const height = grid.height + top + bottom;
  const width = grid.width + left + right;
  // Row-major planes of height x width; each column's source is found once, not once per row (the lab
  // pads a 64 x 64 input by 64 on every edit: 36,864 cells).
  const data = new Float64Array(height * width);
  const source = new Int32Array(height * width);
  const isPadding = new Uint8Array(height * width);
  const columnSource = new Int32Array(width);
  for (let c = 0; c < width; c++) columnSource[c] = padSource(c - left, grid.width, mode);
  for (let r = 0; r < height; r++) {
    const sr = padSource(r - top, grid.height, mode);
    const ringRow = r < top || r >= top + grid.height;
    for (let c = 0, k = r * width; c < width; c++, k++) {
      const sc = columnSource[c];
      isPadding[k] = ringRow || c < left || c >= left + grid.width ? 1 : 0;
      if (sr < 0 || sc < 0) {
        source[k] = -1;
      } else {
        source[k] = sr * grid.width + sc;
        data[k] = grid.data[source[k]];
      }
    }
  }
  return { height, width, data, source, isPadding };
}
