import { checkDense, planeFromDense, type DenseArray, type Dense64 } from './dense.ts';
import { windowGeometry, type WindowGeometry, type WindowOptions } from './geometry.ts';
import { padGrid, type PadMode } from './padding.ts';

/** Matrices larger than this are refused: the views are for small inputs, and 4M float64 is 32 MB. */
export const MAX_MATRIX_ENTRIES = 1 << 22;

function checkSize(fn: string, rows: number, cols: number): void {
  if (rows * cols > MAX_MATRIX_ENTRIES) {
    throw new Error(
      `${fn}: the matrix would be ${rows}x${cols} (${rows * cols} entries), more than the ${MAX_MATRIX_ENTRIES} the view allows; use a smaller input`,
    );
  }
}

const padsOf = (g: WindowGeometry) => ({
  top: g.padTop,
  bottom: g.padBottom,
  left: g.padLeft,
  right: g.padRight,
});

/**
 * Calls `visit(row, tap, p)` for every output cell (row = i * outWidth + j, row-major), every kernel
 * tap (tap = a * kernelWidth + b, row-major) and the index p of the padded input it reads:
 * (i * strideHeight + a * dilationHeight) * paddedWidth + j * strideWidth + b * dilationWidth.
 */
function forEachWindowTap(g: WindowGeometry, visit: (row: number, tap: number, p: number) => void): void {
  for (let i = 0; i < g.outHeight; i++) {
    for (let j = 0; j < g.outWidth; j++) {
      const row = i * g.outWidth + j;
      for (let a = 0; a < g.kernelHeight; a++) {
        const rowStart = (i * g.strideHeight + a * g.dilationHeight) * g.paddedWidth + j * g.strideWidth;
        for (let b = 0; b < g.kernelWidth; b++)
          visit(row, a * g.kernelWidth + b, rowStart + b * g.dilationWidth);
      }
    }
  }
}

/**
 * The textbook's im2col matrix, whole and in float64 for display: one row per output cell (row-major),
 * holding the padded-input values under the kernel's weights (kernel row-major), so that
 * vec(Y) = patches · vec(K). (kernels/im2col.ts is the training kernel's banded copy, not this.)
 */
export function patchMatrix(
  input: DenseArray,
  kernelHeight: number,
  kernelWidth: number,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): Dense64 & { geometry: WindowGeometry } {
  const fn = 'im2col';
  const x = planeFromDense(fn, 'input', input);
  const g = windowGeometry(fn, x.height, x.width, kernelHeight, kernelWidth, options);
  const rows = g.outHeight * g.outWidth;
  const cols = kernelHeight * kernelWidth;
  checkSize(fn, rows, cols);
  const padded = padGrid(fn, x, padsOf(g), padMode);
  const data = new Float64Array(rows * cols);
  forEachWindowTap(g, (row, tap, p) => {
    data[row * cols + tap] = padded.data[p];
  });
  return { shape: [rows, cols], data, geometry: g };
}

/**
 * The convolution as one matrix W (the doubly block Toeplitz matrix for zero padding) with
 * vec(Y) = W · vec(X): one row per output cell, one column per input cell, both row-major. Padding
 * cells are not columns: a zero cell contributes nothing, and a reflected/replicated/circular cell
 * adds its weight to the input cell it copies, so every padding mode stays a linear map of X.
 */
export function convolutionMatrix(
  inputHeight: number,
  inputWidth: number,
  kernel: DenseArray,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): Dense64 & { geometry: WindowGeometry } {
  const fn = 'convolutionMatrix';
  const k = planeFromDense(fn, 'kernel', kernel);
  const g = windowGeometry(fn, inputHeight, inputWidth, k.height, k.width, options);
  const rows = g.outHeight * g.outWidth;
  const cols = inputHeight * inputWidth;
  checkSize(fn, rows, cols);
  // Padding an index grid gives, for each padded cell, the input cell it reads (or -1 for a zero).
  const indexGrid = { height: inputHeight, width: inputWidth, data: new Float64Array(cols) };
  const padded = padGrid(fn, indexGrid, padsOf(g), padMode);
  const data = new Float64Array(rows * cols);
  forEachWindowTap(g, (row, tap, p) => {
    const source = padded.source[p];
    if (source >= 0) data[row * cols + source] += k.data[tap];
  });
  return { shape: [rows, cols], data, geometry: g };
}

/** M · v for a 2-D `matrix` and a vector given as any array of matching length. */
export function matrixVector(matrix: DenseArray, vector: ArrayLike<number>): Float64Array {
  const [rows, cols] = checkDense('matrixVector', 'matrix', matrix, 2);
  if (vector.length !== cols) {
    throw new Error(
      `matrixVector: the matrix has ${cols} columns but the vector has ${vector.length} values`,
    );
  }
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += matrix.data[r * cols + c] * vector[c];
    out[r] = s;
  }
  return out;
}

/** Mᵀ · v: why the input's gradient is the transposed matrix applied to the output's gradient. */
export function transposedMatrixVector(matrix: DenseArray, vector: ArrayLike<number>): Float64Array {
  const [rows, cols] = checkDense('transposedMatrixVector', 'matrix', matrix, 2);
  if (vector.length !== rows) {
    throw new Error(
      `transposedMatrixVector: the matrix has ${rows} rows but the vector has ${vector.length} values`,
    );
  }
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const v = vector[r];
    if (v === 0) continue;
    for (let c = 0; c < cols; c++) out[c] += matrix.data[r * cols + c] * v;
  }
  return out;
}

/**
 * dL/dX for Y = conv(X, K): Wᵀ · vec(dL/dY), reshaped to the input's shape. Each input cell collects
 * the output errors of every window that covered it, weighted by the weight that covered it.
 */
export function inputGradientByTranspose(
  inputHeight: number,
  inputWidth: number,
  kernel: DenseArray,
  outputGradient: DenseArray,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): Dense64 {
  const fn = 'inputGradientByTranspose';
  const w = convolutionMatrix(inputHeight, inputWidth, kernel, options, padMode);
  const [gh, gw] = checkDense(fn, 'output gradient', outputGradient, 2);
  if (gh !== w.geometry.outHeight || gw !== w.geometry.outWidth) {
    throw new Error(
      `${fn}: the output gradient is ${gh}x${gw} but the output is ${w.geometry.outHeight}x${w.geometry.outWidth}`,
    );
  }
  return { shape: [inputHeight, inputWidth], data: transposedMatrixVector(w, outputGradient.data) };
}
