// A seeded grid of small values on a quarter grid (exact in float32), for the chapter section's tests.
import type { Grid } from '../../../renderer/src/lib/grid.ts';
import { mulberry32 } from '../../../renderer/src/lib/inputPresets.ts';

export function noise(height: number, width: number, seed: number): Grid {
  const next = mulberry32(seed);
  return {
    height,
    width,
    data: Float32Array.from({ length: height * width }, () => Math.round(next() * 8) / 4 - 1),
  };
}
