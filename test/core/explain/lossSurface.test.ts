import { describe, expect, it } from 'vitest';
import {
  evaluateQuadraticLoss,
  lossSurface,
  quadraticLossGradient,
  rangeAround,
  squaredLossQuadratic,
} from '../../../core/src/explain/lossSurface.ts';
import { contourLevels, contourSegments } from '../../../core/src/explain/contours.ts';
import { coreConv, leaf, randomGrid } from './reference.ts';

/** The loss by brute force: the core's conv2d, then Σ (Ŷ - Y)² in float64. */
function directLoss(
  x: ReturnType<typeof randomGrid>,
  target: ReturnType<typeof randomGrid>,
  w: number[],
  options = {},
) {
  const { y } = coreConv(x, { shape: [1, 2], data: w }, options);
  let s = 0;
  for (let i = 0; i < y.data.length; i++) s += (y.data[i] - target.data[i]) ** 2;
  return s;
}

describe('loss surface of a two-weight kernel', () => {
  const x = randomGrid(6, 8, 1);
  const target = randomGrid(6, 7, 2);

  it('x=[6,8] k=[1,2]: every grid value equals the loss computed directly with conv2d', () => {
    const q = squaredLossQuadratic(x, target, 1, 2);
    const surface = lossSurface(q, { w0: [-2, 2], w1: [-1.5, 2.5], steps: 9 });
    for (const [r, c] of [
      [0, 0],
      [0, 8],
      [8, 0],
      [4, 4],
      [3, 7],
      [8, 8],
    ]) {
      const w0 = -2 + (c * 4) / 8;
      const w1 = -1.5 + (r * 4) / 8;
      const want = directLoss(x, target, [w0, w1]);
      expect(surface.values[r * 9 + c]).toBeCloseTo(want, 3);
    }
    expect(surface.min).toBe(Math.min(...surface.values));
    expect(surface.max).toBe(Math.max(...surface.values));
  });

  it("x=[6,8] k=[1,2] s=2 p=1 mean: the quadratic's value and gradient equal the direct loss and autograd's gradient", () => {
    const options = { padding: 1, stride: 2 };
    const { y: y0 } = coreConv(x, { shape: [1, 2], data: [0, 0] }, options);
    const t = randomGrid(y0.shape[2], y0.shape[3], 3);
    const q = squaredLossQuadratic(x, t, 1, 2, options, { reduction: 'mean' });
    const w = [0.7, -0.3];
    const cells = y0.data.length;
    expect(evaluateQuadraticLoss(q, w)).toBeCloseTo(directLoss(x, t, w, options) / cells, 5);
    const run = coreConv(x, { shape: [1, 2], data: w }, options, 'zeros', true);
    const dy = Array.from(run.y.data, (v, i) => (2 * (v - t.data[i])) / cells);
    run.y.backward(leaf(dy, run.y.shape));
    const g = quadraticLossGradient(q, w);
    expect(g[0]).toBeCloseTo(run.k.grad!.data[0], 4);
    expect(g[1]).toBeCloseTo(run.k.grad!.data[1], 4);
  });

  it('rangeAround covers every point with a margin', () => {
    const r = rangeAround(
      [
        [1, -1],
        [0.2, 0.5],
      ],
      32,
    );
    for (const [w0, w1] of [
      [1, -1],
      [0.2, 0.5],
    ]) {
      expect(w0).toBeGreaterThan(r.w0[0]);
      expect(w0).toBeLessThan(r.w0[1]);
      expect(w1).toBeGreaterThan(r.w1[0]);
      expect(w1).toBeLessThan(r.w1[1]);
    }
    expect(r.steps).toBe(32);
  });

  it('throws when the kernel has more than 2 weights, the range is empty, the steps are invalid, or the target has the wrong shape', () => {
    const q3 = squaredLossQuadratic(x, randomGrid(6, 6, 1), 1, 3);
    expect(() => lossSurface(q3, { w0: [0, 1], w1: [0, 1], steps: 4 })).toThrow(
      'lossSurface: the surface is drawn for kernels of 2 weights, this one has 3',
    );
    const q = squaredLossQuadratic(x, target, 1, 2);
    expect(() => lossSurface(q, { w0: [1, 1], w1: [0, 1], steps: 4 })).toThrow(
      'lossSurface: the w0 range must be two finite numbers, low < high, got [1, 1]',
    );
    expect(() => lossSurface(q, { w0: [0, 1], w1: [0, 1], steps: 1 })).toThrow(
      'lossSurface: steps must be an integer in [2, 2048], got 1',
    );
    expect(() => squaredLossQuadratic(x, randomGrid(6, 8, 1), 1, 2)).toThrow(
      'squaredLossQuadratic: the target is 6x8 but the output is 6x7',
    );
    expect(() => squaredLossQuadratic(x, target, 1, 2, {}, { reduction: 'max' as never })).toThrow(
      "squaredLossQuadratic: reduction must be 'sum' or 'mean', got \"max\"",
    );
    expect(() => evaluateQuadraticLoss(q, [1])).toThrow(
      'evaluateQuadraticLoss: the loss has 2 weights but 1 were given',
    );
    expect(() => quadraticLossGradient(q, [1, 2, 3])).toThrow(
      'quadraticLossGradient: the loss has 2 weights but 3 were given',
    );
    expect(() => rangeAround([])).toThrow('rangeAround: needs at least one point');
    expect(() => rangeAround([[NaN, 0]])).toThrow('rangeAround: point (NaN, 0) is not finite');
  });
});

describe('contours', () => {
  it('levels lie strictly between min and max, increasing, denser near the minimum', () => {
    const levels = contourLevels(0, 100, 4);
    expect(levels).toHaveLength(4);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThan(levels[i - 1]);
    expect(levels[0]).toBeGreaterThan(0);
    expect(levels[3]).toBeLessThan(100);
    expect(levels[1] - levels[0]).toBeLessThan(levels[3] - levels[2]);
  });

  it('segments of the circle x² + y² = r² lie on the circle (within the grid resolution)', () => {
    const n = 41;
    const values = new Float64Array(n * n);
    const coord = (i: number) => -2 + (4 * i) / (n - 1);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) values[r * n + c] = coord(c) ** 2 + coord(r) ** 2;
    const segments = contourSegments(values, n, n, 1);
    expect(segments.length).toBeGreaterThan(20);
    for (const [x0, y0, x1, y1] of segments) {
      for (const [gx, gy] of [
        [x0, y0],
        [x1, y1],
      ]) {
        const radius = Math.hypot(-2 + (4 * gx) / (n - 1), -2 + (4 * gy) / (n - 1));
        expect(Math.abs(radius - 1)).toBeLessThan(0.02);
      }
    }
  });

  it('a saddle cell gives two segments', () => {
    expect(contourSegments([1, 0, 0, 1], 2, 2, 0.5)).toHaveLength(2);
    expect(contourSegments([0, 0, 0, 0], 2, 2, 0.5)).toHaveLength(0);
  });

  it('throws when the grid or the levels are invalid', () => {
    expect(() => contourSegments([1, 2, 3], 2, 2, 0)).toThrow(
      'contourSegments: needs a grid of at least 2x2 with width·height values, got 2x2 and 3 values',
    );
    expect(() => contourLevels(1, 0, 3)).toThrow(
      'contourLevels: min and max must be finite with min <= max, got 1 and 0',
    );
    expect(() => contourLevels(0, 1, 0)).toThrow('contourLevels: count must be a positive integer, got 0');
  });
});
