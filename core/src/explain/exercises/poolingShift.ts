import { planeFromDense, type DenseArray, type Dense64 } from '../dense.ts';
import { correlate2d } from '../correlate.ts';
import { pool2d } from '../pooling.ts';
import type { ExerciseResult } from './result.ts';

export interface PoolingShiftDemo extends ExerciseResult {
  readonly input: Dense64;
  readonly shiftedInput: Dense64;
  /** corr2d of each with the kernel: the edge response moves with the edge. */
  readonly response: Dense64;
  readonly shiftedResponse: Dense64;
  /** 2x2 max pooling (stride 1, as the chapter's pool2d) of each response. */
  readonly pooled: Dense64;
  readonly shiftedPooled: Dense64;
  /** Cells where both pooled outputs respond with the same value: what survives the shift. */
  readonly kept: Array<[number, number]>;
}

/** The chapter's input: ones(6, 8) with columns 2..5 zero. */
export function textbookStripes(): Dense64 {
  const data = new Float64Array(48).fill(1);
  for (let r = 0; r < 6; r++) for (let c = 2; c < 6; c++) data[r * 8 + c] = 0;
  return { shape: [6, 8], data };
}

/**
 * The pooling section's demonstration: move the image right by `shift` columns (repeating the first
 * column), detect edges with `kernel`, and max-pool both responses with a `window` x `window` window
 * at stride 1. With a 2x2 window an edge that moves by one pixel still fires a common pooled cell.
 */
export function maxPoolShiftDemo(
  input: DenseArray = textbookStripes(),
  kernel: DenseArray = { shape: [1, 2], data: [1, -1] },
  shift = 1,
  window = 2,
): PoolingShiftDemo {
  const fn = 'maxPoolShiftDemo';
  const x = planeFromDense(fn, 'input', input);
  if (!Number.isInteger(shift) || shift < 0 || shift >= x.width) {
    throw new Error(`${fn}: shift must be an integer in [0, ${x.width - 1}], got ${shift}`);
  }
  if (!Number.isInteger(window) || window < 1)
    throw new Error(`${fn}: window must be a positive integer, got ${window}`);
  const shifted = new Float64Array(x.height * x.width);
  for (let r = 0; r < x.height; r++) {
    for (let c = 0; c < x.width; c++) shifted[r * x.width + c] = x.data[r * x.width + Math.max(c - shift, 0)];
  }
  const shiftedInput = { shape: [x.height, x.width], data: shifted };
  const strip = (d: Dense64): Dense64 => ({ shape: d.shape, data: d.data });
  const response = strip(correlate2d(input, kernel));
  const shiftedResponse = strip(correlate2d(shiftedInput, kernel));
  const pooled = pool2d(response, window, 'max', { stride: 1 });
  const shiftedPooled = pool2d(shiftedResponse, window, 'max', { stride: 1 });
  const kept: Array<[number, number]> = [];
  const [ph, pw] = pooled.shape;
  for (let r = 0; r < ph; r++) {
    for (let c = 0; c < pw; c++) {
      const a = pooled.data[r * pw + c];
      if (a !== 0 && a === shiftedPooled.data[r * pw + c]) kept.push([r, c]);
    }
  }
  const moved = response.data.some((v, i) => v !== shiftedResponse.data[i]);
  const columns = [...new Set(kept.map(([, c]) => c))];
  const passed = moved && kept.length > 0;
  const message = !moved
    ? 'The edge response did not move: shift the image (or draw an edge) so there is something to compare.'
    : passed
      ? `The edge moved by ${shift} pixel${shift === 1 ? '' : 's'} and its response moved with it, but after ${window}x${window} max pooling ` +
        `column${columns.length === 1 ? '' : 's'} ${columns.join(', ')} still fire${columns.length === 1 ? 's' : ''} in both: pooling tolerates the shift.`
      : `After ${window}x${window} max pooling no cell fires in both: a shift of ${shift} is more than the window tolerates.`;
  return {
    passed,
    message,
    input: strip({ shape: [x.height, x.width], data: Float64Array.from(x.data) }),
    shiftedInput,
    response,
    shiftedResponse,
    pooled,
    shiftedPooled,
    kept,
  };
}
