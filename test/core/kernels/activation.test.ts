// The WebAssembly activations (core/wasm/simdKernels.wat via kernels/activation.ts, used from 4096 values)
// against the JavaScript formulas they replace: ReLU and its gradient exactly, the float32 sigmoid
// within 2 ulp of 1 / (1 + exp(-x)) rounded from float64, including the saturated tails and NaN
// (below the smallest normal float32, 1.2e-38, it may give 0: sigmoid(x) for x < -88).
import { afterEach, describe, expect, it } from 'vitest';
import { activationBackward, activationForward } from '../../../core/src/kernels/activation.ts';
import { setSimdKernelsDisabled, simdKernelsAvailable } from '../../../core/src/kernels/wasm/simdKernels.ts';
import { tensor } from '../../../core/src/index.ts';

const SPECIAL = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  1e-30,
  17,
  -17,
  87.9,
  -87.9,
  88,
  -88,
  88.5,
  -88.5,
  104,
  -104,
  3e38,
  -3e38,
];

/** 20,003 values (not a multiple of 4): the special ones, then a spread over ±30 and some over ±300. */
function inputs(): Float32Array {
  const x = new Float32Array(20003);
  let state = 12345;
  for (let i = 0; i < x.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    x[i] = (state / 2 ** 32 - 0.5) * (i % 7 === 0 ? 600 : 60);
  }
  x.set(SPECIAL, 0);
  return x;
}

const sigmoid64 = (v: number) => Math.fround(1 / (1 + Math.exp(-v)));

afterEach(() => setSimdKernelsDisabled(false));

describe('activation kernels', () => {
  it('the WebAssembly module is available here (else these tests check only the JavaScript loops)', () => {
    expect(simdKernelsAvailable()).toBe(true);
  });

  it('sigmoid: within 2 ulp of the float64 formula, NaN stays NaN, the tails are 0 and 1', () => {
    const x = inputs();
    const got = new Float32Array(x.length);
    activationForward('sigmoid', x, got);
    for (let i = 0; i < x.length; i++) {
      const want = sigmoid64(x[i]);
      if (Number.isNaN(want)) {
        expect(got[i], `x = ${x[i]}`).toBeNaN();
        continue;
      }
      const ulp = Math.abs(want) * 2 ** -23;
      if (!(Math.abs(got[i] - want) <= Math.max(2 * ulp, 2 ** -126)))
        expect.fail(`sigmoid(${x[i]}): got ${got[i]}, want ${want}`);
    }
    expect(Array.from(got.subarray(1, 3))).toEqual([1, 0]);
  });

  it('relu and both gradients match the JavaScript loops exactly', () => {
    const x = inputs();
    const g = inputs().reverse();
    const y = new Float32Array(x.length);
    activationForward('relu', x, y);
    expect(Array.from(y)).toEqual(Array.from(x, (v) => (v > 0 ? v : 0)));
    const gx = new Float32Array(x.length);
    activationBackward('relu', g, y, gx);
    expect(Array.from(gx)).toEqual(Array.from(g, (v, i) => (y[i] > 0 ? v : 0)));
    const s = new Float32Array(x.length);
    activationForward('sigmoid', x, s);
    activationBackward('sigmoid', g, s, gx);
    for (let i = 0; i < x.length; i++) {
      const want = g[i] * (1 - s[i]) * s[i];
      if (gx[i] === want || (Number.isNaN(want) && Number.isNaN(gx[i]))) continue;
      if (!(Math.abs(gx[i] - want) <= 1e-6 * Math.abs(want) + 1e-30)) {
        expect.fail(`sigmoid gradient ${i}: got ${gx[i]}, want ${want}`);
      }
    }
  });

  it('gives the same tensors with WebAssembly disabled (the JavaScript fallback)', () => {
    const x = tensor(inputs().subarray(SPECIAL.length), { requiresGrad: true });
    const withWasm = x.sigmoid();
    setSimdKernelsDisabled(true);
    const withoutWasm = x.sigmoid();
    withoutWasm.sum().backward();
    const jsGrad = Float32Array.from(x.grad!.data);
    setSimdKernelsDisabled(false);
    x.grad = null;
    withWasm.sum().backward();
    for (let i = 0; i < x.size; i++) {
      expect(Math.abs(withWasm.data[i] - withoutWasm.data[i])).toBeLessThanOrEqual(2.4e-7);
      expect(Math.abs(x.grad!.data[i] - jsGrad[i])).toBeLessThanOrEqual(1e-7);
    }
  });
});
