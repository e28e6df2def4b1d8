// The chapter panels take the renderer's plain grids ({ height, width, data }) and hand the explain
// module row-major arrays with a shape; these helpers convert between the two, and turn a computation
// that may throw into a value or the one-line error a panel prints.
import type { DenseArray } from '../../../../core/src/explain/index.ts';
import { planeToShaped, type Plane } from '../../../../core/src/shape.ts';

/** A 2-D grid as the renderer keeps it: the core's plane (the lab's `Grid` fits). */
export type GridLike = Plane;

export const toDense = (grid: GridLike): DenseArray => planeToShaped(grid);

/** The error of a computation that threw, as the panels print it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A computation's value, or the error it stopped with. */
export type Outcome<T> = { value: T; error: null } | { value: null; error: string };

/** Runs `compute`, catching what it throws as the outcome's error. */
export function attempt<T>(compute: () => T): Outcome<T> {
  try {
    return { value: compute(), error: null };
  } catch (error) {
    return { value: null, error: errorMessage(error) };
  }
}
