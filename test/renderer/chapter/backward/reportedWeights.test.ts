// The weights the training state reports (the newest, once a frame), as the record the trained path
// reads: later epochs append, the same epoch replaces, a report going back in time starts over.
import { describe, expect, it } from 'vitest';
import { ReportedWeights } from '../../../../renderer/src/chapter/backward/reportedWeights.ts';
import { EpochPath } from '../../../../renderer/src/chapter/backward/epochPath.ts';
import { gridFromRows } from '../../../../renderer/src/lib/grid.ts';

const w = (a: number, b: number) => gridFromRows([[a, b]]);

describe('ReportedWeights', () => {
  it('starts at epoch 0, appends later epochs, replaces the same epoch, restarts when time goes back', () => {
    const reported = new ReportedWeights();
    const path = new EpochPath();
    const pathNow = () => path.update(reported.epochs, (e) => reported.weightsAt(e));
    reported.report(0, w(0, 0));
    reported.report(3, w(1, 1));
    reported.report(5, w(2, 2));
    expect(reported.epochs).toEqual([0, 3, 5]);
    expect(pathNow()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    reported.report(5, w(3, 3));
    expect(pathNow()).toEqual([
      [0, 0],
      [1, 1],
      [3, 3],
    ]);
    reported.report(2, w(4, 4));
    expect(pathNow()).toEqual([[4, 4]]);
    expect(reported.weightsAt(3)).toBeNull();
  });

  it('forgets the run when there are no weights, and draws no path for a kernel of three weights', () => {
    const reported = new ReportedWeights();
    reported.report(0, w(0, 0));
    expect(reported.report(1, null)).toEqual([]);
    reported.report(1, gridFromRows([[1, 2, 3]]));
    expect(new EpochPath().update(reported.epochs, (e) => reported.weightsAt(e))).toEqual([]);
  });
});
