// The chapter panels take the renderer's plain grids ({ height, width, data }) and hand the explain
// module row-major arrays with a shape; these helpers convert and format between the two.
import type { DenseArray } from '../../../../core/src/explain/index.ts';

/** A 2-D grid as the renderer keeps it (the lab's `Grid` fits). */
export interface GridLike {
  readonly height: number;
  readonly width: number;
  readonly data: ArrayLike<number>;
}

export function toDense(grid: GridLike): DenseArray {
  return { shape: [grid.height, grid.width], data: grid.data };
}

/** A value for a cell: up to 3 decimals, no trailing zeros, a real minus sign. */
export function formatValue(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(Number(value.toFixed(digits))); // Number() turns -0.000 into 0
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** The largest magnitude in `values` (at least a tiny positive number, so it can divide). */
export function magnitude(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isFinite(values[i])) max = Math.max(max, Math.abs(values[i]));
  return max || 1e-12;
}

/**
 * A cell's background: the accent colour for positive values and a warm red for negative ones, with
 * opacity growing with |value| / limit, so it reads on light and dark themes alike. The opacity stays at
 * most 0.55 so the theme's text keeps a 4.5:1 contrast on it (WCAG AA) in both themes.
 */
export function cellBackground(value: number, limit: number): string {
  const t = Math.min(1, Math.abs(value) / limit);
  if (t === 0 || !Number.isFinite(t)) return 'transparent';
  const alpha = (0.12 + 0.43 * t).toFixed(3);
  return value > 0 ? `rgb(47 95 208 / ${alpha})` : `rgb(208 64 47 / ${alpha})`;
}

/** The error of a computation that threw, as the panels print it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
