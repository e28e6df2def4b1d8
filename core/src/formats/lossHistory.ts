// How a file stores a run's loss history. Up to LIMITS.historyPoints epochs it is stored in full:
// `lossHistory[i]` is the loss of epoch i + 1. A longer run is decimated so that files stay small
// and the chart keeps its shape: the first and last epochs, and for each of (historyPoints - 2) / 2
// equal buckets of the epochs between them, the bucket's lowest and highest loss, in epoch order;
// `lossHistoryEpochs[i]` then says which epoch `lossHistory[i]` belongs to. A file without
// `lossHistoryEpochs` holds every epoch; a file with it says that it was decimated and from how many.
import { z } from 'zod';
import { LIMITS, overLimit } from '../limits.ts';
import { float32Value } from '../train/float32Value.ts';
import { toFloat32Numbers } from './float32.ts';

export interface StoredHistory {
  /** Losses (float32 values) in epoch order. */
  lossHistory: number[];
  /** Present when decimated: the epoch (from 1, increasing) of each value of `lossHistory`. */
  lossHistoryEpochs?: number[];
}

/** The schema fields both files share; `storedHistoryIssue` checks how they fit together. */
export const storedHistoryFields = {
  lossHistory: z.array(float32Value),
  lossHistoryEpochs: z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).optional(),
};

/** The number of epochs a stored history covers. */
export function historyEpochs(history: StoredHistory): number {
  return history.lossHistoryEpochs?.at(-1) ?? history.lossHistory.length;
}

/**
 * What a file stores for `losses` (index i = epoch i + 1 when `epochs` is absent, else the epoch of
 * each value): the values themselves up to LIMITS.historyPoints, else their decimation.
 */
export function storedHistory(losses: ArrayLike<number>, epochs?: ArrayLike<number>): StoredHistory {
  const max = LIMITS.historyPoints.max;
  const n = losses.length;
  if (n <= max) {
    const kept: StoredHistory = { lossHistory: toFloat32Numbers(losses) };
    if (epochs !== undefined) kept.lossHistoryEpochs = Array.from(epochs);
    return kept;
  }
  const epochOf = (i: number) => (epochs === undefined ? i + 1 : epochs[i]);
  const keptIndices: number[] = [0];
  // Points 1 .. n-2 in `buckets` runs of (nearly) equal length; each gives its min and max.
  const buckets = Math.floor((max - 2) / 2);
  const middle = n - 2;
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * middle) / buckets);
    const end = 1 + Math.floor(((b + 1) * middle) / buckets);
    if (end <= start) continue;
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (losses[i] < losses[low]) low = i;
      if (losses[i] > losses[high]) high = i;
    }
    keptIndices.push(Math.min(low, high));
    if (high !== low) keptIndices.push(Math.max(low, high));
  }
  keptIndices.push(n - 1);
  return {
    lossHistory: keptIndices.map((i) => Math.fround(losses[i])),
    lossHistoryEpochs: keptIndices.map(epochOf),
  };
}

/**
 * Why a stored history read from a file is unusable (field named from `prefix`), or null:
 * `lossHistoryEpochs` must match `lossHistory` in length, increase, and hold at most
 * LIMITS.historyPoints values.
 */
export function storedHistoryIssue(history: StoredHistory, prefix: string): string | null {
  const epochs = history.lossHistoryEpochs;
  if (epochs === undefined) return null;
  const tooMany = overLimit('historyPoints', `${prefix}.lossHistoryEpochs's length`, epochs.length);
  if (tooMany !== null) return tooMany;
  if (epochs.length !== history.lossHistory.length) {
    return `${prefix}.lossHistoryEpochs has ${epochs.length} values but ${prefix}.lossHistory has ${history.lossHistory.length}`;
  }
  for (let i = 1; i < epochs.length; i++) {
    if (epochs[i] <= epochs[i - 1]) {
      return `${prefix}.lossHistoryEpochs[${i}] is ${epochs[i]}, not after the epoch before it (${epochs[i - 1]})`;
    }
  }
  return null;
}
