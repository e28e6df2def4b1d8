// The loss-surface panel's model (surface, contour lines, the minimum, the path) and its drawing, kept
// apart so the drawing can be skipped where there is no canvas (jsdom) and replaced by a recorder in tests.
import {
  contourLevels,
  contourSegments,
  lossSurface,
  rangeAround,
  squaredLossQuadratic,
  type LossSurface,
  type QuadraticLoss,
  type Segment,
  type SurfaceRange,
  type WindowOptions,
} from '../../../../core/src/explain/index.ts';
import { errorMessage, toDense, type GridLike } from '../shared/data.ts';

export interface LossSurfaceModel {
  readonly quadratic: QuadraticLoss;
  readonly surface: LossSurface;
  readonly contours: ReadonlyArray<{ readonly level: number; readonly segments: Segment[] }>;
  /** The weights of least loss, or null when the input cannot tell the two weights apart (no single minimum). */
  readonly minimum: readonly [number, number] | null;
  readonly path: ReadonlyArray<readonly [number, number]>;
}

export interface LossSurfaceRequest {
  readonly input: GridLike;
  readonly target: GridLike;
  /** Shape of the two-weight kernel: [1, 2] (the notebook's) or [2, 1]. */
  readonly kernelShape?: readonly [number, number];
  readonly options?: WindowOptions;
  readonly reduction?: 'sum' | 'mean';
  /** Weights visited by gradient descent, oldest first. */
  readonly path?: ReadonlyArray<readonly [number, number]>;
  /** Fixed range; by default a square around the path and the minimum. */
  readonly range?: SurfaceRange;
  readonly steps?: number;
  readonly levels?: number;
}

/** Solves G w = b for the 2x2 Gram matrix, or null when it is singular. */
function minimumOf(q: QuadraticLoss): [number, number] | null {
  const [a, b, , d] = q.gram;
  const det = a * d - b * b;
  if (Math.abs(det) <= 1e-12 * Math.max(1, a * d)) return null;
  const [y0, y1] = q.linear;
  return [(d * y0 - b * y1) / det, (a * y1 - b * y0) / det];
}

/** The contoured surface over a range: the heavy part of the model, reused while it still fits. */
export interface SurfaceLayer {
  readonly quadratic: QuadraticLoss;
  readonly surface: LossSurface;
  readonly contours: LossSurfaceModel['contours'];
}

const sameNumbers = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

const sameQuadratic = (a: QuadraticLoss, b: QuadraticLoss): boolean =>
  a.size === b.size &&
  a.constant === b.constant &&
  a.scale === b.scale &&
  sameNumbers(a.gram, b.gram) &&
  sameNumbers(a.linear, b.linear);

const inside = (range: SurfaceRange, [w0, w1]: readonly [number, number]): boolean =>
  w0 >= range.w0[0] && w0 <= range.w0[1] && w1 >= range.w1[0] && w1 <= range.w1[1];

/**
 * The model for a request. `previous` (the last model's layer) is reused when the loss is the same and
 * every point still lies inside its range: during a run only the path grows, and the 64 x 64 surface and
 * its contours are computed again only when the path leaves the plotted square.
 */
export function lossSurfaceModel(
  request: LossSurfaceRequest,
  previous: SurfaceLayer | null = null,
): { model: LossSurfaceModel; error: null } | { model: null; error: string } {
  try {
    const [kh, kw] = request.kernelShape ?? [1, 2];
    if (kh * kw !== 2)
      throw new Error(`lossSurfaceModel: the surface needs a kernel of 2 weights, got ${kh}x${kw}`);
    const quadratic = squaredLossQuadratic(
      toDense(request.input),
      toDense(request.target),
      kh,
      kw,
      request.options ?? {},
      {
        reduction: request.reduction ?? 'sum',
      },
    );
    const minimum = minimumOf(quadratic);
    const path = request.path ?? [];
    const anchors: Array<readonly [number, number]> = [...path, ...(minimum ? [minimum] : []), [0, 0]];
    const steps = request.steps ?? 64;
    const levelCount = request.levels ?? 12;
    const reusable =
      previous !== null &&
      request.range === undefined &&
      previous.surface.range.steps === steps &&
      previous.contours.length === levelCount &&
      sameQuadratic(previous.quadratic, quadratic) &&
      anchors.every((p) => inside(previous.surface.range, p));
    const layer = reusable
      ? previous
      : surfaceLayer(quadratic, request.range ?? rangeAround(anchors, steps), levelCount);
    return { model: { ...layer, minimum, path }, error: null };
  } catch (error) {
    return { model: null, error: errorMessage(error) };
  }
}

function surfaceLayer(quadratic: QuadraticLoss, range: SurfaceRange, levelCount: number): SurfaceLayer {
  const surface = lossSurface(quadratic, range);
  const levels = contourLevels(surface.min, surface.max, levelCount);
  const n = range.steps;
  const contours = levels.map((level) => ({
    level,
    segments: contourSegments(surface.values, n, n, level),
  }));
  return { quadratic, surface, contours };
}

/** Paints a model on a canvas of the given size (the default uses the 2-D context; tests record). */
export type SurfaceDraw = (
  canvas: HTMLCanvasElement,
  model: LossSurfaceModel,
  width: number,
  height: number,
) => void;

/** Canvas pixel of weights (w0, w1): w0 to the right, w1 upward. */
export function toPixel(
  range: SurfaceRange,
  width: number,
  height: number,
  w0: number,
  w1: number,
): [number, number] {
  const x = ((w0 - range.w0[0]) / (range.w0[1] - range.w0[0])) * width;
  const y = height - ((w1 - range.w1[0]) / (range.w1[1] - range.w1[0])) * height;
  return [x, y];
}

/** The subset of CanvasRenderingContext2D the drawing uses (so a recorder can stand in for it). */
export type DrawingContext = Pick<
  CanvasRenderingContext2D,
  'clearRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'arc' | 'fill'
> & { strokeStyle: unknown; fillStyle: unknown; lineWidth: number };

export interface SurfaceColors {
  readonly contour: string;
  readonly path: string;
  readonly minimum: string;
}

/** Contour lines, the minimum (a dot) and the path (a polyline ending in a dot). */
export function drawLossSurface(
  ctx: DrawingContext,
  model: LossSurfaceModel,
  width: number,
  height: number,
  colors: SurfaceColors,
): void {
  const { range } = model.surface;
  const n = range.steps;
  // Grid coordinates (column, row) run over [0, n - 1]; rows grow with w1, so they are flipped to go up.
  const gx = (c: number): number => (c / (n - 1)) * width;
  const gy = (r: number): number => height - (r / (n - 1)) * height;
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = colors.contour;
  ctx.lineWidth = 1;
  for (const { segments } of model.contours) {
    ctx.beginPath();
    for (const [x0, y0, x1, y1] of segments) {
      ctx.moveTo(gx(x0), gy(y0));
      ctx.lineTo(gx(x1), gy(y1));
    }
    ctx.stroke();
  }
  if (model.minimum) {
    const [mx, my] = toPixel(range, width, height, model.minimum[0], model.minimum[1]);
    ctx.fillStyle = colors.minimum;
    ctx.beginPath();
    ctx.arc(mx, my, 4, 0, 2 * Math.PI);
    ctx.fill();
  }
  if (model.path.length > 0) {
    ctx.strokeStyle = colors.path;
    ctx.lineWidth = 2;
    ctx.beginPath();
    // A run records every epoch (100,000 of them, most a fraction of a pixel apart near the minimum):
    // a point is drawn only when it lands half a pixel away from the last one drawn, and the last always.
    let lastX = NaN;
    let lastY = NaN;
    const end = model.path.length - 1;
    model.path.forEach(([w0, w1], i) => {
      const [x, y] = toPixel(range, width, height, w0, w1);
      if (i === 0) ctx.moveTo(x, y);
      else if (i === end || Math.abs(x - lastX) >= 0.5 || Math.abs(y - lastY) >= 0.5) ctx.lineTo(x, y);
      else return;
      lastX = x;
      lastY = y;
    });
    ctx.stroke();
    const [lx, ly] = model.path[model.path.length - 1];
    const [px, py] = toPixel(range, width, height, lx, ly);
    ctx.fillStyle = colors.path;
    ctx.beginPath();
    ctx.arc(px, py, 3, 0, 2 * Math.PI);
    ctx.fill();
  }
}
