// The run's record: every epoch up to twice LIMITS.historyPoints, decimated beyond with the lab file's
// own rule, and a mirror that follows it through deltas.
import { describe, expect, it } from 'vitest';
import { storedHistory } from '../../../core/src/formats/lossHistory.ts';
import { LIMITS } from '../../../core/src/limits.ts';
import { RunHistory } from '../../../core/src/train/runHistory.ts';

/** Epoch e's record: loss 1 / e (with a wiggle), weights [e, -e], gradient [e / 2, 0]. */
function recordEpochs(history: RunHistory, from: number, to: number): void {
  for (let e = from; e <= to; e++)
    history.record(e, Math.fround(1 / e + (e % 7) * 1e-6), [e, -e], [e / 2, 0]);
}

describe('RunHistory', () => {
  it('holds every epoch of a 20,000-epoch run: weights, gradient and loss of each', () => {
    const history = new RunHistory(2, [0.5, 0.25]);
    recordEpochs(history, 1, 20_000);
    expect(history.count).toBe(20_000);
    expect(Array.from(history.weightsAt(0)!)).toEqual([0.5, 0.25]);
    for (const e of [1, 2, 9_999, 20_000]) {
      expect(Array.from(history.weightsAt(e)!)).toEqual([e, -e]);
      expect(Array.from(history.gradientAt(e)!)).toEqual([e / 2, 0]);
    }
  });

  it("beyond twice LIMITS.historyPoints: keeps exactly the epochs the lab file's decimation keeps, with their weights", () => {
    const max = LIMITS.historyPoints.max;
    const history = new RunHistory(2);
    recordEpochs(history, 1, 2 * max - 1);
    const losses = [...history.losses];
    const epochs = [...history.epochs];
    const revision = history.revision;
    recordEpochs(history, 2 * max, 2 * max);
    losses.push(history.losses.at(-1)!);
    epochs.push(2 * max);
    const expected = storedHistory(losses, epochs);
    expect(history.revision).toBe(revision + 1);
    expect([...history.epochs]).toEqual(expected.lossHistoryEpochs);
    expect([...history.losses]).toEqual(expected.lossHistory);
    expect(history.count).toBeLessThanOrEqual(max);
    for (const e of history.epochs) expect(Array.from(history.weightsAt(e)!)).toEqual([e, -e]);
    // A decimated epoch is no longer there.
    const missing = epochs.find((e) => !history.epochs.includes(e))!;
    expect(history.weightsAt(missing)).toBeNull();
  });

  it('a mirror that applies the deltas holds the same record, across a decimation', () => {
    const source = new RunHistory(2);
    const mirror = new RunHistory(2);
    let seen = { epoch: 0, revision: -1 };
    const follow = () => {
      mirror.apply(source.since(seen.epoch, seen.revision));
      seen = { epoch: source.lastEpoch, revision: source.revision };
    };
    for (let from = 1; from <= 2 * LIMITS.historyPoints.max + 500; from += 1000) {
      recordEpochs(source, from, from + 999);
      follow();
    }
    expect([...mirror.epochs]).toEqual([...source.epochs]);
    expect([...mirror.losses]).toEqual([...source.losses]);
    const last = source.lastEpoch;
    expect(Array.from(mirror.weightsAt(last)!)).toEqual([last, -last]);
  });

  it('losses restored from a file have no weights (null) except where set', () => {
    const history = new RunHistory(2);
    history.recordLossesOnly([1, 5, 10], [3, 2, 1]);
    history.setLast([0.9, -0.9], null);
    expect(history.weightsAt(5)).toBeNull();
    expect(history.lossAt(5)).toBe(2);
    expect(Array.from(history.weightsAt(10)!)).toEqual([Math.fround(0.9), Math.fround(-0.9)]);
  });
});
