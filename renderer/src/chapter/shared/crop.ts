import type { Grid } from '../../lib/grid.ts';

/** The top-left `maxHeight` x `maxWidth` cells of `grid` (itself when it already fits). */
export function cropGrid(grid: Grid, maxHeight: number, maxWidth: number): Grid {
  if (grid.height <= maxHeight && grid.width <= maxWidth) return grid;
  const height = Math.min(grid.height, maxHeight);
  const width = Math.min(grid.width, maxWidth);
  const data = new Float32Array(height * width);
  // Layout: row-major; each output row copies the first `width` cells of the input row.
  for (let r = 0; r < height; r++)
    data.set(grid.data.subarray(r * grid.width, r * grid.width + width), r * width);
  return { height, width, data };
}
