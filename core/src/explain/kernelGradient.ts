import { checkDense, planeFromDense, type DenseArray, type Dense64 } from './dense.ts';
import { windowGeometry, type WindowOptions } from './geometry.ts';
import { padGrid, type PadMode } from './padding.ts';
import { squaredLoss } from '../train/loss.ts';

export interface KernelGradient extends Dense64 {
  /** dL/db: the output error summed over every cell (each output cell adds the bias once). */
  readonly biasGradient: number;
  /** What was computed, in the chapter's terms. */
  readonly explanation: string;
}

/**
 * dL/dK for Y = corr(X, K) (with padding, stride s and dilation d) written as what it is: a
 * cross-correlation of the padded input with the output error,
 *   dL/dK[a, b] = Σ_ij dL/dY[i, j] · Xpad[s·i + d·a, s·j + d·b],
 * i.e. corr(Xpad, dL/dY) where dL/dY is spread out by the stride and the result is read every d cells.
 */
export function kernelGradientByCorrelation(
  input: DenseArray,
  outputGradient: DenseArray,
  kernelHeight: number,
  kernelWidth: number,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): KernelGradient {
  const fn = 'kernelGradientByCorrelation';
  const x = planeFromDense(fn, 'input', input);
  const dy = planeFromDense(fn, 'output gradient', outputGradient);
  const g = windowGeometry(fn, x.height, x.width, kernelHeight, kernelWidth, options);
  if (dy.height !== g.outHeight || dy.width !== g.outWidth) {
    throw new Error(
      `${fn}: the output gradient is ${dy.height}x${dy.width} but the output is ${g.outHeight}x${g.outWidth}`,
    );
  }
  const padded = padGrid(
    fn,
    x,
    { top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight },
    padMode,
  );
  const data = new Float64Array(kernelHeight * kernelWidth);
  // Layout: padded input and output gradient row-major; the kernel gradient is row-major kh x kw.
  for (let a = 0; a < kernelHeight; a++) {
    for (let b = 0; b < kernelWidth; b++) {
      let sum = 0;
      for (let i = 0; i < dy.height; i++) {
        const row = (i * g.strideHeight + a * g.dilationHeight) * padded.width + b * g.dilationWidth;
        for (let j = 0; j < dy.width; j++)
          sum += dy.data[i * dy.width + j] * padded.data[row + j * g.strideWidth];
      }
      data[a * kernelWidth + b] = sum;
    }
  }
  let biasGradient = 0;
  for (let i = 0; i < dy.data.length; i++) biasGradient += dy.data[i];
  const strided = g.strideHeight !== 1 || g.strideWidth !== 1;
  const dilated = g.dilationHeight !== 1 || g.dilationWidth !== 1;
  const explanation =
    `dL/dK = corr(X, dL/dY): the ${kernelHeight}x${kernelWidth} gradient slides the ${dy.height}x${dy.width} output error ` +
    `over the ${padded.height}x${padded.width} padded input` +
    (strided ? `, its cells ${g.strideHeight}x${g.strideWidth} apart (the stride)` : '') +
    (dilated ? `, one result every ${g.dilationHeight}x${g.dilationWidth} cells (the dilation)` : '');
  return { shape: [kernelHeight, kernelWidth], data, biasGradient, explanation };
}

/** dL/dY for L = Σ (Y - target)², the textbook's loss: 2·(Y - target), the trainer's rule (train/loss.ts). */
export function squaredLossOutputGradient(output: DenseArray, target: DenseArray): Dense64 {
  const fn = 'squaredLossOutputGradient';
  const shape = checkDense(fn, 'output', output, output.shape.length);
  const targetShape = checkDense(fn, 'target', target, target.shape.length);
  if (shape.length !== targetShape.length || shape.some((d, i) => d !== targetShape[i])) {
    throw new Error(
      `${fn}: output has shape [${shape.join(', ')}] but target has shape [${targetShape.join(', ')}]`,
    );
  }
  const data = new Float64Array(output.data.length);
  squaredLoss('sum-squared', output.data, target.data, data);
  return { shape, data };
}
