// Numbers as the lab and the chapter write them: one rule for cells (what fits the cell), one for
// numbers in sentences and readouts (a fixed number of decimals), the notebook's three decimals in
// training summaries.

/** Removes trailing zeros after the point and turns -0 into 0. */
function trimmed(text: string): string {
  const bare = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return bare === '-0' ? '0' : bare;
}

/**
 * A value in a cell of at most `maxChars` characters: the most decimals (up to 3) that fit, trailing
 * zeros dropped, then short scientific notation (219.33 in 5 characters is "219.3", in 3 "219"; 2193.4 in
 * 3 is "2.2e3"). Cells write a plain minus sign, as the user types it when editing.
 */
export function formatCell(value: number, maxChars = 5): string {
  if (!Number.isFinite(value)) return String(value);
  // toFixed switches to exponent form itself from 1e21 on.
  for (let decimals = Math.abs(value) < 1e21 ? 3 : -1; decimals >= 0; decimals--) {
    const text = trimmed(value.toFixed(decimals));
    if (text.length <= maxChars) return text;
  }
  let shortest = '';
  for (let digits = 2; digits >= 0; digits--) {
    shortest = value
      .toExponential(digits)
      .replace('e+', 'e')
      .replace(/\.?0+e/, 'e');
    if (shortest.length <= maxChars) break;
  }
  return shortest;
}

/**
 * How many characters fit in a cell `cellPixels` wide at a font of `fontPixels` (a tabular digit is about
 * 0.55 em), at least 4 so that a value such as -0.5 is never rounded to -1 to fit.
 */
export const cellChars = (cellPixels: number, fontPixels: number): number =>
  Math.max(4, Math.floor((cellPixels - 2) / (0.55 * fontPixels)));

/**
 * A number in a sentence or a readout: up to `decimals` decimals, trailing zeros dropped, and a real
 * minus sign (−), as the chapter's prose writes it; `minus: '-'` for text a field parses back.
 */
export function formatNumber(value: number, decimals = 3, minus: '−' | '-' = '−'): string {
  if (!Number.isFinite(value)) return String(value);
  const text = trimmed(value.toFixed(decimals));
  return text.startsWith('-') ? `${minus}${text.slice(1)}` : text;
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
