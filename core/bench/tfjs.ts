// TensorFlow.js with its pure-JavaScript CPU backend, timed on the same shapes for comparison.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { benchValues, type BenchShape } from './shapes.ts';

export async function useTfjsCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/**
 * Forward and forward+backward closures for one shape. tfjs's CPU conv2d is NHWC with filters
 * [kh, kw, in, out]; the tensors hold the same number of values as ours, so the work is the same.
 */
export function tfjsConv(shape: BenchShape): {
  forward: () => void;
  forwardBackward: () => void;
  dispose: () => void;
} {
  const [N, C, H, W] = shape.input;
  const [kh, kw] = shape.kernel;
  const x = tf.tensor4d(benchValues(N * C * H * W, 1), [N, H, W, C]);
  const f = tf.tensor4d(benchValues(kh * kw * C * shape.outChannels, 2), [kh, kw, C, shape.outChannels]);
  const strides: [number, number] = [shape.stride, shape.stride];
  const conv = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, strides, shape.padding);
  const y = conv(x, f);
  const dy = tf.tensor4d(benchValues(y.size, 3), y.shape);
  y.dispose();
  // tfjs-core's node bundle registers no gradients, so the backward pass calls the two kernels that
  // Conv2D's gradient uses (as tf.grads would): Conv2DBackpropInput and Conv2DBackpropFilter.
  const attrs = { strides, pad: shape.padding, dataFormat: 'NHWC' };
  const backward = () => {
    const gx = tf
      .engine()
      .runKernel(tf.Conv2DBackpropInput, { dy, filter: f }, { ...attrs, inputShape: x.shape });
    const gf = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape: f.shape });
    (gx as tf.Tensor).dataSync();
    (gf as tf.Tensor).dataSync();
  };
  return {
    forward: () => tf.tidy(() => void conv(x, f).dataSync()),
    forwardBackward: () =>
      tf.tidy(() => {
        conv(x, f).dataSync();
        backward();
      }),
    dispose: () => tf.dispose([x, f, dy]),
  };
}
