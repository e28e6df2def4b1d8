import { describe, expect, it } from 'vitest';
import { formatLoss, progressOutput } from '../../core/cli/progressOutput.ts';
import type { Progress } from '../../core/src/worker/api.ts';

const progress = (epoch: number, loss: number): Progress => ({
  type: 'progress',
  epoch,
  totalEpochs: 100,
  loss,
  weight: { shape: [1, 1, 1, 2], data: new Float32Array(2) },
  bias: null,
  weightGrad: { shape: [1, 1, 1, 2], data: new Float32Array(2) },
  biasGrad: null,
  records: {
    epochs: [epoch],
    losses: [loss],
    weights: new Float32Array(2),
    gradients: new Float32Array(2),
    replace: false,
    revision: 0,
  },
});

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progressOutput', () => {
  it('TTY: redraws one bar with \\r (50% at epoch 50 of 100) and ends it with a newline', () => {
    const { stream, written } = fakeStream(true);
    const lines: string[] = [];
    const output = progressOutput(stream, (l) => lines.push(l), 100);
    output.update(progress(50, 0.5));
    output.update(progress(100, 0.25));
    output.finish();
    expect(lines).toEqual([]);
    expect(written[0]).toBe(`\r[${'#'.repeat(15)}${'.'.repeat(15)}]  50%  epoch 50/100  loss 0.5000`);
    expect(written[1]).toBe(`\r[${'#'.repeat(30)}] 100%  epoch 100/100  loss 0.2500`);
    expect(written[2]).toBe('\n');
  });

  it('not a TTY: one plain line per 10% reached, and always the last epoch', () => {
    const { stream, written } = fakeStream(false);
    const lines: string[] = [];
    const output = progressOutput(stream, (l) => lines.push(l), 100);
    for (const epoch of [3, 9, 10, 15, 21, 100]) output.update(progress(epoch, 1));
    output.finish();
    expect(written).toEqual([]);
    expect(lines).toEqual([
      'epoch 10/100, loss 1.0000',
      'epoch 21/100, loss 1.0000',
      'epoch 100/100, loss 1.0000',
    ]);
  });

  it('formatLoss: 4 decimals in [1e-3, 1e6), exponent notation outside', () => {
    expect(formatLoss(7.0471)).toBe('7.0471');
    expect(formatLoss(3.566e-11)).toBe('3.566e-11');
    expect(formatLoss(3.74e37)).toBe('3.740e+37');
    expect(formatLoss(0)).toBe('0.0000');
  });
});
