// The chapter panels take the renderer's plain grids ({ height, width, data }) and hand the explain
// module row-major arrays with a shape; these helpers convert between the two.
import type { DenseArray } from '../../../../core/src/explain/index.ts';
import { planeToShaped, type Plane } from '../../../../core/src/shape.ts';

/** A 2-D grid as the renderer keeps it: the core's plane (the lab's `Grid` fits). */
export type GridLike = Plane;

export const toDense = (grid: GridLike): DenseArray => planeToShaped(grid);

/** The error of a computation that threw, as the panels print it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
