// What the matrix panel shows: the im2col matrix, the convolution matrix W, both products, and (given an
// output gradient) the input gradient as Wᵀ·vec(dY). Pure, so it is tested without a DOM.
import {
  convolutionMatrix,
  patchMatrix,
  inputGradientByTranspose,
  matrixVector,
  type Dense64,
  type PadMode,
  type WindowOptions,
} from '../../../../core/src/explain/index.ts';
import { errorMessage, toDense, type GridLike } from '../shared/data.ts';

/** Matrices with more entries than this are summarised instead of drawn as tables. */
export const MAX_DRAWN_ENTRIES = 1600;

export interface MatrixViewModel {
  readonly outHeight: number;
  readonly outWidth: number;
  /** Output cells x kernel cells. */
  readonly patches: Dense64;
  /** Output cells x input cells, or null when too large to draw. */
  readonly matrix: Dense64 | null;
  readonly matrixShape: [number, number];
  /** vec(Y) = patches · vec(K). */
  readonly output: Float64Array;
  /** Largest |patches·K − W·X|: the two views agree. */
  readonly agreement: number | null;
  /** dL/dX = Wᵀ·vec(dY), when an output gradient was given. */
  readonly inputGradient: Dense64 | null;
}

export function matrixViewModel(
  input: GridLike,
  kernel: GridLike,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
  outputGradient: GridLike | null = null,
  maxDrawn = MAX_DRAWN_ENTRIES,
): { model: MatrixViewModel; error: null } | { model: null; error: string } {
  try {
    const patches = patchMatrix(toDense(input), kernel.height, kernel.width, options, padMode);
    const output = matrixVector(patches, kernel.data);
    const { outHeight, outWidth } = patches.geometry;
    const matrixShape: [number, number] = [outHeight * outWidth, input.height * input.width];
    let matrix: Dense64 | null = null;
    let agreement: number | null = null;
    if (matrixShape[0] * matrixShape[1] <= maxDrawn) {
      matrix = convolutionMatrix(input.height, input.width, toDense(kernel), options, padMode);
      const viaW = matrixVector(matrix, input.data);
      agreement = 0;
      for (let i = 0; i < viaW.length; i++) agreement = Math.max(agreement, Math.abs(viaW[i] - output[i]));
    }
    const inputGradient =
      outputGradient === null
        ? null
        : inputGradientByTranspose(
            input.height,
            input.width,
            toDense(kernel),
            toDense(outputGradient),
            options,
            padMode,
          );
    return {
      model: { outHeight, outWidth, patches, matrix, matrixShape, output, agreement, inputGradient },
      error: null,
    };
  } catch (error) {
    return { model: null, error: errorMessage(error) };
  }
}
