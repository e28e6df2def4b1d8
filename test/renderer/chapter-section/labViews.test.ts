// The lab's chapter views (labViews.ts): the output error, autograd's kernel gradient against the
// explain module's float64 correlation, and the cost spec of the lab's layer.
import { describe, expect, it } from 'vitest';
import {
  correlate2d,
  kernelGradientByCorrelation,
  layerCost,
  squaredLossOutputGradient,
} from '../../../core/src/explain/index.ts';
import {
  autogradKernelGradient,
  labCostSpec,
  outputError,
  windowOptions,
} from '../../../renderer/src/chapter/labViews.ts';
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
