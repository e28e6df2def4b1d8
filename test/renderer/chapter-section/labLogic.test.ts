// The chapter section's plain logic, each against an independent reference: the explain module's
// float64 loops for autograd, one hand-derived SGD step for the predicted path, corr2dMultiInOut for
// the core's multi-channel conv2d, and direct window maxima for pooling.
import { describe, expect, it } from 'vitest';
import {
  analyzeLearnability,
  correlate2d,
  corr2dMultiInOut,
  kernelGradientByCorrelation,
  layerCost,
  squaredLossOutputGradient,
  textbookKernelStack,
  TEXTBOOK_MULTI_IN_X,
} from '../../../core/src/explain/index.ts';
import {
  autogradKernelGradient,
  labCostSpec,
  outputError,
  windowOptions,
} from '../../../renderer/src/chapter/labViews.ts';
import { emptyPath, predictedPath, recordPoint } from '../../../renderer/src/chapter/descentPaths.ts';
import {
  coreConv,
  kernelStack,
  oneByOneKernel,
  stackedLabChannels,
} from '../../../renderer/src/chapter/channels.ts';
import { poolFeatureMap } from '../../../renderer/src/chapter/pooling.ts';
import { composeOnInput } from '../../../renderer/src/chapter/composition.ts';
import { cropGrid } from '../../../renderer/src/chapter/crop.ts';
import { tabAfterKey } from '../../../renderer/src/chapter/tabs.ts';
import { viewRange } from '../../../renderer/src/lib/chapter/slidingWindowView.ts';
import { formatDirection, shortLearnabilityNote } from '../../../renderer/src/chapter/learnabilityNote.ts';
import { defaultLayerGeometry, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { gridFromRows, type Grid } from '../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../renderer/src/lib/inputPresets.ts';
import { noise } from './noiseGrid.ts';

const dense = (g: Grid) => ({ shape: [g.height, g.width], data: g.data });
const geometry = (over: Partial<LayerGeometry>): LayerGeometry => ({ ...defaultLayerGeometry(), ...over });

describe('outputError', () => {
  it('x=[6,8] stripes, k=[1,2]: 2·(Y − target), as squaredLossOutputGradient of the float64 correlation', () => {
    const x = stripes(6, 8);
    const w = gridFromRows([[0.5, -0.25]]);
    const target = correlate2d(dense(x), { shape: [1, 2], data: [1, -1] });
    const targetGrid = { height: 6, width: 7, data: Float32Array.from(target.data) };
    const got = outputError(x, w, defaultLayerGeometry(), targetGrid);
    const expected = squaredLossOutputGradient(correlate2d(dense(x), dense(w)), target);
    expect(got.value!.source).toBe('loss');
    expect(Array.from(got.value!.grid.data)).toEqual(Array.from(expected.data));
  });

  it('is ones (L = ΣY) when there is no target of the output shape', () => {
    const got = outputError(stripes(6, 8), gridFromRows([[1, -1]]), defaultLayerGeometry(), null);
    expect(got.value!.source).toBe('ones');
    expect(new Set(got.value!.grid.data)).toEqual(new Set([1]));
  });

  it('returns the geometry problem instead of throwing when the layer cannot run', () => {
    const got = outputError(stripes(2, 2), gridFromRows([[1, 2, 3]]), defaultLayerGeometry(), null);
    expect(got.error).toMatch(
      'The layer cannot run: the output width would be 0: the dilated kernel spans 3 but the padded input width is only 2',
    );
  });
});

describe('autogradKernelGradient', () => {
  for (const [name, g] of [
    ['padding 0 stride 1', geometry({})],
    ['padding 1 stride 2 zeros', geometry({ padding: [1, 1], stride: [2, 2] })],
    [
      'padding 1 replicate dilation 2',
      geometry({ padding: [1, 1], paddingMode: 'replicate', dilation: [2, 2] }),
    ],
    ['padding [2, 1] reflect', geometry({ padding: [2, 1], paddingMode: 'reflect' })],
  ] as const) {
    it(`x=[7,9] k=[3,2] ${name}: K.grad equals the correlation of X with dY`, () => {
      const x = noise(7, 9, 3);
      const k = noise(3, 2, 4);
      const dy = outputError(x, k, g, null).value!.grid;
      const fromAutograd = autogradKernelGradient(x, k, g, dy);
      const reference = kernelGradientByCorrelation(
        dense(x),
        dense(dy),
        3,
        2,
        windowOptions(g),
        g.paddingMode,
      );
      expect(fromAutograd.error).toBeNull();
      fromAutograd.value!.data.forEach((v, i) => expect(v).toBeCloseTo(reference.data[i], 4));
    });
  }

  it('returns the error when dY has the wrong shape', () => {
    const got = autogradKernelGradient(
      stripes(6, 8),
      gridFromRows([[1, -1]]),
      defaultLayerGeometry(),
      gridFromRows([[1]]),
    );
    expect(got.value).toBeNull();
    expect(got.error).toMatch(/backward: gradient has shape/);
  });
});

describe('labCostSpec', () => {
  it('6x8 input, 1x2 kernel, stride 2: forward multiply-adds = 3 × 4 outputs × 2 weights', () => {
    const cost = layerCost(labCostSpec(stripes(6, 8), gridFromRows([[1, -1]]), geometry({ stride: [2, 2] })));
    expect(cost.forward.multiplyAdds).toBe(3 * 4 * 2);
  });
});

describe('recordPoint', () => {
  const w = (a: number, b: number) => gridFromRows([[a, b]]);
  it('starts at epoch 0, appends later epochs, replaces the same epoch, restarts when time goes back', () => {
    let p = recordPoint(emptyPath(), 0, w(0, 0));
    p = recordPoint(p, 3, w(1, 1));
    p = recordPoint(p, 5, w(2, 2));
    expect(p.points).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    p = recordPoint(p, 5, w(3, 3));
    expect(p.points.at(-1)).toEqual([3, 3]);
    expect(p.points).toHaveLength(3);
    p = recordPoint(p, 2, w(4, 4));
    expect(p.points).toEqual([[4, 4]]);
  });
  it('is empty for kernels that do not have two weights', () => {
    expect(recordPoint(emptyPath(), 1, gridFromRows([[1, 2, 3]])).points).toEqual([]);
    expect(recordPoint(emptyPath(), 1, null).points).toEqual([]);
  });
});

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

describe('channels', () => {
  it("kernelStack without a lab kernel is the chapter's K, K+1, K+2", () => {
    expect(kernelStack(2, null)).toEqual(textbookKernelStack());
  });
  it("kernelStack with the lab's kernel repeats it on every channel, plus 0, 1 and 2", () => {
    const k = kernelStack(3, gridFromRows([[1, -1]]));
    expect(k.shape).toEqual([3, 3, 1, 2]);
    expect(Array.from(k.data.slice(6, 12))).toEqual([2, 0, 2, 0, 2, 0]);
  });
  it('stackedLabChannels: the grid, 1 − grid and the grid moved one cell right', () => {
    const g = gridFromRows([[1, 0, 0.5]]);
    expect(Array.from(stackedLabChannels(g).input.data)).toEqual([1, 0, 0.5, 0, 1, 0.5, 0, 1, 0]);
  });
  it("coreConv x=[2,3,3] k=[3,2,2,2] (the chapter's): equals corr2dMultiInOut", () => {
    const got = coreConv(TEXTBOOK_MULTI_IN_X, textbookKernelStack());
    expect(got.shape).toEqual([3, 2, 2]);
    expect(Array.from(got.data)).toEqual(
      Array.from(corr2dMultiInOut(TEXTBOOK_MULTI_IN_X, textbookKernelStack()).data),
    );
  });
  it('oneByOneKernel(3): the average of the channels, and the first minus the second', () => {
    const k = oneByOneKernel(3);
    expect(k.shape).toEqual([2, 3, 1, 1]);
    expect(Array.from(k.data)).toEqual([1 / 3, 1 / 3, 1 / 3, 1, -1, 0]);
  });
});

describe('poolFeatureMap', () => {
  const map = noise(5, 6, 9);
  it('5x6, 2x2 max, stride 2: each cell is the largest of its window', () => {
    const got = poolFeatureMap(map, { kind: 'max', window: 2, padding: 0, stride: 2 }).value!;
    expect(got.shape).toEqual([2, 3]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) {
        const at = (r: number, c: number) => map.data[(2 * i + r) * 6 + 2 * j + c];
        expect(got.data[i * 3 + j]).toBe(Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1)));
      }
  });
  it('returns an error in words when the map is missing, the window is 0, the stride 0, the padding too large, or the window does not fit', () => {
    expect(poolFeatureMap(null, { kind: 'max', window: 2, padding: 0, stride: 2 }).error).toMatch(
      /no feature map/,
    );
    expect(poolFeatureMap(map, { kind: 'max', window: 0, padding: 0, stride: 2 }).error).toMatch(
      /the window must be a whole number of at least 1, got 0/,
    );
    expect(poolFeatureMap(map, { kind: 'avg', window: 2, padding: 0, stride: 0 }).error).toMatch(
      /the stride must be a whole number of at least 1, got 0/,
    );
    expect(poolFeatureMap(map, { kind: 'avg', window: 2, padding: 2, stride: 1 }).error).toMatch(
      /the padding \(2\) must be at most half the window \(2\)/,
    );
    expect(poolFeatureMap(map, { kind: 'max', window: 7, padding: 0, stride: 1 }).error).toMatch(
      /does not fit in the padded feature map height \(5 \+ 2×0 = 5\)/,
    );
  });
});

describe('composeOnInput', () => {
  it('x=[9,10], [1,-1] then a 3x3 kernel: one 3x4 kernel, equal to the two steps', () => {
    const got = composeOnInput(
      noise(9, 10, 1),
      gridFromRows([[1, -1]]),
      noise(3, 3, 2),
      defaultLayerGeometry(),
    ).value!;
    expect(got.composed.shape).toEqual([3, 4]);
    expect(got.oneStep.shape).toEqual([7, 7]);
    expect(got.difference).toBeLessThan(1e-9);
    expect(got.note).toBeNull();
  });
  it('first stride 2: the composed layer has stride 2 and still equals the two steps; padding is noted', () => {
    const got = composeOnInput(
      noise(11, 11, 5),
      noise(2, 2, 6),
      noise(2, 2, 7),
      geometry({ stride: [2, 2], padding: [1, 1] }),
    ).value!;
    expect(got.composed.strideHeight).toBe(2);
    expect(got.difference).toBeLessThan(1e-9);
    expect(got.note).toMatch(/padding is left out/);
  });
  it('returns the error when the first kernel does not fit the input', () => {
    expect(
      composeOnInput(noise(2, 2, 1), noise(3, 3, 2), noise(1, 1, 3), defaultLayerGeometry()).error,
    ).toMatch(/correlate2d|composeKernels|kernel/);
  });
});

describe('cropGrid and tabAfterKey', () => {
  it('cropGrid keeps the top-left cells', () => {
    const g = gridFromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(cropGrid(g, 2, 2)).toEqual(
      gridFromRows([
        [1, 2],
        [4, 5],
      ]),
    );
    expect(cropGrid(g, 5, 5)).toBe(g);
  });
  it('tabAfterKey wraps arrows and jumps with Home/End', () => {
    expect(tabAfterKey('ArrowRight', 8, 9)).toBe(0);
    expect(tabAfterKey('ArrowLeft', 0, 9)).toBe(8);
    expect(tabAfterKey('Home', 4, 9)).toBe(0);
    expect(tabAfterKey('End', 4, 9)).toBe(8);
    expect(tabAfterKey('a', 4, 9)).toBeNull();
  });
});

describe('shortLearnabilityNote', () => {
  it('transposed stripes, 1x2 kernel: the cause and the direction [1, −1] that never moves', () => {
    const x = {
      shape: [6, 8],
      data: Array.from({ length: 48 }, (_, i) => (Math.floor(i / 8) % 3 === 0 ? 1 : 0)),
    };
    const note = shortLearnabilityNote(analyzeLearnability(x, 1, 2));
    expect(note).toBe(
      "The input has no change along the kernel's horizontal direction: the gradient is always zero along [1, −1], so gradient descent never moves the weights that way. The Backward pass tab below shows why.",
    );
  });
  it('is null when the kernel can be learned; an all-zero input moves no weight', () => {
    expect(
      shortLearnabilityNote(analyzeLearnability({ shape: [2, 3], data: [1, 0, 2, 0, 3, 1] }, 1, 2)),
    ).toBeNull();
    expect(
      shortLearnabilityNote(analyzeLearnability({ shape: [2, 3], data: [0, 0, 0, 0, 0, 0] }, 1, 2)),
    ).toMatch(/^Every window sees only zeros: no weight changes the output/);
  });
  it('formatDirection writes a 2x2 direction row by row, scaled to ±1', () => {
    expect(formatDirection([0.5, 0, 0, -0.5], 2, 2)).toBe('[[1, 0], [0, −1]]');
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

describe('viewRange (the sliding window draws a neighbourhood of large inputs)', () => {
  it('draws everything up to the limit', () => {
    expect(viewRange(8, 3, 2, 20)).toEqual({ start: 0, end: 8 });
  });
  it('66 rows, a 3-row window at row 30: 20 rows centred on it', () => {
    // (20 - 3) / 2 = 8 rows above the window.
    expect(viewRange(66, 30, 3, 20)).toEqual({ start: 22, end: 42 });
  });
  it('stays inside the grid at both ends, and widens for a window larger than the limit', () => {
    expect(viewRange(66, 1, 3, 20)).toEqual({ start: 0, end: 20 });
    expect(viewRange(66, 64, 2, 20)).toEqual({ start: 46, end: 66 });
    expect(viewRange(66, 10, 25, 20)).toEqual({ start: 10, end: 35 });
  });
});
