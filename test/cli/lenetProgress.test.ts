import { describe, expect, it } from 'vitest';
import { formatEpochLine, lenetProgressBar } from '../../core/cli/lenetProgress.ts';
import type { LenetProgress } from '../../core/src/worker/lenetApi.ts';

const progress = (over: Partial<LenetProgress>): LenetProgress => ({
  type: 'lenet-progress',
  epoch: 2,
  phase: 'train',
  batch: 117,
  batches: 235,
  loss: 0.81234,
  trainAcc: 0.68,
  examplesPerSec: 7310.4,
  totalEpochs: 10,
  fraction: 0.25,
  history: { fromEpoch: 3, records: [] },
  conv1Weight: { shape: [6, 1, 5, 5], data: new Float32Array(150) },
  conv2Weight: { shape: [16, 6, 5, 5], data: new Float32Array(2400) },
  ...over,
});

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('formatEpochLine', () => {
  it("prints d2l's figures to 3 decimals and the speed as a whole number", () => {
    const record = { epoch: 3, loss: 0.81234, trainAcc: 0.6811, testAcc: 0.7, examplesPerSec: 7310.4 };
    expect(formatEpochLine(record, 10)).toBe(
      'epoch 3/10: loss 0.812, train acc 0.681, test acc 0.700, 7310 examples/sec',
    );
  });
});

describe('lenetProgressBar', () => {
  it('TTY: one bar redrawn in place with the epoch, batch, loss so far and speed', () => {
    const { stream, written } = fakeStream(true);
    const bar = lenetProgressBar(stream);
    bar.update(progress({}));
    expect(written).toEqual([
      `\r\x1b[2K[${'#'.repeat(8)}${'.'.repeat(22)}]  25%  epoch 3/10  batch 117/235  loss 0.812  7310 examples/sec`,
    ]);
  });

  it('TTY: an epoch line goes above the bar, which is drawn again below it; finish clears the bar', () => {
    const { stream, written } = fakeStream(true);
    const lines: string[] = [];
    const bar = lenetProgressBar(stream);
    bar.update(progress({ phase: 'test', batch: 235 }));
    const drawn = written[0].slice('\r\x1b[2K'.length);
    expect(drawn).toMatch(/epoch 3\/10 {2}testing {2}loss 0\.812/);
    bar.above(() => lines.push('epoch 3/10: ...'));
    expect(lines).toEqual(['epoch 3/10: ...']);
    expect(written.slice(1)).toEqual(['\r\x1b[2K', drawn]);
    bar.finish();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('TTY: at the end of the run the bar says done', () => {
    const { stream, written } = fakeStream(true);
    lenetProgressBar(stream).update(progress({ epoch: 10, batch: 0, fraction: 1 }));
    expect(written[0]).toMatch(/\[#{30}\] 100% {2}epoch 10\/10 {2}done/);
  });

  it('not a TTY: draws nothing and prints the epoch lines as they come', () => {
    const { stream, written } = fakeStream(false);
    const lines: string[] = [];
    const bar = lenetProgressBar(stream);
    bar.update(progress({}));
    bar.above(() => lines.push('epoch 1/10: ...'));
    bar.finish();
    expect(written).toEqual([]);
    expect(lines).toEqual(['epoch 1/10: ...']);
  });
});
