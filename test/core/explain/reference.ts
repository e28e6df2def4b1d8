// The independent references the explain tests compare against: the core's own conv2d/pad/pool ops and
// autograd (PyTorch-checked by the golden cases), driven on single-channel 2-D arrays.
import { expect } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import { conv2d, pad } from '../../../core/src/conv/index.ts';

// The ops come from the conv module (what core/src/index.ts re-exports) so these tests do not depend on
// the rest of the public index being assembled.
export { conv2d, avgPool2d, maxPool2d } from '../../../core/src/conv/index.ts';
export { noGrad } from '../../../core/src/autograd/graph.ts';
export type { Tensor } from '../../../core/src/tensor.ts';
import type { WindowOptions } from '../../../core/src/explain/geometry.ts';
import type { PadMode } from '../../../core/src/explain/padding.ts';
import { windowGeometry } from '../../../core/src/explain/geometry.ts';

/** A tensor of `shape` holding `data` (copied), optionally a leaf that wants a gradient. */
export function leaf(data: ArrayLike<number>, shape: readonly number[], requiresGrad = false): Tensor {
  return Tensor.internal(Float32Array.from(data), shape, requiresGrad);
}

/**
 * The core's conv2d on one 2-D input and kernel (as [1, 1, H, W] tensors). For padding modes other
 * than zeros, the input goes through the core's `pad` first and conv2d runs unpadded, as
 * `nn.Conv2d(padding_mode=...)` does.
 */
export function coreConv(
  input: { shape: readonly number[]; data: ArrayLike<number> },
  kernel: { shape: readonly number[]; data: ArrayLike<number> },
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
  requiresGrad = false,
): { x: Tensor; k: Tensor; y: Tensor } {
  const [h, w] = input.shape;
  const [kh, kw] = kernel.shape;
  const x = leaf(input.data, [1, 1, h, w], requiresGrad);
  const k = leaf(kernel.data, [1, 1, kh, kw], requiresGrad);
  if (padMode === 'zeros') {
    return {
      x,
      k,
      y: conv2d(x, k, null, {
        padding: options.padding ?? 0,
        stride: options.stride ?? 1,
        dilation: options.dilation ?? 1,
      }),
    };
  }
  const g = windowGeometry('coreConv', h, w, kh, kw, options);
  const padded = pad(x, [g.padLeft, g.padRight, g.padTop, g.padBottom], padMode);
  return {
    x,
    k,
    y: conv2d(padded, k, null, { stride: options.stride ?? 1, dilation: options.dilation ?? 1 }),
  };
}

/** Element-wise closeness with a float32-sized tolerance, naming the first index that differs. */
export function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tolerance = 1e-4,
  what = 'value',
): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tolerance * (1 + Math.abs(want[i])))) {
      expect.fail(`${what} ${i}: got ${got[i]}, want ${want[i]}`);
    }
  }
}

/** A deterministic generator of small random grids (an LCG: the tests only need generic values). */
export function randomValues(count: number, seed: number, low = -1, high = 1): Float64Array {
  let state = seed >>> 0 || 1;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = low + ((high - low) * state) / 2 ** 32;
  }
  return out;
}

/** A random 2-D array of `height` x `width`. */
export function randomGrid(height: number, width: number, seed: number, low = -1, high = 1) {
  return { shape: [height, width], data: randomValues(height * width, seed, low, high) };
}
