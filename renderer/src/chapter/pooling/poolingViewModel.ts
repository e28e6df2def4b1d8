// Pooling as a layer on the lab's feature map: the window, padding and stride the user typed, checked
// with the core's poolProblem before the explain module's pool2d runs (which never gets to throw here).
import { poolProblem } from '../../../../core/src/conv/geometry.ts';
import { pool2d, type Dense64 } from '../../../../core/src/explain/index.ts';
import type { Grid } from '../../lib/grid.ts';
import { attempt, type Outcome } from '../shared/data.ts';

export interface PoolSettings {
  kind: 'max' | 'avg';
  window: number;
  padding: number;
  stride: number;
}

export function poolFeatureMap(map: Grid | null, s: PoolSettings): Outcome<Dense64> {
  if (map === null)
    return { value: null, error: 'Pooling: the lab has no feature map (its layer cannot run).' };
  const problem = poolProblem(map, s.window, s.padding, s.stride);
  if (problem !== null) return { value: null, error: `Pooling: ${problem}.` };
  return attempt(() =>
    pool2d({ shape: [map.height, map.width], data: map.data }, s.window, s.kind, {
      stride: s.stride,
      padding: s.padding,
    }),
  );
}
