import { expect } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import { noGrad } from '../../../core/src/autograd/graph.ts';

/**
 * Float64 finite-difference check of an op's gradients. The scalar probed is L = sum(f(inputs) * U)
 * for a fixed random upstream U, accumulated in float64 from the op's float32 outputs; each input value
 * is nudged by ±eps and (L+ - L-) / 2eps is compared with what `backward` put in `.grad`.
 * Tolerances allow for float32 rounding in the op itself (eps is chosen so that it stays well below).
 */
export function gradcheck(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  {
    eps = 1e-2,
    atol = 2e-3,
    rtol = 2e-2,
    seed = 1,
  }: { eps?: number; atol?: number; rtol?: number; seed?: number } = {},
): void {
  const leaves = inputs.map((t) => Tensor.internal(Float32Array.from(t.data), t.shape, true));
  const out = f(...leaves);
  const upstream = new Float64Array(out.data.length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < upstream.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0; // a fixed LCG: the upstream only needs to be generic
    upstream[i] = state / 2 ** 32 - 0.5;
  }
  out.backward(Tensor.internal(Float32Array.from(upstream), out.shape, false));

  const probe = (): number =>
    noGrad(() => {
      const y = f(...leaves);
      let s = 0;
      for (let i = 0; i < y.data.length; i++) s += y.data[i] * upstream[i];
      return s;
    });

  leaves.forEach((leaf, k) => {
    const analytic = leaf.grad?.data;
    expect(analytic, `input ${k} received a gradient`).toBeDefined();
    for (let i = 0; i < leaf.data.length; i++) {
      const original = leaf.data[i];
      leaf.data[i] = original + eps;
      const plus = probe();
      leaf.data[i] = original - eps;
      const minus = probe();
      leaf.data[i] = original;
      const numeric = (plus - minus) / (2 * eps);
      const got = analytic![i];
      if (!(Math.abs(got - numeric) <= atol + rtol * Math.abs(numeric))) {
        expect.fail(`input ${k}, value ${i}: autograd gives ${got}, finite differences give ${numeric}`);
      }
    }
  });
}
