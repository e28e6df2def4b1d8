// Printing matrices the way PyTorch prints them, so the replay reads like the notebook:
// tensor([[1., 1., 0.],
//         [1., 1., 0.]])

function formatValue(value: number, integers: boolean): string {
  if (integers) return `${value === 0 ? '0' : String(value)}.`;
  return value.toFixed(4);
}

/** A rows x cols matrix (row-major values) as PyTorch's repr of a 2-D tensor. */
export function formatMatrix(values: ArrayLike<number>, rows: number, cols: number): string {
  const all = Array.from(values, (v) => (Object.is(v, -0) ? 0 : v));
  const integers = all.every(Number.isInteger);
  const texts = all.map((v) => formatValue(v, integers));
  const width = Math.max(...texts.map((t) => t.length));
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = texts.slice(r * cols, (r + 1) * cols).map((t) => t.padStart(width));
    lines.push(`[${cells.join(', ')}]`);
  }
  return `tensor([${lines.join(',\n        ')}])`;
}
