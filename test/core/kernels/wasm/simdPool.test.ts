// LeNet's 2 x 2 stride-2 average pooling in WebAssembly (core/wasm/simdKernels.wat, used from 4096 values)
// against the JavaScript loops of kernels/pool.ts: even and odd plane sizes (an odd last row and
// column belong to no window), row widths that are and are not a multiple of four outputs.
import { afterEach, describe, expect, it } from 'vitest';
import { poolGeometry } from '../../../../core/src/conv/pool.ts';
import { avgPoolBackward, avgPoolForward } from '../../../../core/src/kernels/pool.ts';
import {
  setSimdKernelsDisabled,
  simdKernelsAvailable,
} from '../../../../core/src/kernels/wasm/simdKernels.ts';
import { seededValues } from '../../conv/naive.ts';

afterEach(() => setSimdKernelsDisabled(false));

const SHAPES: number[][] = [
  [256, 6, 28, 28],
  [64, 16, 10, 10],
  [3, 5, 29, 31],
  [40, 2, 9, 7],
];

function run(shape: number[], wasm: boolean, initialGrad: Float32Array) {
  setSimdKernelsDisabled(!wasm);
  const g = poolGeometry('avgPool2d', shape, 2, 2, 0, 1, false);
  const x = seededValues(
    shape.reduce((a, b) => a * b, 1),
    7,
  );
  const out = new Float32Array(g.batch * g.inChannels * g.outHeight * g.outWidth);
  avgPoolForward(x, out, g, true);
  const gradOut = seededValues(out.length, 8);
  const gradIn = Float32Array.from(initialGrad);
  avgPoolBackward(gradOut, gradIn, g, true);
  return { out, gradIn };
}

describe('2x2 stride-2 average pooling in WebAssembly', () => {
  it('the WebAssembly module is available here', () => expect(simdKernelsAvailable()).toBe(true));
  for (const shape of SHAPES) {
    it(`x=[${shape}] matches the JavaScript loops (forward within a float32 rounding, gradient added exactly)`, () => {
      const size = shape.reduce((a, b) => a * b, 1);
      const initial = seededValues(size, 9); // the gradient adds to what is there
      const js = run(shape, false, initial);
      const wasm = run(shape, true, initial);
      for (let i = 0; i < js.out.length; i++) {
        if (!(Math.abs(wasm.out[i] - js.out[i]) <= 2.5e-7 * Math.max(1, Math.abs(js.out[i])))) {
          expect.fail(`out[${i}]: wasm ${wasm.out[i]}, JavaScript ${js.out[i]}`);
        }
      }
      expect(Array.from(wasm.gradIn)).toEqual(Array.from(js.gradIn));
    });
  }
});
