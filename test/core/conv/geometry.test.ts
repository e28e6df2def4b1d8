// The one home of convolution geometry (core/src/conv/geometry.ts): output sizes against PyTorch's
// shapes (the shared golden cases), the padded positions against the core's pad op (itself checked
// against PyTorch's F.pad), and the problems the lab, the readers and validateExperiment show.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  convGeometry,
  defaultLayerGeometry,
  geometryProblem,
  layerOutputSize,
  layerShape,
  outputFormula,
  outputLength,
  PAD_MODES,
  padModeProblem,
  padSource,
  poolProblem,
  type LayerGeometry,
} from '../../../core/src/conv/geometry.ts';
import { pad } from '../../../core/src/conv/pad.ts';
import { tensor } from '../../../core/src/creation.ts';

interface ShapeCase {
  id: string;
  input_hw: [number, number];
  kernel_hw: [number, number];
  padding: [number, number];
  stride: [number, number];
  dilation: [number, number];
  output_hw: [number, number];
}
const shapes = JSON.parse(
  readFileSync(new URL('../../fixtures/golden/shapes.json', import.meta.url), 'utf8'),
) as { cases: ShapeCase[] };

const geometry = (over: Partial<LayerGeometry>): LayerGeometry => ({ ...defaultLayerGeometry(), ...over });

/** Reference: count the window positions directly, one step at a time. */
function countWindows(n: number, k: number, p: number, s: number, d: number): number {
  let count = 0;
  for (let start = 0; start + d * (k - 1) < n + 2 * p; start += s) count++;
  return count;
}

describe('output size', () => {
  it.each(shapes.cases)(
    '$id: x=$input_hw k=$kernel_hw p=$padding s=$stride d=$dilation gives PyTorch’s $output_hw',
    (c) => {
      expect(layerOutputSize(c.input_hw[0], c.input_hw[1], c.kernel_hw, c)).toEqual(c.output_hw);
      const shape = layerShape(
        { height: c.input_hw[0], width: c.input_hw[1] },
        { height: c.kernel_hw[0], width: c.kernel_hw[1] },
        geometry(c),
      );
      expect([shape.outHeight, shape.outWidth, shape.problem]).toEqual([...c.output_hw, null]);
      const record = convGeometry({
        op: 'test',
        batch: 1,
        inChannels: 1,
        outChannels: 1,
        groups: 1,
        inHeight: c.input_hw[0],
        inWidth: c.input_hw[1],
        kernelHeight: c.kernel_hw[0],
        kernelWidth: c.kernel_hw[1],
        stride: c.stride,
        padding: c.padding,
        dilation: c.dilation,
      });
      expect([record.outHeight, record.outWidth]).toEqual(c.output_hw);
    },
  );

  it('equals the number of window positions for every small combination', () => {
    for (let n = 1; n <= 9; n++)
      for (let k = 1; k <= 4; k++)
        for (let p = 0; p <= 2; p++)
          for (let s = 1; s <= 3; s++)
            for (let d = 1; d <= 3; d++) {
              const windows = countWindows(n, k, p, s, d);
              if (windows > 0)
                expect(outputLength(n, 2 * p, k, s, d), `${n} ${k} ${p} ${s} ${d}`).toBe(windows);
            }
  });

  it("x=[6,8] k=[3,4] p=same puts the odd extra pixel at the bottom/right, as PyTorch's 'same'", () => {
    const g = convGeometry({
      op: 'test',
      batch: 1,
      inChannels: 1,
      outChannels: 1,
      groups: 1,
      inHeight: 6,
      inWidth: 8,
      kernelHeight: 3,
      kernelWidth: 4,
      stride: 1,
      padding: 'same',
      dilation: 1,
    });
    expect([g.padTop, g.padBottom, g.padLeft, g.padRight, g.outHeight, g.outWidth]).toEqual([
      1, 1, 1, 2, 6, 8,
    ]);
  });

  it('writes the formula with the numbers filled in, as the lab shows it', () => {
    expect(outputFormula(6, 1, 0, 1, 1, 6)).toBe('floor((6 + 2*0 - 1*(1 - 1) - 1) / 1) + 1 = 6');
    const r = layerShape({ height: 6, width: 8 }, { height: 1, width: 2 }, defaultLayerGeometry());
    expect(r.formulaWidth).toBe('floor((8 + 2*0 - 1*(2 - 1) - 1) / 1) + 1 = 7');
  });
});

describe('padSource', () => {
  // The reference: pad an n x n input whose cells hold their own index with the core's pad op, and
  // read back which cell each padded position copied.
  for (const mode of PAD_MODES) {
    it(`${mode}: every padded position of 1..5 cells with the largest allowed padding reads what pad copies`, () => {
      for (let n = 1; n <= 5; n++) {
        const maxPad = mode === 'reflect' ? n - 1 : mode === 'circular' ? n : 3;
        for (let p = 0; p <= maxPad; p++) {
          const x = tensor(
            Array.from({ length: n * n }, (_, i) => i + 1),
            { shape: [n, n] },
          );
          const y = pad(x, [p, p, p, p], mode);
          const side = n + 2 * p;
          for (let r = 0; r < side; r++) {
            for (let c = 0; c < side; c++) {
              const sr = padSource(r - p, n, mode);
              const sc = padSource(c - p, n, mode);
              const expected = sr < 0 || sc < 0 ? 0 : sr * n + sc + 1;
              expect(y.data[r * side + c], `n=${n} p=${p} (${r}, ${c})`).toBe(expected);
            }
          }
        }
      }
    });
  }
});

describe('padModeProblem', () => {
  it('refuses reflect padding as large as the input and circular padding larger than it, as PyTorch', () => {
    expect(padModeProblem('reflect', 'height', 3, 2, 2)).toBeNull();
    expect(padModeProblem('reflect', 'height', 3, 3, 0)).toBe(
      'reflect padding height must be smaller than the input height (3), got 3',
    );
    expect(padModeProblem('circular', 'width', 3, 0, 3)).toBeNull();
    expect(padModeProblem('circular', 'width', 3, 0, 4)).toBe(
      'circular padding width must be at most the input width (3), got 4',
    );
    expect(padModeProblem('replicate', 'width', 1, 9, 9)).toBeNull();
    expect(padModeProblem('zeros', 'width', 1, 9, 9)).toBeNull();
  });

  it('throws from the pad op with the same words', () => {
    expect(() => pad(tensor([1, 2, 3], { shape: [1, 3] }), [3, 0, 0, 0], 'reflect')).toThrow(
      'pad: reflect padding width must be smaller than the input width (3), got 3',
    );
  });
});

describe('geometryProblem', () => {
  const input = { height: 6, width: 8 };
  const kernel = { height: 1, width: 2 };

  it('is null for the textbook 6 × 8 input and 1 × 2 kernel', () => {
    expect(geometryProblem(input, kernel, defaultLayerGeometry())).toBeNull();
  });

  it('names a stride of 0 (never throws)', () => {
    expect(geometryProblem(input, kernel, geometry({ stride: [0, 1] }))).toBe(
      'stride height must be a whole number of at least 1, got 0',
    );
  });

  it('names the first of several problems, one line', () => {
    const problem = geometryProblem(
      input,
      kernel,
      geometry({ padding: [-1, 0.5], dilation: [Number.NaN, 1] }),
    );
    expect(problem).toBe('dilation height must be a whole number of at least 1, got NaN');
    const shape = layerShape(input, kernel, geometry({ padding: [-1, 0.5], dilation: [Number.NaN, 1] }));
    expect([shape.outHeight, shape.outWidth]).toEqual([null, null]);
  });

  it('names a dilated kernel larger than the padded input', () => {
    expect(
      geometryProblem({ height: 3, width: 3 }, { height: 1, width: 3 }, geometry({ dilation: [1, 2] })),
    ).toBe('the output width would be -1: the dilated kernel spans 5 but the padded input width is only 3');
  });

  it('names reflect padding as large as the input and circular padding larger than it', () => {
    const one = { height: 1, width: 1 };
    expect(
      geometryProblem({ height: 2, width: 5 }, one, geometry({ padding: [2, 0], paddingMode: 'reflect' })),
    ).toBe('reflect padding height must be smaller than the input height (2), got 2');
    expect(
      geometryProblem({ height: 2, width: 5 }, one, geometry({ padding: [3, 0], paddingMode: 'circular' })),
    ).toBe('circular padding height must be at most the input height (2), got 3');
  });
});

describe('poolProblem', () => {
  const map = { height: 4, width: 5 };
  it('is null for a 2 × 2 window with stride 2 on a 4 × 5 map', () => {
    expect(poolProblem(map, 2, 0, 2)).toBeNull();
  });
  it('refuses padding over half the window, as PyTorch', () => {
    expect(poolProblem(map, 2, 2, 1)).toBe('the padding (2) must be at most half the window (2)');
  });
  it('refuses a window larger than the padded map', () => {
    expect(poolProblem({ height: 2, width: 5 }, 3, 0, 1)).toBe(
      'the 3×3 window does not fit in the padded feature map height (2 + 2×0 = 2)',
    );
  });
  it('refuses a stride of 0', () => {
    expect(poolProblem(map, 2, 0, 0)).toBe('the stride must be a whole number of at least 1, got 0');
  });
});
