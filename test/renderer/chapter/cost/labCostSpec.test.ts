import { describe, expect, it } from 'vitest';
import { layerCost } from '../../../../core/src/explain/index.ts';
import { labCostSpec } from '../../../../renderer/src/chapter/shared/labViews.ts';
import { defaultLayerGeometry, type LayerGeometry } from '../../../../core/src/conv/geometry.ts';
import { gridFromRows } from '../../../../renderer/src/lib/grid.ts';
import { stripes } from '../../../../renderer/src/lib/inputPresets.ts';

const geometry = (over: Partial<LayerGeometry>): LayerGeometry => ({ ...defaultLayerGeometry(), ...over });

describe('labCostSpec', () => {
  it('6x8 input, 1x2 kernel, stride 2: forward multiply-adds = 3 × 4 outputs × 2 weights', () => {
    const cost = layerCost(labCostSpec(stripes(6, 8), gridFromRows([[1, -1]]), geometry({ stride: [2, 2] })));
    expect(cost.forward.multiplyAdds).toBe(3 * 4 * 2);
  });
});
