// Writing float32 values as the shortest decimal that reads back to the same float32, so files stay
// small and exact: fround(0.1) is written 0.1, not 0.10000000149011612.

/**
 * The shortest decimal (as a JS number, which JSON.stringify then writes in that short form) whose
 * float32 rounding equals `Math.fround(value)`. Nine significant digits always suffice for float32.
 */
export function shortestFloat32(value: number): number {
  const target = Math.fround(value);
  if (!Number.isFinite(target) || target === 0) return target;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return Number(target.toPrecision(9));
}

/** shortestFloat32 over an array (or typed array), giving a plain number array for JSON. */
export function shortestFloat32Array(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = shortestFloat32(values[i]);
  return out;
}

/** Math.fround over an array: restores exact float32 values after a JSON round trip. */
export function toFloat32Numbers(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.fround(values[i]);
  return out;
}
