// Pooling as a layer on the lab's feature map: the window, padding and stride the user typed, checked
// with messages in words before the explain module's pool2d runs (which never gets to throw here).
import { pool2d, type Dense64 } from '../../../core/src/explain/index.ts';
import type { Grid } from '../lib/grid.ts';
import type { Outcome } from './labViews.ts';

export interface PoolSettings {
  kind: 'max' | 'avg';
  window: number;
  padding: number;
  stride: number;
}

export function poolFeatureMap(map: Grid | null, s: PoolSettings): Outcome<Dense64> {
  if (map === null)
    return { value: null, error: 'Pooling: the lab has no feature map (its layer cannot run).' };
  const problems: string[] = [];
  if (!Number.isInteger(s.window) || s.window < 1)
    problems.push(`the window must be a whole number of at least 1, got ${s.window}`);
  if (!Number.isInteger(s.stride) || s.stride < 1)
    problems.push(`the stride must be a whole number of at least 1, got ${s.stride}`);
  if (!Number.isInteger(s.padding) || s.padding < 0)
    problems.push(`the padding must be a whole number of at least 0, got ${s.padding}`);
  else if (Number.isInteger(s.window) && 2 * s.padding > s.window)
    problems.push(`the padding (${s.padding}) must be at most half the window (${s.window})`);
  if (problems.length === 0) {
    for (const [name, n] of [
      ['height', map.height],
      ['width', map.width],
    ] as const) {
      if (n + 2 * s.padding < s.window)
        problems.push(
          `the ${s.window}×${s.window} window does not fit in the padded feature map ${name} (${n} + 2×${s.padding} = ${n + 2 * s.padding})`,
        );
    }
  }
  if (problems.length > 0) return { value: null, error: `Pooling: ${problems.join('; ')}.` };
  try {
    const value = pool2d({ shape: [map.height, map.width], data: map.data }, s.window, s.kind, {
      stride: s.stride,
      padding: s.padding,
    });
    return { value, error: null };
  } catch (error) {
    return { value: null, error: error instanceof Error ? error.message : String(error) };
  }
}
