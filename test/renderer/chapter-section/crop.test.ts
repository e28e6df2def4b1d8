// cropGrid (crop.ts): the views' crop of a large grid.
import { describe, expect, it } from 'vitest';
import { cropGrid } from '../../../renderer/src/chapter/crop.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';

describe('cropGrid', () => {
  it('cropGrid keeps the top-left cells', () => {
    const g = gridFromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(cropGrid(g, 2, 2)).toEqual(
      gridFromRows([
        [1, 2],
        [4, 5],
      ]),
    );
    expect(cropGrid(g, 5, 5)).toBe(g);
  });
});
