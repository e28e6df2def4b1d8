import type { Grid } from './dense.ts';
import type { Plane } from '../shape.ts';

/** How cells outside the input are filled, as in PyTorch's `F.pad` / `padding_mode`. */
export type PadMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export const PAD_MODES: readonly PadMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

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

/** The input index an out-of-range coordinate `i` (in [-before, n + after)) reads under `mode`, or -1. */
function sourceIndex(i: number, n: number, mode: PadMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'reflect':
      // Mirror about the edge cells without repeating them, as PyTorch's reflect (needs pad < n).
      return i < 0 ? -i : 2 * (n - 1) - i;
    case 'circular':
      return ((i % n) + n) % n;
  }
}

/** Pads `grid` by `pads` cells under `mode`, throwing where PyTorch would (reflect needs pad < size). */
export function padGrid(fn: string, grid: Grid, pads: PadAmounts, mode: PadMode): PaddedGrid {
  if (!PAD_MODES.includes(mode)) {
    throw new Error(
      `${fn}: padding mode must be one of ${PAD_MODES.join(', ')}, got ${JSON.stringify(mode)}`,
    );
  }
  const { top, bottom, left, right } = pads;
  if (mode === 'reflect' && (Math.max(top, bottom) >= grid.height || Math.max(left, right) >= grid.width)) {
    throw new Error(
      `${fn}: reflect padding must be smaller than the input, got padding top ${top} bottom ${bottom} left ${left} ` +
        `right ${right} for an input of ${grid.height}x${grid.width}`,
    );
  }
  if (mode === 'circular' && (Math.max(top, bottom) > grid.height || Math.max(left, right) > grid.width)) {
    throw new Error(
      `${fn}: circular padding must not exceed the input, got padding top ${top} bottom ${bottom} left ${left} ` +
        `right ${right} for an input of ${grid.height}x${grid.width}`,
    );
  }
  const height = grid.height + top + bottom;
  const width = grid.width + left + right;
  const data = new Float64Array(height * width);
  const source = new Int32Array(height * width);
  const isPadding = new Uint8Array(height * width);
  for (let r = 0; r < height; r++) {
    const sr = sourceIndex(r - top, grid.height, mode);
    for (let c = 0; c < width; c++) {
      const sc = sourceIndex(c - left, grid.width, mode);
      const k = r * width + c;
      isPadding[k] = r < top || r >= top + grid.height || c < left || c >= left + grid.width ? 1 : 0;
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
