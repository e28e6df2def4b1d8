import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../../renderer/src/lib/downsample.ts';
import { mulberry32 } from '../../../renderer/src/lib/inputPresets.ts';

describe('downsampleMinMax', () => {
  it('keeps a short history whole, epochs counted from 1', () => {
    expect(downsampleMinMax([3, 2, 1], 10)).toEqual([
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 3, y: 1 },
    ]);
  });

  it('cuts 20,000 values to at most 2 per bucket (+ the last), keeping every bucket extreme, the spike and the end', () => {
    const next = mulberry32(9);
    const values = Array.from({ length: 20_000 }, (_, i) => 100 / (i + 1) + next() * 0.01);
    values[12_345] = 1e6;
    const points = downsampleMinMax(values, 400);
    expect(points.length).toBeLessThanOrEqual(801);
    const xs = points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(points).toContainEqual({ x: 12_346, y: 1e6 });
    expect(points.at(-1)).toEqual({ x: 20_000, y: values[19_999] });
    // Reference: each bucket's min and max, found by sorting the bucket.
    for (let b = 0; b < 400; b++) {
      const bucket = values.slice(b * 50, (b + 1) * 50);
      const sorted = [...bucket].sort((u, v) => u - v);
      const ys = points.filter((p) => p.x > b * 50 && p.x <= (b + 1) * 50).map((p) => p.y);
      expect(ys).toContain(sorted[0]);
      expect(ys).toContain(sorted[sorted.length - 1]);
    }
  });
});
