import { describe, expect, it } from 'vitest';
import {
  clearGrid,
  createGrid,
  gridFromRows,
  gridToRows,
  gridsEqual,
  invertGrid,
  resizeGrid,
  rotate180,
  setCell,
  shiftGrid,
  transposeGrid,
} from '../../../renderer/src/lib/grid.ts';
import { History } from '../../../renderer/src/lib/history.ts';

const sample = () =>
  gridFromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);

describe('grid edits', () => {
  it('transposes rows into columns, and twice is the identity', () => {
    expect(gridToRows(transposeGrid(sample()))).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(gridsEqual(transposeGrid(transposeGrid(sample())), sample())).toBe(true);
  });

  it('shifts with wrap-around, and the opposite shift undoes it', () => {
    expect(gridToRows(shiftGrid(sample(), 0, 1))).toEqual([
      [3, 1, 2],
      [6, 4, 5],
    ]);
    expect(gridsEqual(shiftGrid(shiftGrid(sample(), 1, -2), -1, 2), sample())).toBe(true);
  });

  it('inverts as 1 - v, clears to zeros, rotates by 180 degrees', () => {
    expect(gridToRows(invertGrid(gridFromRows([[0, 1, 0.25]])))).toEqual([[1, 0, 0.75]]);
    expect(gridToRows(clearGrid(sample()))).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(gridToRows(rotate180(sample()))).toEqual([
      [6, 5, 4],
      [3, 2, 1],
    ]);
  });

  it('setCell returns a new grid and leaves the old one as it was (undo keeps it)', () => {
    const before = sample();
    const after = setCell(before, 1, 2, 9);
    expect(after).not.toBe(before);
    expect(gridToRows(before)[1][2]).toBe(6);
    expect(gridToRows(after)[1][2]).toBe(9);
    expect(setCell(before, 5, 5, 1)).toBe(before);
  });

  it('resizes keeping the top-left corner and padding with zeros', () => {
    expect(gridToRows(resizeGrid(sample(), 3, 2))).toEqual([
      [1, 2],
      [4, 5],
      [0, 0],
    ]);
  });

  it('throws when a size is not a positive integer', () => {
    expect(() => createGrid(0, 3)).toThrow('createGrid: size must be positive integers, got 0 x 3');
    expect(() => gridFromRows([[1, 2], [3]])).toThrow(
      'gridFromRows: rows must be non-empty and of equal length',
    );
  });
});

describe('History', () => {
  it('undoes and redoes in order, and a new edit forgets what was undone', () => {
    const h = new History<string>();
    h.record('a');
    h.record('b');
    expect(h.undo('c')).toBe('b');
    expect(h.undo('b')).toBe('a');
    expect(h.undo('a')).toBeNull();
    expect(h.redo('a')).toBe('b');
    h.record('b');
    expect(h.canRedo).toBe(false);
    expect(h.redo('x')).toBeNull();
  });

  it('keeps at most `limit` steps', () => {
    const h = new History<number>(2);
    for (let i = 0; i < 5; i++) h.record(i);
    expect(h.undo(5)).toBe(4);
    expect(h.undo(4)).toBe(3);
    expect(h.undo(3)).toBeNull();
  });
});
