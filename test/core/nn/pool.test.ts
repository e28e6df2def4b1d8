// The pooling layers against the textbook and the functional ops, and their validation errors.
import { describe, expect, it } from 'vitest';
import { avgPool2d, Generator, maxPool2d, nn, randn, tensor } from '../../../core/src/index.ts';
import { expectTensorClose } from '../ops/naive.ts';

const gen = new Generator().manualSeed(12);

describe('MaxPool2d and AvgPool2d', () => {
  it('max-pooling 0..8 as 3x3 with a 2x2 window and stride 1 gives [[4, 5], [7, 8]] (the textbook)', () => {
    const x = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8], { shape: [1, 1, 3, 3] });
    expect(new nn.MaxPool2d(2, { stride: 1 }).forward(x).toArray()).toEqual([
      [
        [
          [4, 5],
          [7, 8],
        ],
      ],
    ]);
    expect(new nn.AvgPool2d(2, { stride: 1 }).forward(x).toArray()).toEqual([
      [
        [
          [2, 3],
          [5, 6],
        ],
      ],
    ]);
  });

  it('forward is the functional op with the same options', () => {
    const x = randn([2, 3, 6, 5], { generator: gen });
    expectTensorClose(
      new nn.MaxPool2d(3, { stride: 2, padding: 1 }).forward(x),
      maxPool2d(x, 3, { stride: 2, padding: 1 }),
    );
    expectTensorClose(new nn.AvgPool2d([2, 3]).forward(x), avgPool2d(x, [2, 3]));
  });

  it('throws when the kernel size is invalid', () => {
    expect(() => new nn.MaxPool2d(0)).toThrow('MaxPool2d: kernel size must be a positive integer, got 0');
    expect(() => new nn.AvgPool2d([2, -1])).toThrow(
      'AvgPool2d: kernel size must be a positive integer, got [2, -1]',
    );
  });
});
