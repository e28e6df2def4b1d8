// The pooling view (pooling.ts): pooled feature maps against direct window maxima.
import { describe, expect, it } from 'vitest';
import { poolFeatureMap } from '../../../renderer/src/chapter/pooling.ts';
import { noise } from './noiseGrid.ts';

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
