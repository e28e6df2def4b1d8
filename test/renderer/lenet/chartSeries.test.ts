// The chart's series: d2l's animator points (running values within an epoch, test accuracy at its
// end), and a bounded number of live points however many progress messages a run sends.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_SERIES,
  LIVE_POINTS,
  extendSeries,
  type ChartSeries,
} from '../../../renderer/src/lenet/chartSeries.ts';
import type { LenetProgress } from '../../../core/src/worker/lenetApi.ts';

function progress(over: Partial<LenetProgress>): LenetProgress {
  return {
    type: 'lenet-progress',
    epoch: 0,
    phase: 'train',
    batch: 0,
    batches: 10,
    loss: 2.3,
    trainAcc: 0.1,
    examplesPerSec: 1000,
    totalEpochs: 2,
    fraction: 0,
    history: { fromEpoch: 1, records: [] },
    conv1Weight: { shape: [6, 1, 5, 5], data: new Float32Array(150) },
    conv2Weight: { shape: [16, 6, 5, 5], data: new Float32Array(2400) },
    ...over,
  };
}

describe('extendSeries', () => {
  it('running loss and accuracy at fractional epochs, then the epoch’s record with its test accuracy', () => {
    let series: ChartSeries = EMPTY_SERIES;
    series = extendSeries(series, progress({ batch: 5, loss: 2.2, trainAcc: 0.2 }));
    expect(series.loss).toEqual([{ x: 0.5, y: 2.2 }]);
    expect(series.trainAcc).toEqual([{ x: 0.5, y: 0.2 }]);
    expect(series.testAcc).toEqual([]);
    const record = { epoch: 1, loss: 2.0, trainAcc: 0.3, testAcc: 0.35, examplesPerSec: 900 };
    series = extendSeries(
      series,
      progress({ epoch: 1, batch: 0, history: { fromEpoch: 1, records: [record] } }),
    );
    expect(series.loss).toEqual([
      { x: 0.5, y: 2.2 },
      { x: 1, y: 2.0 },
    ]);
    expect(series.testAcc).toEqual([{ x: 1, y: 0.35 }]);
  });

  it('a message with nothing new returns the same series (no redraw)', () => {
    const series = extendSeries(EMPTY_SERIES, progress({ batch: 5 }));
    expect(extendSeries(series, progress({ batch: 5 }))).toBe(series);
    expect(extendSeries(series, progress({ phase: 'test', batch: 10 }))).toBe(series);
  });

  it(`1000 epochs of 40 batches, a message per batch: at most ${LIVE_POINTS} live points plus one per epoch`, () => {
    let series: ChartSeries = EMPTY_SERIES;
    for (let epoch = 0; epoch < 1000; epoch++) {
      for (let batch = 1; batch <= 40; batch++)
        series = extendSeries(series, progress({ epoch, batch, batches: 40, totalEpochs: 1000 }));
      const record = { epoch: epoch + 1, loss: 1, trainAcc: 0.5, testAcc: 0.5, examplesPerSec: 1 };
      series = extendSeries(
        series,
        progress({
          epoch: epoch + 1,
          batch: 0,
          batches: 40,
          totalEpochs: 1000,
          history: { fromEpoch: epoch + 1, records: [record] },
        }),
      );
    }
    expect(series.testAcc).toHaveLength(1000);
    expect(series.loss.length).toBeLessThanOrEqual(1000 + LIVE_POINTS);
  });
});
