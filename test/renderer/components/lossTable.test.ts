import { describe, expect, it } from 'vitest';
import { tableRows } from '../../../renderer/src/components/training/lossTable.ts';

describe('the loss table', () => {
  it('a 10-epoch run: one row per epoch', () => {
    const losses = Array.from({ length: 10 }, (_, i) => 10 - i);
    expect(tableRows(losses).map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('20,000 epochs: about a hundred evenly spaced rows from the first epoch to the last', () => {
    const losses = Array.from({ length: 20_000 }, (_, i) => 1 / (i + 1));
    const rows = tableRows(losses);
    expect(rows.length).toBeLessThanOrEqual(101);
    expect(rows[0]).toEqual({ epoch: 1, loss: 1 });
    expect(rows.at(-1)).toEqual({ epoch: 20_000, loss: 1 / 20_000 });
  });
  it('a decimated history: rows name the recorded epochs', () => {
    expect(tableRows([3, 2, 1], [1, 500, 1000])).toEqual([
      { epoch: 1, loss: 3 },
      { epoch: 500, loss: 2 },
      { epoch: 1000, loss: 1 },
    ]);
  });
});
