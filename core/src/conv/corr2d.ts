import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { conv2d } from './conv2d.ts';
import { convGeometry } from './geometry.ts';

/**
 * The textbook's 2-D cross-correlation `corr2d(X, K)` of a 2-D input X [h, w] with a 2-D kernel
 * K [kh, kw]: Y[i, j] = sum over a, b of X[i + a, j + b] * K[a, b], shape [h - kh + 1, w - kw + 1].
 * It is conv2d on X as one image of one channel, with K as one filter, no padding and stride 1, so
 * it shares conv2d's kernels and gradients (the reshapes pass gradients through unchanged).
 */
export function corr2d(X: Tensor, K: Tensor): Tensor {
  if (X.shape.length !== 2)
    throw new Error(`corr2d: X must be 2-D (height, width), got shape ${formatShape(X.shape)}`);
  if (K.shape.length !== 2)
    throw new Error(`corr2d: K must be 2-D (height, width), got shape ${formatShape(K.shape)}`);
  const [h, w] = X.shape;
  const [kh, kw] = K.shape;
  // Checked under corr2d's name first, so that a kernel larger than X is refused as `corr2d: ...`.
  const g = convGeometry({
    op: 'corr2d',
    batch: 1,
    inChannels: 1,
    inHeight: h,
    inWidth: w,
    outChannels: 1,
    groups: 1,
    kernelHeight: kh,
    kernelWidth: kw,
    stride: 1,
    padding: 0,
    dilation: 1,
  });
  return conv2d(X.reshape([1, 1, h, w]), K.reshape([1, 1, kh, kw])).reshape([g.outHeight, g.outWidth]);
}
