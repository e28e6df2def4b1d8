// mseLoss: its three reductions, its gradient by finite differences, and the error for an unknown reduction.
import { describe, expect, it } from 'vitest';
import { Generator, nn, randn, tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';

const gen = new Generator().manualSeed(12);

describe('mseLoss', () => {
  const input = tensor([
    [1, 2],
    [3, 4],
  ]);
  const target = tensor([
    [1.5, 2],
    [1, 5],
  ]);
  // Squared differences 0.25, 0, 4, 1.
  it('mean (default), sum and none reductions', () => {
    expect(nn.mseLoss(input, target).item()).toBeCloseTo(5.25 / 4, 6);
    expect(nn.mseLoss(input, target, { reduction: 'sum' }).item()).toBeCloseTo(5.25, 6);
    expect(nn.mseLoss(input, target, { reduction: 'none' }).toArray()).toEqual([
      [0.25, 0],
      [4, 1],
    ]);
    expect(new nn.MSELoss({ reduction: 'sum' }).forward(input, target).item()).toBeCloseTo(5.25, 6);
  });

  it('gradcheck for each reduction, with a broadcast target', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      gradcheck(
        (a, b) => nn.mseLoss(a, b, { reduction }),
        [randn([3, 4], { generator: gen }), randn([4], { generator: gen })],
      );
    }
  });

  it('throws when the reduction is unknown', () => {
    expect(() => nn.mseLoss(input, target, { reduction: 'avg' as nn.Reduction })).toThrow(
      `mseLoss: reduction must be 'mean', 'sum' or 'none', got "avg"`,
    );
    expect(() => new nn.MSELoss({ reduction: 'max' as nn.Reduction })).toThrow(
      `MSELoss: reduction must be 'mean', 'sum' or 'none', got "max"`,
    );
  });
});
