// The benchmark shapes: A to E, from the notebook's single plane to LeNet-sized channel counts.

export interface BenchShape {
  name: string;
  /** NCHW */
  input: [number, number, number, number];
  outChannels: number;
  kernel: [number, number];
  padding: number;
  stride: number;
}

export const BENCH_SHAPES: readonly BenchShape[] = [
  { name: 'A (the notebook)', input: [1, 1, 6, 8], outChannels: 1, kernel: [1, 2], padding: 0, stride: 1 },
  { name: 'B', input: [1, 1, 64, 64], outChannels: 1, kernel: [3, 3], padding: 1, stride: 1 },
  { name: 'C', input: [1, 1, 256, 256], outChannels: 1, kernel: [3, 3], padding: 1, stride: 1 },
  { name: 'D', input: [8, 3, 128, 128], outChannels: 16, kernel: [3, 3], padding: 1, stride: 1 },
  { name: 'E', input: [4, 16, 64, 64], outChannels: 32, kernel: [5, 5], padding: 2, stride: 2 },
];

/** Reproducible values in [-1, 1). */
export function benchValues(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32) * 2 - 1;
  }
  return out;
}
