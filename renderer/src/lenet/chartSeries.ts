// The LeNet chart's series as d2l's animator draws them (train_ch6): the epoch's running training
// loss and accuracy a few times an epoch, at fractional epochs, and the test accuracy at each epoch's
// end. Pure: each progress message gives new arrays (or the same series when nothing is added).
import type { LenetEpochRecord } from '../../../core/src/lenet/trainer.ts';
import type { LenetProgress } from '../../../core/src/worker/lenetApi.ts';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  loss: ChartPoint[];
  trainAcc: ChartPoint[];
  testAcc: ChartPoint[];
}

/** Live points per run at most, however long it is; each epoch's end adds its own on top. */
export const LIVE_POINTS = 200;

export const EMPTY_SERIES: ChartSeries = { loss: [], trainAcc: [], testAcc: [] };

/** The series with `p`'s finished epochs, and its running values when the run moved on far enough. */
export function extendSeries(series: ChartSeries, p: LenetProgress): ChartSeries {
  let { loss, trainAcc, testAcc } = series;
  for (const record of p.history.records) {
    loss = [...loss, { x: record.epoch, y: record.loss }];
    trainAcc = [...trainAcc, { x: record.epoch, y: record.trainAcc }];
    testAcc = [...testAcc, { x: record.epoch, y: record.testAcc }];
  }
  const lastX = loss.at(-1)?.x ?? -Infinity;
  const x = p.epoch + (p.batches > 0 ? p.batch / p.batches : 0);
  if (p.phase === 'train' && p.batch > 0 && x - lastX >= p.totalEpochs / LIVE_POINTS) {
    loss = [...loss, { x, y: p.loss }];
    trainAcc = [...trainAcc, { x, y: p.trainAcc }];
  }
  return loss === series.loss ? series : { loss, trainAcc, testAcc };
}

/** The series of a finished history (a restored or imported model): one point per epoch. */
export function seriesFromHistory(history: readonly LenetEpochRecord[]): ChartSeries {
  return {
    loss: history.map((r) => ({ x: r.epoch, y: r.loss })),
    trainAcc: history.map((r) => ({ x: r.epoch, y: r.trainAcc })),
    testAcc: history.map((r) => ({ x: r.epoch, y: r.testAcc })),
  };
}
