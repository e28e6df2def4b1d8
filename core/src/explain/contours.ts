/**
 * Contour lines of a sampled surface (marching squares), drawn by the loss-surface view. Pure: the
 * renderer maps grid coordinates to pixels.
 */

/**
 * `count` levels between the surface's minimum and maximum, denser near the minimum (quadratic
 * spacing), where a loss bowl's interesting shape is.
 */
export function contourLevels(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new Error(`contourLevels: min and max must be finite with min <= max, got ${min} and ${max}`);
  }
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`contourLevels: count must be a positive integer, got ${count}`);
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) {
    const t = k / (count + 1);
    levels.push(min + (max - min) * t * t);
  }
  return levels;
}

/** A contour piece from (x0, y0) to (x1, y1) in grid coordinates (x = column, y = row, fractional). */
export type Segment = readonly [number, number, number, number];

/** Where the line `level` crosses the surface sampled on a `width` x `height` grid (row-major `values`). */
export function contourSegments(
  values: ArrayLike<number>,
  width: number,
  height: number,
  level: number,
): Segment[] {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 2 ||
    height < 2 ||
    values.length !== width * height
  ) {
    throw new Error(
      `contourSegments: needs a grid of at least 2x2 with width·height values, got ${width}x${height} and ${values.length} values`,
    );
  }
  const segments: Segment[] = [];
  const lerp = (a: number, b: number): number => (a === b ? 0.5 : (level - a) / (b - a));
  for (let r = 0; r + 1 < height; r++) {
    for (let c = 0; c + 1 < width; c++) {
      const tl = values[r * width + c];
      const tr = values[r * width + c + 1];
      const br = values[(r + 1) * width + c + 1];
      const bl = values[(r + 1) * width + c];
      // Crossing points on the cell's four edges, where the level lies between the two corners.
      const points: [number, number][] = [];
      if (tl < level !== tr < level) points.push([c + lerp(tl, tr), r]);
      if (tr < level !== br < level) points.push([c + 1, r + lerp(tr, br)]);
      if (bl < level !== br < level) points.push([c + lerp(bl, br), r + 1]);
      if (tl < level !== bl < level) points.push([c, r + lerp(tl, bl)]);
      if (points.length === 2) {
        segments.push([points[0][0], points[0][1], points[1][0], points[1][1]]);
      } else if (points.length === 4) {
        // A saddle cell: pair the crossings by the centre's side, as marching squares does.
        const centre = (tl + tr + br + bl) / 4;
        const [top, right, bottom, left] = points;
        if (centre < level === tl < level) {
          segments.push([top[0], top[1], right[0], right[1]], [bottom[0], bottom[1], left[0], left[1]]);
        } else {
          segments.push([top[0], top[1], left[0], left[1]], [right[0], right[1], bottom[0], bottom[1]]);
        }
      }
    }
  }
  return segments;
}
