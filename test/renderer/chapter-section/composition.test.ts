// The composition view (composition.ts): two kernels applied in turn to the lab's input.
import { describe, expect, it } from 'vitest';
import { composeOnInput } from '../../../renderer/src/chapter/composition.ts';
import { defaultLayerGeometry, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';
import { noise } from './noiseGrid.ts';

const geometry = (over: Partial<LayerGeometry>): LayerGeometry => ({ ...defaultLayerGeometry(), ...over });

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
