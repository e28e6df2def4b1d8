// The live feature map (the core's pad + conv2d) against the textbook's Y and against the receptive-field
// view's own index arithmetic (an independent implementation: padded coordinates mapped back by hand).
import { describe, expect, it } from 'vitest';
import { createGrid, gridFromRows, type Grid } from '../../../renderer/src/lib/grid.ts';
import { PAD_MODES, defaultLayerGeometry, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import {
  featureMap,
  formatWeightedSum,
  outputsFedBy,
  receptiveField,
} from '../../../renderer/src/lib/liveConv.ts';
import { mulberry32 } from '../../../renderer/src/lib/inputPresets.ts';

function randomGrid(h: number, w: number, seed: number): Grid {
  const next = mulberry32(seed);
  const g = createGrid(h, w);
  for (let i = 0; i < g.data.length; i++) g.data[i] = Math.round((next() * 2 - 1) * 100) / 100;
  return g;
}

describe('featureMap', () => {
  it("computes the textbook's Y = corr2d(X, [1, -1]): 1 and -1 at the stripe's edges", () => {
    const x = gridFromRows(Array.from({ length: 6 }, () => [1, 1, 0, 0, 0, 0, 1, 1]));
    const y = featureMap(x, gridFromRows([[1, -1]]), defaultLayerGeometry());
    expect(y && Array.from(y.data)).toEqual(Array(6).fill([0, 1, 0, 0, 0, -1, 0]).flat());
  });

  it('equals the sum of the receptive-field terms for every padding mode, stride, dilation and flip', () => {
    let seed = 1;
    for (const paddingMode of PAD_MODES)
      for (const [stride, dilation, padding] of [
        [
          [1, 1],
          [1, 1],
          [0, 0],
        ],
        [
          [2, 1],
          [1, 2],
          [1, 2],
        ],
        [
          [1, 3],
          [2, 1],
          [2, 1],
        ],
      ] as [number, number][][])
        for (const flip of [false, true]) {
          const input = randomGrid(5, 7, seed++);
          const kernel = randomGrid(2, 3, seed++);
          const g: LayerGeometry = {
            padding: padding as [number, number],
            paddingMode,
            stride: stride as [number, number],
            dilation: dilation as [number, number],
          };
          const ours = featureMap(input, kernel, g, flip);
          expect(ours, `${paddingMode} ${JSON.stringify(g)}`).not.toBeNull();
          for (let r = 0; r < ours!.height; r++)
            for (let c = 0; c < ours!.width; c++) {
              const terms = receptiveField(input, kernel, g, flip, r, c);
              const sum = terms.reduce((s, t) => s + t.value * t.weight, 0);
              expect(ours!.data[r * ours!.width + c]).toBeCloseTo(sum, 5);
            }
          // The number of windows per dimension is the output size the formula gives.
          expect(ours!.data.length).toBe(ours!.height * ours!.width);
        }
  });

  it('returns null for a geometry that cannot run (stride 0), without throwing', () => {
    expect(
      featureMap(createGrid(3, 3), createGrid(1, 1), { ...defaultLayerGeometry(), stride: [0, 0] }),
    ).toBeNull();
  });
});

describe('receptive fields', () => {
  const input = randomGrid(6, 6, 42);
  const kernel = randomGrid(3, 2, 43);
  const g: LayerGeometry = { padding: [1, 1], paddingMode: 'zeros', stride: [2, 1], dilation: [1, 2] };
  const out = featureMap(input, kernel, g)!;

  it("sums its terms to the output cell's value", () => {
    for (let r = 0; r < out.height; r++)
      for (let c = 0; c < out.width; c++) {
        const terms = receptiveField(input, kernel, g, false, r, c);
        expect(terms).toHaveLength(6);
        const sum = terms.reduce((s, t) => s + t.value * t.weight, 0);
        expect(sum).toBeCloseTo(out.data[r * out.width + c], 5);
      }
  });

  it('lights exactly the outputs whose receptive field contains the input cell', () => {
    for (let row = 0; row < input.height; row++)
      for (let col = 0; col < input.width; col++) {
        const expected: number[] = [];
        for (let r = 0; r < out.height; r++)
          for (let c = 0; c < out.width; c++)
            if (receptiveField(input, kernel, g, false, r, c).some((t) => t.row === row && t.col === col)) {
              expected.push(r * out.width + c);
            }
        expect(outputsFedBy(input, kernel, g, out, row, col)).toEqual(expected);
      }
  });

  it('writes the weighted sum out term by term', () => {
    const terms = [
      { row: 0, col: 0, value: 1, weight: 1 },
      { row: 0, col: 1, value: 0, weight: -1 },
    ];
    expect(formatWeightedSum(terms)).toBe('1.00×1.00 + -1.00×0.00 = 1.00');
  });
});
