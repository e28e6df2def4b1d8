// The path the settings predict, against one hand-derived SGD step.
import { describe, expect, it } from 'vitest';
import { correlate2d } from '../../../../core/src/explain/index.ts';
import { autogradKernelGradient, outputError } from '../../../../renderer/src/chapter/shared/labViews.ts';
import { predictedPath } from '../../../../renderer/src/chapter/backward/descentPaths.ts';
import { defaultLayerGeometry } from '../../../../core/src/conv/geometry.ts';
import { gridFromRows, type Grid } from '../../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../../renderer/src/lib/inputPresets.ts';

const dense = (g: Grid) => ({ shape: [g.height, g.width], data: g.data });

describe('predictedPath', () => {
  const x = stripes(6, 8);
  const target = {
    height: 6,
    width: 7,
    data: Float32Array.from(correlate2d(dense(x), { shape: [1, 2], data: [1, -1] }).data),
  };
  const settings = { optimizer: 'sgd', learningRate: 0.03, epochs: 10, loss: 'sum-squared' } as const;

  it('its first step is w − lr·K.grad, with K.grad from autograd', () => {
    const start = [0.2, 0.3] as const;
    const path = predictedPath(x, target, start, [1, 2], {}, settings).value!;
    const w = gridFromRows([[0.2, 0.3]]);
    const grad = autogradKernelGradient(
      x,
      w,
      defaultLayerGeometry(),
      outputError(x, w, defaultLayerGeometry(), target).value!.grid,
    ).value!;
    expect(path.points).toHaveLength(11);
    expect(path.points[1][0]).toBeCloseTo(0.2 - 0.03 * grad.data[0], 4);
    expect(path.points[1][1]).toBeCloseTo(0.3 - 0.03 * grad.data[1], 4);
    expect(path.description).toBe('Predicted: 10 steps of SGD, learning rate 0.03.');
  });

  it('momentum changes the path from the second step on; a large learning rate is said to overshoot', () => {
    const start = [0.2, 0.3] as const;
    const plain = predictedPath(x, target, start, [1, 2], {}, settings).value!;
    const heavy = predictedPath(x, target, start, [1, 2], {}, { ...settings, optimizer: 'momentum' }).value!;
    expect(heavy.points[1]).toEqual(plain.points[1]);
    expect(heavy.points[2]).not.toEqual(plain.points[2]);
    expect(heavy.description).toContain('momentum 0.9');
    const wild = predictedPath(x, target, start, [1, 2], {}, { ...settings, learningRate: 5 }).value!;
    expect(wild.description).toMatch(/overshoot/);
  });

  it('says Adam is drawn from training instead of predicting it', () => {
    const got = predictedPath(x, target, [0, 0], [1, 2], {}, { ...settings, optimizer: 'adam' });
    expect(got.error).toMatch(/Adam/);
  });
});
describe('predictedPath on the transposed stripes', () => {
  // The lab's "Stripes, transposed" at 6 x 8: rows 0, 1 and 5 are ones, so 21 windows see [1, 1].
  it('lr 0.03 overshoots: the Hessian along w0 + w1 is 2·42 = 84 and 0.03·84 > 2', () => {
    const x = {
      height: 6,
      width: 8,
      data: Float32Array.from({ length: 48 }, (_, i) => ([0, 1, 5].includes(i >> 3) ? 1 : 0)),
    };
    const zero = { height: 6, width: 7, data: new Float32Array(42) };
    const settings = { optimizer: 'sgd', learningRate: 0.03, epochs: 10, loss: 'sum-squared' } as const;
    expect(predictedPath(x, zero, [0.3, 0.2], [1, 2], {}, settings).value!.description).toMatch(/overshoot/);
    // 0.02·84 = 1.68 < 2: converges.
    const calm = predictedPath(x, zero, [0.3, 0.2], [1, 2], {}, { ...settings, learningRate: 0.02 });
    expect(calm.value!.description).not.toMatch(/overshoot/);
  });
});
