// A long loss history cut down to what a chart can draw cheaply: the history split into equal buckets,
// each drawn by its lowest and highest value in epoch order, so spikes (a diverging run) and the overall
// shape survive while 20,000 epochs become at most `2 * buckets` points.

export interface ChartPoint {
  x: number;
  y: number;
}

/**
 * Points (epoch, loss) for the first `length` values of `values`; value i is epoch i + 1, or
 * `epochs[i]` for a decimated history.
 */
export function downsampleMinMax(
  values: ArrayLike<number>,
  buckets: number,
  length = values.length,
  epochs: ArrayLike<number> | null = null,
): ChartPoint[] {
  const x = (i: number): number => (epochs === null ? i + 1 : epochs[i]);
  if (length <= 2 * buckets) return Array.from({ length }, (_, i) => ({ x: x(i), y: values[i] }));
  const points: ChartPoint[] = [];
  const size = length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.floor((b + 1) * size);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    const [first, second] = lo <= hi ? [lo, hi] : [hi, lo];
    points.push({ x: x(first), y: values[first] });
    if (second !== first) points.push({ x: x(second), y: values[second] });
  }
  // The newest value always shows, so the line ends where the run is.
  const last = points[points.length - 1];
  if (last.x !== x(length - 1)) points.push({ x: x(length - 1), y: values[length - 1] });
  return points;
}
