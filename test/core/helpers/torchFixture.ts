// What the PyTorch reference files (test/fixtures/golden, test/fixtures/torch) hold and how a test
// compares against them: a tensor as shape and flat values, and the golden files' tolerance.
import { expect } from 'vitest';
import { tensor, type Tensor } from '../../../core/src/index.ts';

/** A tensor in a fixture: its shape and its values, flat and row-major. */
export interface TorchJson {
  shape: number[];
  data: number[];
}

/** A fixture tensor as a float32 leaf (one that collects a gradient when `requiresGrad`). */
export const leaf = (j: TorchJson, requiresGrad = false): Tensor =>
  tensor(Float32Array.from(j.data), { shape: j.shape, requiresGrad });

/** The golden files' tolerance: the same shape, and |got - want| <= 1e-4 + 1e-4 |want| for every value. */
export function expectCloseToTorch(got: Tensor | null, want: TorchJson, what: string): void {
  expect(got, `${what} exists`).not.toBeNull();
  expect(got!.shape, `${what} shape`).toEqual(want.shape);
  want.data.forEach((w, i) => {
    if (!(Math.abs(got!.data[i] - w) <= 1e-4 + 1e-4 * Math.abs(w))) {
      expect.fail(`${what}[${i}]: got ${got!.data[i]}, PyTorch gives ${w}`);
    }
  });
}
