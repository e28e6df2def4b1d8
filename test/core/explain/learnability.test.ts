import { describe, expect, it } from 'vitest';
import { analyzeLearnability, unlearnablePart } from '../../../core/src/explain/learnability.ts';
import { symmetricEigen } from '../../../core/src/linalg/symmetricEigen.ts';
import { coreConv, leaf, randomGrid } from './reference.ts';

/** The textbook's input: ones(6, 8) with columns 2..5 zero (vertical stripes). */
function stripes(): { shape: number[]; data: Float64Array } {
  const data = new Float64Array(48).fill(1);
  for (let r = 0; r < 6; r++) for (let c = 2; c < 6; c++) data[r * 8 + c] = 0;
  return { shape: [6, 8], data };
}

function transpose(x: { shape: number[]; data: Float64Array }) {
  const [h, w] = x.shape;
  const data = new Float64Array(h * w);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) data[c * h + r] = x.data[r * w + c];
  return { shape: [w, h], data };
}

describe('learnability of a kernel from an input', () => {
  it("the transposed stripes and a 1x2 kernel: rank 1, null space along [1, -1], and the reason says the input doesn't change along the kernel", () => {
    const result = analyzeLearnability(transpose(stripes()), 1, 2);
    expect(result.learnable).toBe(false);
    expect(result.rank).toBe(1);
    expect(result.nullSpace).toHaveLength(1);
    const [v0, v1] = result.nullSpace[0];
    expect(Math.abs(v0)).toBeCloseTo(Math.SQRT1_2, 10);
    expect(v1).toBeCloseTo(-v0, 10);
    expect(result.reason).toContain("The input has no change along the kernel's horizontal direction");
    expect(result.reason).toContain('every window sees the same values in both kernel positions');
    expect(result.reason).toContain('(w0 + w1)');
    expect(Array.from(unlearnablePart(result, [1, -1]))).toEqual([
      expect.closeTo(1, 10),
      expect.closeTo(-1, 10),
    ]);
  });

  it('autograd agrees: training on the transposed stripes never moves the weights along [1, -1]', () => {
    const x = transpose(stripes());
    const target = { shape: [8, 5], data: new Float64Array(40) }; // corr2d(Xᵀ, [1, -1]) is all zeros
    let w = [0.3, 0.9];
    const along = (v: number[]) => v[0] - v[1];
    const start = along(w);
    for (let step = 0; step < 10; step++) {
      const run = coreConv(x, { shape: [1, 2], data: w }, {}, 'zeros', true);
      const dy = Array.from(run.y.data, (v, i) => 2 * (v - target.data[i]));
      run.y.backward(leaf(dy, run.y.shape));
      const g = run.k.grad!.data;
      expect(g[0] - g[1]).toBeCloseTo(0, 5);
      w = [w[0] - 0.03 * g[0], w[1] - 0.03 * g[1]];
    }
    expect(along(w)).toBeCloseTo(start, 5);
  });

  it('the original stripes and a 1x2 kernel: learnable, rank 2', () => {
    const result = analyzeLearnability(stripes(), 1, 2);
    expect(result.learnable).toBe(true);
    expect(result.rank).toBe(2);
    expect(result.nullSpace).toHaveLength(0);
    expect(result.reason).toMatch(/^The kernel can be learned/);
  });

  it('the vertical edge detector [[1], [-1]] cannot be learned from the original stripes either (same cause, vertical direction)', () => {
    const result = analyzeLearnability(stripes(), 2, 1);
    expect(result.rank).toBe(1);
    expect(result.reason).toContain("no change along the kernel's vertical direction");
  });

  it('horizontal stripes and a 2x2 kernel: rank 2 of 4, the generic reason names a null direction', () => {
    const data = new Float64Array(36);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) data[r * 6 + c] = r % 3;
    const result = analyzeLearnability({ shape: [6, 6], data }, 2, 2);
    expect(result.rank).toBe(2);
    expect(result.nullSpace).toHaveLength(2);
    expect(result.reason).toMatch(/^The windows of this input span only 2 of the 4 directions/);
    // Each null vector gives zero output on every window: A v = 0.
    for (const v of result.nullSpace) {
      const { y } = coreConv({ shape: [6, 6], data }, { shape: [2, 2], data: v });
      expect(Math.max(...Array.from(y.data, Math.abs))).toBeLessThan(1e-5);
    }
  });

  it('an all-zero input: rank 0, nothing can be learned', () => {
    const result = analyzeLearnability({ shape: [3, 3], data: new Float64Array(9) }, 2, 2);
    expect(result.rank).toBe(0);
    expect(result.reason).toMatch(/^Every window sees only zeros/);
  });

  it('symmetricEigen: A v = λ v for each pair, and the eigenvalues sum to the trace', () => {
    const r = randomGrid(5, 5, 9).data;
    const a = new Float64Array(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) a[i * 5 + j] = r[i * 5 + j] + r[j * 5 + i];
    const { values, vectors } = symmetricEigen(a, 5);
    for (let k = 0; k < 5; k++) {
      for (let i = 0; i < 5; i++) {
        let av = 0;
        for (let j = 0; j < 5; j++) av += a[i * 5 + j] * vectors[k * 5 + j];
        expect(av).toBeCloseTo(values[k] * vectors[k * 5 + i], 9);
      }
    }
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(a[0] + a[6] + a[12] + a[18] + a[24], 9);
  });

  it('throws when the matrix is not square or the weights do not match the kernel', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(
      'symmetricEigen: needs an n x n matrix, got n = 2 and 3 values',
    );
    const result = analyzeLearnability(stripes(), 1, 2);
    expect(() => unlearnablePart(result, [1, 2, 3])).toThrow(
      'unlearnablePart: the kernel has 2 weights but 3 were given',
    );
  });
});
