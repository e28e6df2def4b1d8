// The chapter panels take the renderer's plain grids ({ height, width, data }) and hand the explain
// module row-major arrays with a shape; these helpers convert between the two.
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

/** The error of a computation that threw, as the panels print it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
