import type { Plane, Shaped } from '../shape.ts';

/**
 * The explain module works on plain row-major arrays with a shape, so a core `Tensor` (which has
 * `shape` and `data`) can be passed as it is, and so can a value the renderer built by hand.
 */
export type DenseArray = Shaped;

/** A result of the explain module: float64 values, row-major in `shape`. */
export type Dense64 = Shaped<Float64Array>;

/** Checks that `array` is a well-formed `ndim`-D array of finite numbers; returns its shape. */
export function checkDense(fn: string, name: string, array: DenseArray, ndim: number): number[] {
  const shape = Array.from(array.shape);
  if (shape.length !== ndim) {
    throw new Error(`${fn}: ${name} must be ${ndim}-D, got shape [${shape.join(', ')}]`);
  }
  let count = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 1) {
      throw new Error(
        `${fn}: ${name} has shape [${shape.join(', ')}]; every dimension must be a positive integer`,
      );
    }
    count *= d;
  }
  if (array.data.length !== count) {
    throw new Error(
      `${fn}: ${name} has ${array.data.length} values but shape [${shape.join(', ')}] holds ${count}`,
    );
  }
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(array.data[i])) {
      throw new Error(`${fn}: ${name} value ${i} is ${array.data[i]}; every value must be a finite number`);
    }
  }
  return shape;
}

/** A validated 2-D array as a `Plane` (shape.ts): its height, width and the same row-major values. */
export function planeFromDense(fn: string, name: string, array: DenseArray): Plane {
  const [height, width] = checkDense(fn, name, array, 2);
  return { height, width, data: array.data };
}

/** Nested rows (`[[1, 2], [3, 4]]`) as a 2-D `DenseArray`; rows must all have the same length. */
export function fromRows(rows: readonly (readonly number[])[]): Dense64 {
  const height = rows.length;
  const width = height === 0 ? 0 : rows[0].length;
  const data = new Float64Array(height * width);
  for (let r = 0; r < height; r++) {
    if (rows[r].length !== width) {
      throw new Error(`fromRows: row ${r} has ${rows[r].length} values but row 0 has ${width}`);
    }
    data.set(rows[r], r * width);
  }
  return { shape: [height, width], data };
}

/** A 2-D array back as nested rows, for display. */
export function toRows(array: DenseArray): number[][] {
  const [height, width] = checkDense('toRows', 'array', array, 2);
  const rows: number[][] = [];
  for (let r = 0; r < height; r++)
    rows.push(Array.from({ length: width }, (_, c) => array.data[r * width + c]));
  return rows;
}

/** The largest absolute difference between two arrays of the same shape. */
export function maxAbsDifference(a: DenseArray, b: DenseArray): number {
  const sa = Array.from(a.shape);
  const sb = Array.from(b.shape);
  if (sa.length !== sb.length || sa.some((d, i) => d !== sb[i]) || a.data.length !== b.data.length) {
    throw new Error(`maxAbsDifference: shapes differ, [${sa.join(', ')}] and [${sb.join(', ')}]`);
  }
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
  return max;
}
