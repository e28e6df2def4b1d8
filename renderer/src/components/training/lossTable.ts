// The rows of the loss chart's table: every recorded epoch for a short run, evenly spaced ones (the
// first and the last always among them) for a long one, so a screen reader reads the curve's shape in
// at most TABLE_ROWS rows.

const TABLE_ROWS = 101;

export interface LossRow {
  epoch: number;
  loss: number;
}

/** Rows for `losses` (value i is epoch i + 1, or `epochs[i]`). */
export function tableRows(losses: readonly number[], epochs: readonly number[] | null = null): LossRow[] {
  const n = losses.length;
  const row = (i: number): LossRow => ({ epoch: epochs === null ? i + 1 : epochs[i], loss: losses[i] });
  if (n <= TABLE_ROWS) return losses.map((_, i) => row(i));
  const rows: LossRow[] = [];
  for (let k = 0; k < TABLE_ROWS; k++) rows.push(row(Math.round((k * (n - 1)) / (TABLE_ROWS - 1))));
  return rows;
}
