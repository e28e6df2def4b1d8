// The input as the layer reads it: the image inside its padding ring, every ring cell holding the value
// its padding mode gives. The core's padGrid (explain/padding.ts, on conv/geometry.ts's one padSource
// rule) pads it, so the ring shows exactly what the convolution adds.
import { padModeProblem, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { padGrid } from '../../../core/src/explain/padding.ts';
import { formatNumber } from './format.ts';
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
  /** 1 for each padded cell in the ring, 0 on the input. */
  readonly isPadding: Uint8Array;
}

const isPadCount = (p: number): boolean => Number.isInteger(p) && p >= 0;

/**
 * The input padded as the layer pads it (the same padding on both sides of an axis, as nn.Conv2d does),
 * or null when there is no ring to draw: padding 0, or a padding the layer cannot use (negative,
 * fractional, or too large for reflect / circular; the geometry panel explains that one).
 */
export function paddedInput(
  input: Grid,
  g: Pick<LayerGeometry, 'padding' | 'paddingMode'>,
): PaddedInput | null {
  const [top, left] = g.padding;
  const usable =
    isPadCount(top) &&
    isPadCount(left) &&
    padModeProblem(g.paddingMode, 'height', input.height, top, top) === null &&
    padModeProblem(g.paddingMode, 'width', input.width, left, left) === null;
  if (!usable || (top === 0 && left === 0)) return null;
  const padded = padGrid('paddedInput', input, { top, bottom: top, left, right: left }, g.paddingMode);
  return {
    grid: { height: padded.height, width: padded.width, data: Float32Array.from(padded.data) },
    top,
    left,
    inputHeight: input.height,
    inputWidth: input.width,
    source: padded.source,
    isPadding: padded.isPadding,
  };
}

/** Whether padded cell `index` lies in the ring rather than on the input. */
export const isPaddingCell = (padded: PaddedInput, index: number): boolean => padded.isPadding[index] === 1;

/** `X[r, c]`, the input cell a row-major index names, as the notebook indexes tensors. */
const inputCellName = (padded: PaddedInput, index: number): string =>
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
