import { describe, expect, it } from 'vitest';
import {
  defaultGeometry,
  describeShape,
  outputFormula,
  outputLength,
  type LayerGeometry,
} from '../../../renderer/src/lib/geometry.ts';

/** Reference: count the window positions directly, one step at a time. */
function countWindows(n: number, k: number, p: number, s: number, d: number): number {
  let count = 0;
  for (let start = 0; start + d * (k - 1) < n + 2 * p; start += s) count++;
  return count;
}

const geometry = (over: Partial<LayerGeometry>): LayerGeometry => ({ ...defaultGeometry(), ...over });

describe('outputLength', () => {
  it('equals the number of window positions for every small combination', () => {
    for (let n = 1; n <= 9; n++)
      for (let k = 1; k <= 4; k++)
        for (let p = 0; p <= 2; p++)
          for (let s = 1; s <= 3; s++)
            for (let d = 1; d <= 3; d++) {
              const windows = countWindows(n, k, p, s, d);
              if (windows > 0) expect(outputLength(n, k, p, s, d), `${n} ${k} ${p} ${s} ${d}`).toBe(windows);
            }
  });

  it('writes the formula with the numbers filled in, as the issue shows it', () => {
    expect(outputFormula(6, 1, 0, 1, 1)).toBe('floor((6 + 2*0 - 1*(1 - 1) - 1) / 1) + 1 = 6');
  });
});

describe('describeShape', () => {
  it('gives the textbook 6 × 8 input with a 1 × 2 kernel a 6 × 7 output', () => {
    const r = describeShape({ height: 6, width: 8 }, { height: 1, width: 2 }, defaultGeometry());
    expect([r.outHeight, r.outWidth, r.problems]).toEqual([6, 7, []]);
    expect(r.formulaWidth).toBe('floor((8 + 2*0 - 1*(2 - 1) - 1) / 1) + 1 = 7');
  });

  it('reports (never throws) when the stride is 0', () => {
    const r = describeShape({ height: 6, width: 8 }, { height: 1, width: 2 }, geometry({ stride: [0, 1] }));
    expect(r.outHeight).toBeNull();
    expect(r.problems.join(' ')).toContain('Stride height must be a whole number of at least 1, got 0');
  });

  it('reports when the dilated kernel is larger than the padded input', () => {
    const r = describeShape({ height: 3, width: 3 }, { height: 1, width: 3 }, geometry({ dilation: [1, 2] }));
    expect(r.outWidth).toBeNull();
    expect(r.problems[0]).toContain('The output width would be -1');
  });

  it('reports reflect padding as large as the input and circular padding larger than it', () => {
    const reflect = describeShape(
      { height: 2, width: 5 },
      { height: 1, width: 1 },
      geometry({ padding: [2, 0], paddingMode: 'reflect' }),
    );
    expect(reflect.problems[0]).toContain('Reflect padding height must be smaller than the input height (2)');
    const circular = describeShape(
      { height: 2, width: 5 },
      { height: 1, width: 1 },
      geometry({ padding: [3, 0], paddingMode: 'circular' }),
    );
    expect(circular.problems[0]).toContain('Circular padding height cannot exceed the input height (2)');
  });

  it('reports negative, fractional and NaN settings instead of throwing', () => {
    const r = describeShape(
      { height: 6, width: 8 },
      { height: 1, width: 2 },
      geometry({ padding: [-1, 0.5], dilation: [Number.NaN, 1] }),
    );
    expect(r.problems).toHaveLength(3);
    expect(r.outHeight).toBeNull();
    expect(r.outWidth).toBeNull();
  });
});
