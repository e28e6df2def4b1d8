import { planeFromDense, type DenseArray, type Dense64 } from '../dense.ts';
import { correlate2d } from '../correlate.ts';
import type { ExerciseResult } from './result.ts';

export interface DiagonalEdgeResult extends ExerciseResult {
  /** corr2d(X, K) with the chapter's K = [1, -1]. */
  readonly withK: Dense64;
  /** corr2d(X, Kᵀ). */
  readonly withKTransposed: Dense64;
  /** corr2d(Xᵀ, K). */
  readonly transposedWithK: Dense64;
}

const K = { shape: [1, 2], data: [1, -1] };
const KT = { shape: [2, 1], data: [1, -1] };

/** The non-zero cells of a 2-D result. */
function responseCells(y: Dense64): Array<[number, number]> {
  const [h, w] = y.shape;
  const cells: Array<[number, number]> = [];
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) if (Math.abs(y.data[r * w + c]) > 1e-9) cells.push([r, c]);
  return cells;
}

/** True when the response draws diagonal lines: every cell has a diagonal neighbour and none lies in a straight run along `straight`. */
function drawsDiagonals(y: Dense64, straight: 'vertical' | 'horizontal'): boolean {
  const [h, w] = y.shape;
  const on = (r: number, c: number): boolean =>
    r >= 0 && c >= 0 && r < h && c < w && Math.abs(y.data[r * w + c]) > 1e-9;
  const cells = responseCells(y);
  if (cells.length < 2) return false;
  return cells.every(([r, c]) => {
    const diagonal = on(r - 1, c - 1) || on(r - 1, c + 1) || on(r + 1, c - 1) || on(r + 1, c + 1);
    const run = straight === 'vertical' ? on(r - 1, c) || on(r + 1, c) : on(r, c - 1) || on(r, c + 1);
    return diagonal && !run;
  });
}

/**
 * The chapter's exercise: build an image X with diagonal edges, then see what the edge detector
 * K = [1, -1] does to it, to its transpose Xᵀ, and what Kᵀ does. It passes when K's and Kᵀ's responses
 * both trace diagonal lines (a diagonal edge changes both along rows and along columns); the message
 * says what each of the three does.
 */
export function checkDiagonalEdgeImage(image: DenseArray): DiagonalEdgeResult {
  const fn = 'checkDiagonalEdgeImage';
  const x = planeFromDense(fn, 'image', image);
  if (x.height < 2 || x.width < 2)
    throw new Error(`${fn}: the image must be at least 2x2, got ${x.height}x${x.width}`);
  const transposed = new Float64Array(x.height * x.width);
  for (let r = 0; r < x.height; r++)
    for (let c = 0; c < x.width; c++) transposed[c * x.height + r] = x.data[r * x.width + c];
  const xt = { shape: [x.width, x.height], data: transposed };
  const withK = correlate2d(image, K);
  const withKTransposed = correlate2d(image, KT);
  const transposedWithK = correlate2d(xt, K);
  const result = (passed: boolean, message: string): DiagonalEdgeResult => ({
    passed,
    message,
    withK: { shape: withK.shape, data: withK.data },
    withKTransposed: { shape: withKTransposed.shape, data: withKTransposed.data },
    transposedWithK: { shape: transposedWithK.shape, data: transposedWithK.data },
  });
  const kCells = responseCells(withK).length;
  const ktCells = responseCells(withKTransposed).length;
  if (kCells === 0 && ktCells === 0)
    return result(
      false,
      'The image has no edges: K and Kᵀ give zero everywhere. Draw a diagonal boundary between dark and bright.',
    );
  if (!drawsDiagonals(withK, 'vertical') || !drawsDiagonals(withKTransposed, 'horizontal')) {
    return result(
      false,
      kCells === 0 || ktCells === 0
        ? `Only ${kCells === 0 ? 'Kᵀ' : 'K'} responds, so the edges are ${kCells === 0 ? 'horizontal' : 'vertical'}, not diagonal.`
        : 'The responses of K and Kᵀ do not both trace diagonal lines: some edges are horizontal or vertical. Make every boundary a staircase diagonal.',
    );
  }
  return result(
    true,
    'Diagonal edges: K = [1, -1] (change along rows) and Kᵀ (change along columns) both respond, each along the diagonal, ' +
      'because a diagonal edge changes brightness in both directions. Transposing X mirrors the image about its main diagonal, ' +
      'so K on Xᵀ gives Kᵀ on X, transposed.',
  );
}
