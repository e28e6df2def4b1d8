// viewRange (slidingWindowView.ts): the neighbourhood of a large input the sliding window draws.
import { describe, expect, it } from 'vitest';
import { viewRange } from '../../../renderer/src/lib/chapter/slidingWindowView.ts';

describe('viewRange (the sliding window draws a neighbourhood of large inputs)', () => {
  it('draws everything up to the limit', () => {
    expect(viewRange(8, 3, 2, 20)).toEqual({ start: 0, end: 8 });
  });
  it('66 rows, a 3-row window at row 30: 20 rows centred on it', () => {
    // (20 - 3) / 2 = 8 rows above the window.
    expect(viewRange(66, 30, 3, 20)).toEqual({ start: 22, end: 42 });
  });
  it('stays inside the grid at both ends, and widens for a window larger than the limit', () => {
    expect(viewRange(66, 1, 3, 20)).toEqual({ start: 0, end: 20 });
    expect(viewRange(66, 64, 2, 20)).toEqual({ start: 46, end: 66 });
    expect(viewRange(66, 10, 25, 20)).toEqual({ start: 10, end: 35 });
  });
});
