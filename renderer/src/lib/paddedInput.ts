// The input as the layer reads it: the image inside its padding ring, every ring cell holding the value
// its padding mode gives. The values and sources come from the core's one rule (conv/geometry.ts
// padSource, through liveConv's paddedSources), so the ring shows exactly what the convolution adds.
import { padModeProblem, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { formatNumber } from './format.ts';
import { paddedSources } from './liveConv.ts';
import type { Grid } from './grid.ts';

/**
 * The padded plane and where the input sits in it. Layout: `grid` is (top + inputHeight + bottom) x
 * (left + inputWidth + right), row-major; the input's cell (r, c) is padded cell (r + top, c + left).
 */
export interface PaddedInput {
  readonly grid: Grid;
  readonly top: number;
  readonly left: number;
  readonly inputHeight: number;
  readonly inputWidth: number;
  /** For each padded cell, the row-major index of the input cell it reads, or -1 for a zero of zero padding. */
  readonly source: Int32Array;
}

const isPadCount = (p: number): boolean => Number.isInteger(p) && p >= 0;

/**
 * The input padded as the layer pads it (the same padding on both sides of an axis, as nn.Conv2d does).
 * A padding the layer cannot use (negative, fractional, or too large for reflect / circular) draws no
 * ring: the geometry panel explains the problem, and the grid shows the bare input meanwhile.
 */
export function paddedInput(input: Grid, g: Pick<LayerGeometry, 'padding' | 'paddingMode'>): PaddedInput {
  const [ph, pw] = g.padding;
  const usable =
    isPadCount(ph) &&
    isPadCount(pw) &&
    padModeProblem(g.paddingMode, 'height', input.height, ph, ph) === null &&
    padModeProblem(g.paddingMode, 'width', input.width, pw, pw) === null;
  const top = usable ? ph : 0;
  const left = usable ? pw : 0;
  const rows = paddedSources(input.height, top, g.paddingMode);
  const cols = paddedSources(input.width, left, g.paddingMode);
  const height = rows.length;
  const width = cols.length;
  const data = new Float32Array(height * width);
  const source = new Int32Array(height * width);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const k = r * width + c;
      const from = rows[r] < 0 || cols[c] < 0 ? -1 : rows[r] * input.width + cols[c];
      source[k] = from;
      data[k] = from < 0 ? 0 : input.data[from];
    }
  }
  return {
    grid: { height, width, data },
    top,
    left,
    inputHeight: input.height,
    inputWidth: input.width,
    source,
  };
}

/** Whether padded cell `index` lies in the ring rather than on the input. */
export function isPaddingCell(padded: PaddedInput, index: number): boolean {
  const row = Math.floor(index / padded.grid.width) - padded.top;
  const col = (index % padded.grid.width) - padded.left;
  return row < 0 || col < 0 || row >= padded.inputHeight || col >= padded.inputWidth;
}

/** `X[r, c]`, the input cell a row-major index names, as the notebook indexes tensors. */
export const inputCellName = (padded: PaddedInput, index: number): string =>
  `X[${Math.floor(index / padded.inputWidth)}, ${index % padded.inputWidth}]`;

/**
 * What a screen reader says for a ring cell: "padding 0" for a zero of zero padding, else the input cell
 * it repeats and its value ("padding, reads X[0, 1]: 0.5").
 */
export function paddingCellName(padded: PaddedInput, index: number): string {
  const from = padded.source[index];
  const value = formatNumber(padded.grid.data[index], 4, '-');
  return from < 0 ? `padding ${value}` : `padding, reads ${inputCellName(padded, from)}: ${value}`;
}

/** Padded cell (row, col) in the input's own coordinates: negative, or past the input, in the ring. */
export const toInputCoordinates = (
  padded: PaddedInput,
  row: number,
  col: number,
): { row: number; col: number } => ({ row: row - padded.top, col: col - padded.left });
