// The live feature map (the core's pad + conv2d) against the textbook's Y and against the receptive-field
// view's own index arithmetic (an independent implementation: padded coordinates mapped back by hand).
import { describe, expect, it } from 'vitest';
import { createGrid, gridFromRows, type Grid } from '../../../renderer/src/lib/grid.ts';
import { PAD_MODES, defaultLayerGeometry, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import {
  featureMap,
  formatWeightedSum,
  hoverLight,
  outputsFedBy,
  readsOnlyPadding,
  receptiveField,
  windowCells,
  windowSpan,
} from '../../../renderer/src/lib/liveConv.ts';
import { isPaddingCell, paddedInput } from '../../../renderer/src/lib/paddedInput.ts';
import { textbookInput, textbookKernel } from '../../../renderer/src/state/Lab.svelte.ts';
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

  it('writes the weighted sum out term by term, naming each padding term and the input cell it repeats', () => {
    const at = { paddedRow: 0, paddedCol: 0 };
    const terms = [
      { row: 0, col: 0, value: 1, weight: 1, padding: false, ...at },
      { row: null, col: null, value: 0, weight: -1, padding: true, ...at },
      { row: 0, col: 1, value: 0.5, weight: 2, padding: true, ...at },
    ];
    expect(formatWeightedSum(terms)).toBe('1×1 + −1×0 (padding) + 2×0.5 (padding, X[0, 1]) = 2');
  });
});

describe('padding on the opening scene (X 6 x 8, K = [1, -1]) with padding 1', () => {
  const input = textbookInput();
  const kernel = textbookKernel();
  const g: LayerGeometry = { ...defaultLayerGeometry(), padding: [1, 1] };
  const out = featureMap(input, kernel, g)!;
  const p = g.padding;
  /** From the geometry alone: tap (ky, kx) of output (oy, ox) lies at padded (oy*s + ky*d, ox*s + kx*d). */
  const tapOutside = (oy: number, ox: number, ky: number, kx: number): boolean => {
    const r = oy * g.stride[0] + ky * g.dilation[0] - p[0];
    const c = ox * g.stride[1] + kx * g.dilation[1] - p[1];
    return r < 0 || c < 0 || r >= input.height || c >= input.width;
  };
  const onlyPaddingByGeometry: string[] = [];
  for (let oy = 0; oy < out.height; oy++)
    for (let ox = 0; ox < out.width; ox++) {
      let all = true;
      for (let ky = 0; ky < kernel.height; ky++)
        for (let kx = 0; kx < kernel.width; kx++) all &&= tapOutside(oy, ox, ky, kx);
      if (all) onlyPaddingByGeometry.push(`${oy},${ox}`);
    }

  it('says "reads only padding" exactly for the windows the geometry puts wholly in the ring, Y[0, 1] among them', () => {
    const decided: string[] = [];
    for (let oy = 0; oy < out.height; oy++)
      for (let ox = 0; ox < out.width; ox++)
        if (readsOnlyPadding(receptiveField(input, kernel, g, false, oy, ox))) decided.push(`${oy},${ox}`);
    expect(decided).toEqual(onlyPaddingByGeometry);
    expect(decided).toContain('0,1');
    // A window with one tap on the input does not read only padding.
    expect(readsOnlyPadding(receptiveField(input, kernel, g, false, 1, 0))).toBe(false);
  });

  it('lights the hovered output’s window on the padded input, its ring cells included', () => {
    const padded = paddedInput(input, g)!;
    const lit = hoverLight(input, kernel, g, out, { kind: 'output', row: 0, col: 1 });
    const cells = [...lit.input];
    expect(cells).toHaveLength(kernel.height * kernel.width);
    expect(cells.every((i) => isPaddingCell(padded, i))).toBe(true);
    // The taps are the padded cells (0, 1) and (0, 2): one row of the ring, side by side.
    expect(cells.map((i) => [Math.floor(i / padded.grid.width), i % padded.grid.width])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect([...lit.output]).toEqual([0 * out.width + 1]);
  });

  it('hovering a ring cell lights the outputs whose window covers it; an input cell the outputs that read it', () => {
    const ringCell = { kind: 'input' as const, row: -1, col: 3 };
    const expected: number[] = [];
    for (let oy = 0; oy < out.height; oy++)
      for (let ox = 0; ox < out.width; ox++)
        if (
          receptiveField(input, kernel, g, false, oy, ox).some(
            (t) => t.paddedRow === ringCell.row + p[0] && t.paddedCol === ringCell.col + p[1],
          )
        )
          expected.push(oy * out.width + ox);
    expect(expected.length).toBeGreaterThan(0);
    expect([...hoverLight(input, kernel, g, out, ringCell).output]).toEqual(expected);
    expect([...hoverLight(input, kernel, g, out, { kind: 'input', row: 2, col: 3 }).output]).toEqual(
      outputsFedBy(input, kernel, g, out, 2, 3),
    );
    expect(hoverLight(input, kernel, g, out, { kind: 'input', row: -2, col: 0 }).output.size).toBe(0);
  });
});

describe('sliding windows', () => {
  const kernel = createGrid(2, 3);
  for (const [stride, dilation] of [
    [1, 1],
    [2, 1],
    [3, 2],
  ])
    it(`k=2x3 s=${stride} d=${dilation} p=1: the window jumps by the stride, its taps dilation apart`, () => {
      const g: LayerGeometry = {
        ...defaultLayerGeometry(),
        padding: [1, 1],
        stride: [stride, stride],
        dilation: [dilation, dilation],
      };
      const width = 9 + 2;
      const first = windowSpan(kernel, g, 0, 0);
      const next = windowSpan(kernel, g, 0, 1);
      const below = windowSpan(kernel, g, 1, 0);
      expect(next.left - first.left).toBe(stride);
      expect(below.top - first.top).toBe(stride);
      expect(first.right - first.left).toBe(dilation * (kernel.width - 1));
      const cells = windowCells(kernel, g, width, 1, 1);
      const cols = [...new Set(cells.map((i) => i % width))];
      const rows = [...new Set(cells.map((i) => Math.floor(i / width)))];
      // Only the taps are lit: the cells dilation skips between them are not.
      expect(cols).toEqual(Array.from({ length: kernel.width }, (_, k) => stride + k * dilation));
      expect(rows).toEqual(Array.from({ length: kernel.height }, (_, k) => stride + k * dilation));
      expect(cells).toHaveLength(kernel.height * kernel.width);
    });
});
