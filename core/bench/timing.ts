// Median wall-clock time of a function under a time budget, for the benchmarks.

export interface Timing {
  /** Median milliseconds per call. */
  medianMs: number;
  /** Calls measured (not counting warm-up). */
  calls: number;
  /** True when a single call exceeded the budget, so only one (cold) call was measured. */
  capped: boolean;
}

/**
 * Warms `fn` up, then times it until `budgetMs` is spent. Fast functions run in batches long enough
 * (>= 0.5 ms) for the clock to resolve, and the median is over batch averages. A function whose first
 * call alone exceeds the budget is timed by that one call.
 */
export function measure(fn: () => void, budgetMs: number): Timing {
  let start = performance.now();
  fn();
  const first = performance.now() - start;
  if (first > budgetMs) return { medianMs: first, calls: 1, capped: true };

  let batch = 1;
  for (;;) {
    start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - start >= 0.5 || batch >= 1 << 20) break;
    batch *= 4;
  }
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  while ((performance.now() < end && samples.length < 2000) || samples.length < 3) {
    start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - start) / batch);
    if (samples.length >= 3 && performance.now() > end + budgetMs) break; // very slow calls: stop early
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[samples.length >> 1], calls: samples.length * batch, capped: false };
}

/** A duration in the unit that keeps it readable: 3.21 us, 4.56 ms, 7.89 s. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(2)} us`;
  if (ms < 1000) return `${ms.toFixed(2)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
