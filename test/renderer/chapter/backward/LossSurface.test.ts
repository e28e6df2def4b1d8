import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import LossSurface from '../../../../renderer/src/chapter/backward/LossSurface.svelte';
import {
  drawLossSurface,
  lossSurfaceModel,
  toPixel,
  type DrawingContext,
} from '../../../../renderer/src/chapter/backward/lossSurfaceViewModel.ts';
import { correlate2d, evaluateQuadraticLoss, textbookStripes } from '../../../../core/src/explain/index.ts';

const stripes = textbookStripes();
const X = { height: 6, width: 8, data: stripes.data };
const Y = { height: 6, width: 7, data: correlate2d(stripes, { shape: [1, 2], data: [1, -1] }).data };

afterEach(cleanup);

/** A stand-in 2-D context that records every call. */
function recorder(): DrawingContext & { calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push(
        `${name}(${args.map((a) => (typeof a === 'number' ? a.toFixed(1) : String(a))).join(',')})`,
      );
  return {
    calls,
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    clearRect: record('clearRect'),
    beginPath: record('beginPath'),
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    stroke: record('stroke'),
    arc: record('arc'),
    fill: record('fill'),
  } as DrawingContext & { calls: string[] };
}

/** `path` drawn on the square [-2, 2] x [-2, 2] (16 steps) at 200 x 200 pixels, with its model. */
function drawOnSquare(path: ReadonlyArray<readonly [number, number]>) {
  const { model } = lossSurfaceModel({
    input: X,
    target: Y,
    path,
    range: { w0: [-2, 2], w1: [-2, 2], steps: 16 },
  });
  const ctx = recorder();
  drawLossSurface(ctx, model!, 200, 200, { contour: 'gray', path: 'orange', minimum: 'blue' });
  return { model: model!, calls: ctx.calls };
}

describe('loss surface model', () => {
  it("the notebook's stripes and target: the minimum is the textbook kernel [1, -1], where the loss is zero", () => {
    const { model } = lossSurfaceModel({ input: X, target: Y });
    expect(model!.minimum![0]).toBeCloseTo(1, 9);
    expect(model!.minimum![1]).toBeCloseTo(-1, 9);
    expect(evaluateQuadraticLoss(model!.quadratic, model!.minimum!)).toBeCloseTo(0, 9);
    expect(model!.contours).toHaveLength(12);
    expect(model!.contours.some((c) => c.segments.length > 0)).toBe(true);
  });

  it('the transposed stripes have no single minimum (the weights cannot be told apart)', () => {
    const t = new Float64Array(48);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 8; c++) t[c * 6 + r] = stripes.data[r * 8 + c];
    const { model } = lossSurfaceModel({
      input: { height: 8, width: 6, data: t },
      target: { height: 8, width: 5, data: new Float64Array(40) },
    });
    expect(model!.minimum).toBeNull();
  });

  it('the default range contains the path and the minimum', () => {
    const path: Array<[number, number]> = [
      [-2, 3],
      [0, 1],
    ];
    const { model } = lossSurfaceModel({ input: X, target: Y, path });
    const { w0, w1 } = model!.surface.range;
    for (const [a, b] of [...path, [1, -1]]) {
      expect(a).toBeGreaterThan(w0[0]);
      expect(a).toBeLessThan(w0[1]);
      expect(b).toBeGreaterThan(w1[0]);
      expect(b).toBeLessThan(w1[1]);
    }
  });

  it('a path growing inside the plotted square reuses its surface; a point outside it computes a larger one', () => {
    const first = lossSurfaceModel({ input: X, target: Y, path: [[0, 0]] }).model!;
    const grown = lossSurfaceModel(
      {
        input: X,
        target: Y,
        path: [
          [0, 0],
          [0.5, -0.5],
          [0.9, -0.9],
        ],
      },
      first,
    ).model!;
    expect(grown.surface).toBe(first.surface);
    expect(grown.contours).toBe(first.contours);
    expect(grown.path).toHaveLength(3);
    const outside = lossSurfaceModel(
      {
        input: X,
        target: Y,
        path: [
          [0, 0],
          [40, 40],
        ],
      },
      first,
    ).model!;
    expect(outside.surface).not.toBe(first.surface);
    expect(outside.surface.range.w0[1]).toBeGreaterThan(40);
    // Another target is another loss: the surface is computed again even though the path fits.
    const otherTarget = { ...Y, data: Y.data.map((v) => 2 * v) };
    expect(
      lossSurfaceModel({ input: X, target: otherTarget, path: [[0, 0]] }, first).model!.surface,
    ).not.toBe(first.surface);
  });

  it('reports an error for a kernel that does not have two weights', () => {
    expect(lossSurfaceModel({ input: X, target: Y, kernelShape: [1, 3] }).error).toBe(
      'lossSurfaceModel: the surface needs a kernel of 2 weights, got 1x3',
    );
  });

  it('toPixel puts the range corners at the canvas corners, w1 upward', () => {
    const range = { w0: [-1, 1] as const, w1: [0, 2] as const, steps: 8 };
    expect(toPixel(range, 100, 50, -1, 0)).toEqual([0, 50]);
    expect(toPixel(range, 100, 50, 1, 2)).toEqual([100, 0]);
  });

  it('drawLossSurface strokes every contour, a dot at the minimum and the path through its points', () => {
    const path: Array<[number, number]> = [
      [0, 0],
      [0.5, -0.5],
    ];
    const { model, calls } = drawOnSquare(path);
    const strokes = calls.filter((c) => c.startsWith('stroke')).length;
    expect(strokes).toBe(model.contours.length + 1);
    // The path starts at (0, 0): the centre of a symmetric range.
    expect(calls).toContain('moveTo(100.0,100.0)');
    expect(calls).toContain('lineTo(125.0,125.0)');
    // The minimum (1, -1) is drawn as a dot at (150, 150).
    expect(calls).toContain('arc(150.0,150.0,4.0,0.0,6.3)');
  });

  it('a path of 100,000 epochs along 50 pixels is drawn as at most a segment per half pixel, ending on its last point', () => {
    // From (0, 0) to (0.5, -0.5): 25 pixels right and 25 down on a 200-pixel canvas over [-2, 2].
    const n = 100_000;
    const path = Array.from({ length: n }, (_, i): [number, number] => [
      (0.5 * i) / (n - 1),
      (-0.5 * i) / (n - 1),
    ]);
    const { model, calls } = drawOnSquare(path);
    const contourLines = model.contours.reduce((sum, c) => sum + c.segments.length, 0);
    const pathLines = calls.filter((c) => c.startsWith('lineTo')).length - contourLines;
    expect(pathLines).toBeGreaterThan(25);
    expect(pathLines).toBeLessThanOrEqual(2 * 25 + 1);
    expect(calls.filter((c) => c.startsWith('lineTo')).at(-1)).toBe('lineTo(125.0,125.0)');
  });
});

describe('LossSurface panel', () => {
  it('hands the canvas and the model to the drawing and summarises the minimum and the path', () => {
    const draw = vi.fn();
    render(LossSurface, {
      input: X,
      targetOutput: Y,
      path: [
        [0, 0],
        [0.4, -0.4],
      ],
      draw,
    });
    expect(draw).toHaveBeenCalledTimes(1);
    const [canvas, model, width, height] = draw.mock.calls[0];
    expect(canvas).toBeInstanceOf(HTMLCanvasElement);
    expect(model.path).toHaveLength(2);
    expect([width, height]).toEqual([320, 320]);
    const text = screen.getByText(/Contour plot of the loss/).textContent!;
    expect(text).toContain('Minimum at w0 = 1, w1 = −1.');
    expect(text).toContain('Path of 1 step ending at w0 = 0.4, w1 = −0.4');
  });

  it('shows an alert instead of a plot when the shapes do not match', () => {
    render(LossSurface, {
      input: X,
      targetOutput: { height: 6, width: 8, data: new Float64Array(48) },
      draw: vi.fn(),
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'squaredLossQuadratic: the target is 6x8 but the output is 6x7',
    );
  });
});
