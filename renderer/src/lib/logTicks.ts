// Ticks for a logarithmic loss axis: the powers of ten inside the range, and when fewer than two fall
// inside, the 2 and 5 multiples too (a range within one decade still gets labels). Each tick's label
// is distinct: chart.js's own log ticks print "1" for 1, 1.5 and 1.8 at small sizes, which repeats.

/** Tick values for a log axis from `min` to `max` (both > 0), rising. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const powers: number[] = [];
  for (let k = low; k <= high; k++) powers.push(10 ** k);
  let ticks = powers.filter(inside);
  if (ticks.length < 2) {
    ticks = powers.flatMap((p) => [p, 2 * p, 5 * p]).filter(inside);
  }
  // Keep at most about eight labels: every n-th power for a range of many decades.
  const step = Math.ceil(ticks.length / 8);
  return ticks.filter((_, i) => i % step === 0);
}

/** A tick's label: short, and different for different ticks (1e-7, 0.002, 50, 2e+6). */
export function logTickLabel(value: number): string {
  if (value >= 1e5 || value < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(2)));
}
