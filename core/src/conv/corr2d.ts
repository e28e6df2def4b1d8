import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { conv2dForwardDirect } from '../kernels/conv-direct-forward.ts';
import { conv2dBackwardInputDirect } from '../kernels/conv-direct-input-grad.ts';
import { conv2dBackwardWeightDirect } from '../kernels/conv-direct-weight-grad.ts';
import { convGeometry } from './geometry.ts';

/**
 * The textbook's 2-D cross-correlation `corr2d(X, K)` of a 2-D input X [h, w] with a 2-D kernel
 * K [kh, kw]: Y[i, j] = sum over a, b of X[i + a, j + b] * K[a, b], shape [h - kh + 1, w - kw + 1].
 * It is conv2d with one image, one channel, no padding and stride 1, so it shares the direct kernels.
 */
export function corr2d(X: Tensor, K: Tensor): Tensor {
  if (X.shape.length !== 2)
    throw new Error(`corr2d: X must be 2-D (height, width), got shape ${formatShape(X.shape)}`);
  if (K.shape.length !== 2)
    throw new Error(`corr2d: K must be 2-D (height, width), got shape ${formatShape(K.shape)}`);
  const g = convGeometry({
    op: 'corr2d',
    batch: 1,
    inChannels: 1,
    inHeight: X.shape[0],
    inWidth: X.shape[1],
    outChannels: 1,
    groups: 1,
    kernelHeight: K.shape[0],
    kernelWidth: K.shape[1],
    stride: 1,
    padding: 0,
    dilation: 1,
  });
  const out = new Float32Array(g.outHeight * g.outWidth);
  conv2dForwardDirect(X.data, K.data, null, out, g);
  return fromOp('corr2d', out, [g.outHeight, g.outWidth], [X, K], (gradOutput) => {
    let gradX: Float32Array | null = null;
    let gradK: Float32Array | null = null;
    if (X.requiresGrad) {
      gradX = new Float32Array(X.data.length);
      conv2dBackwardInputDirect(gradOutput, K.data, gradX, g);
    }
    if (K.requiresGrad) {
      gradK = new Float32Array(K.data.length);
      conv2dBackwardWeightDirect(gradOutput, X.data, gradK, g);
    }
    return [gradX, gradK];
  });
}
