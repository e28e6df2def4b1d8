// The three convolution passes run on one kernel path with seeded values, for the tests that compare
// paths (or a path and the naive definition) on the same case.
import type { ConvGeometry } from '../../../core/src/conv/geometry.ts';
import {
  conv2dBackwardInputKernel,
  conv2dBackwardWeightKernel,
  conv2dForwardKernel,
  type ConvPath,
} from '../../../core/src/kernels/conv.ts';
import { seededValues, type NaiveConv } from '../conv/naive.ts';

/** Forward (with bias), input gradient, and weight gradient added to a non-zero start, on `path`. */
export function runConvPasses(c: NaiveConv, g: ConvGeometry, seed: number, path: ConvPath) {
  const x = seededValues(c.batch * c.inChannels * c.height * c.width, seed);
  const w = seededValues(
    (c.outChannels * c.inChannels * c.kernelHeight * c.kernelWidth) / c.groups,
    seed + 1,
  );
  const bias = seededValues(c.outChannels, seed + 2);
  const gy = seededValues(c.batch * c.outChannels * g.outHeight * g.outWidth, seed + 3);
  const y = new Float32Array(gy.length);
  conv2dForwardKernel(x, w, bias, y, g, path);
  const gx = new Float32Array(x.length);
  conv2dBackwardInputKernel(gy, w, gx, g, path);
  const gw = seededValues(w.length, seed + 4);
  conv2dBackwardWeightKernel(gy, x, gw, g, path);
  return { g, x, w, bias, gy, y, gx, gw };
}
