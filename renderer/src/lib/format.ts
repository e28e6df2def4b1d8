// Numbers as the lab writes them: short in cells, the notebook's three decimals in summaries.

/** A cell value: integers as they are, otherwise up to `digits` decimals without trailing zeros. */
export function formatCell(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  // Large values (a diverging run) in short scientific notation, so they stay inside their cell.
  if (Math.abs(value) >= 1e4) return value.toExponential(1).replace('e+', 'e');
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

const three = (v: number): string => {
  if (Math.abs(v) >= 1e6) return v.toExponential(3);
  const s = v.toFixed(3);
  return s === '-0.000' ? '0.000' : s;
};

/** "learned [0.979, -0.994] after 10 epochs, loss 0.010", the notebook's way of reporting a run. */
export function trainingSummary(weights: ArrayLike<number>, epochs: number, loss: number): string {
  const w = Array.from(weights, three).join(', ');
  return `learned [${w}] after ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'}, loss ${three(loss)}`;
}
