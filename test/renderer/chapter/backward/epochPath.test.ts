// The trained path through every recorded epoch: appended as the record grows, rebuilt when the record
// is not an extension of the last one (a new run, a decimated record), empty for kernels of other sizes.
import { describe, expect, it, vi } from 'vitest';
import { EpochPath } from '../../../../renderer/src/chapter/backward/epochPath.ts';

/** A run's record: the weights after epoch e are [e, −e] (times `scale`, to tell two runs apart). */
const record = (scale = 1) => vi.fn((epoch: number) => Float32Array.from([scale * epoch, -scale * epoch]));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('EpochPath', () => {
  it('draws every epoch from the start, reading only the new epochs as the record grows', () => {
    const path = new EpochPath();
    const weightsAt = record();
    expect(path.update(range(3), weightsAt)).toEqual([
      [0, -0],
      [1, -1],
      [2, -2],
    ]);
    weightsAt.mockClear();
    const grown = path.update(range(100_001), weightsAt);
    expect(grown).toHaveLength(100_001);
    expect(grown[100_000]).toEqual([100_000, -100_000]);
    // The 99,998 new epochs, plus the first and last known ones checked.
    expect(weightsAt).toHaveBeenCalledTimes(99_998 + 2);
  });

  it('returns the same path when the record did not change', () => {
    const path = new EpochPath();
    const first = path.update(range(5), record());
    expect(path.update(range(5), record())).toBe(first);
  });

  it('rebuilds for a new run (other weights at the same epochs) and for a decimated record', () => {
    const path = new EpochPath();
    path.update(range(5), record());
    expect(path.update(range(5), record(2))[4]).toEqual([8, -8]);
    const decimated = [0, 2, 4, 6];
    expect(path.update(decimated, record(2))).toEqual(decimated.map((e) => [2 * e, -2 * e]));
  });

  it('is empty for a kernel that does not have two weights', () => {
    const path = new EpochPath();
    path.update(range(3), record());
    expect(path.update(range(4), () => Float32Array.from([1, 2, 3]))).toEqual([]);
  });
});

describe('EpochPath on a record without weights for some epochs', () => {
  it('leaves out the epochs whose weights are NaN (losses only, from a file) and reads them once', () => {
    const path = new EpochPath();
    const weightsAt = vi.fn((epoch: number) =>
      epoch === 0 || epoch >= 8 ? Float32Array.from([epoch, -epoch]) : Float32Array.from([NaN, NaN]),
    );
    expect(path.update(range(10), weightsAt)).toEqual([
      [0, -0],
      [8, -8],
      [9, -9],
    ]);
    weightsAt.mockClear();
    expect(path.update(range(11), weightsAt)).toHaveLength(4);
    // The new epoch, plus the first and last known ones checked: no rebuild.
    expect(weightsAt).toHaveBeenCalledTimes(3);
  });
});
