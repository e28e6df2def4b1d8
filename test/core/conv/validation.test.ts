// Every validation error of the conv, pooling and padding ops: the message names the op and the values.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../../core/src/tensor.ts';
import {
  avgPool2d,
  conv2d,
  corr2d,
  maxPool2d,
  pad,
  type Conv2dOptions,
} from '../../../core/src/conv/index.ts';

const zeros = (shape: number[]) =>
  Tensor.internal(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, false);
const x = zeros([1, 1, 4, 4]);
const w = zeros([1, 1, 3, 3]);
// Options as a caller without TypeScript might pass them.
const loose = (options: Record<string, unknown>) => options as unknown as Conv2dOptions;

describe('conv2d throws when', () => {
  it('the input is not 3-D or 4-D', () => {
    expect(() => conv2d(zeros([4, 4]), w)).toThrow(
      'conv2d: input must be 3-D (channels, height, width) or 4-D (batch, channels, height, width), got shape [4, 4]',
    );
  });
  it('the weight is not 4-D', () => {
    expect(() => conv2d(x, zeros([1, 3, 3]))).toThrow(
      'conv2d: weight must be 4-D (outChannels, inChannels / groups, kernelHeight, kernelWidth), got shape [1, 3, 3]',
    );
  });
  it('the input channels do not match the weight', () => {
    expect(() => conv2d(zeros([1, 3, 4, 4]), w)).toThrow(
      'conv2d: input has 3 channels but weight expects 1 (groups 1)',
    );
    expect(() => conv2d(zeros([1, 4, 4, 4]), zeros([2, 1, 3, 3]), null, { groups: 2 })).toThrow(
      'conv2d: input has 4 channels but weight expects 2 (groups 2)',
    );
  });
  it('groups is not a positive integer', () => {
    expect(() => conv2d(x, w, null, { groups: 0 })).toThrow(
      'conv2d: groups must be a positive integer, got 0',
    );
    expect(() => conv2d(x, w, null, { groups: 1.5 })).toThrow(
      'conv2d: groups must be a positive integer, got 1.5',
    );
  });
  it('the out channels are not divisible by groups', () => {
    expect(() => conv2d(zeros([1, 2, 4, 4]), zeros([3, 1, 3, 3]), null, { groups: 2 })).toThrow(
      'conv2d: out channels 3 are not divisible by groups 2',
    );
  });
  it('the stride is not a positive integer or a pair of them', () => {
    expect(() => conv2d(x, w, null, { stride: 0 })).toThrow(
      'conv2d: stride must be a positive integer, got 0',
    );
    expect(() => conv2d(x, w, null, { stride: [1, -1] })).toThrow(
      'conv2d: stride must be a positive integer, got [1, -1]',
    );
    expect(() => conv2d(x, w, null, { stride: 1.5 })).toThrow(
      'conv2d: stride must be a positive integer, got 1.5',
    );
    expect(() => conv2d(x, w, null, loose({ stride: [1, 2, 3] }))).toThrow(
      'conv2d: stride must be a number or a pair [height, width], got [1, 2, 3]',
    );
  });
  it('the dilation is not a positive integer', () => {
    expect(() => conv2d(x, w, null, { dilation: 0 })).toThrow(
      'conv2d: dilation must be a positive integer, got 0',
    );
  });
  it('the padding is negative, fractional or an unknown string', () => {
    expect(() => conv2d(x, w, null, { padding: -1 })).toThrow(
      'conv2d: padding must be a non-negative integer, got -1',
    );
    expect(() => conv2d(x, w, null, { padding: [0, 0.5] })).toThrow(
      'conv2d: padding must be a non-negative integer, got [0, 0.5]',
    );
    expect(() => conv2d(x, w, null, loose({ padding: 'full' }))).toThrow(
      `conv2d: padding must be a non-negative integer, a pair, 'same' or 'valid', got "full"`,
    );
  });
  it("padding is 'same' with a stride other than 1", () => {
    expect(() => conv2d(x, w, null, { padding: 'same', stride: [2, 1] })).toThrow(
      "conv2d: padding 'same' is not supported for strided convolutions (stride [2, 1])",
    );
  });
  it('the dilated kernel is larger than the padded input', () => {
    expect(() => conv2d(x, w, null, { dilation: 2 })).toThrow(
      'conv2d: kernel 3x3 (dilated 5x5) is larger than the padded input 4x4',
    );
    expect(() => conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 5, 5]), null, { padding: 1 })).toThrow(
      'conv2d: kernel 5x5 is larger than the padded input 4x4',
    );
  });
  it('the kernel has an empty dimension', () => {
    expect(() => conv2d(x, zeros([1, 1, 0, 3]))).toThrow(
      'conv2d: kernel size must be positive integers, got 0x3',
    );
  });
  it('the bias does not have one value per out channel', () => {
    expect(() => conv2d(x, w, zeros([2]))).toThrow(
      'conv2d: bias must have shape [1] (one value per out channel), got [2]',
    );
  });
});

describe('corr2d throws when', () => {
  it('X is not 2-D', () =>
    expect(() => corr2d(zeros([1, 4, 4]), zeros([2, 2]))).toThrow(
      'corr2d: X must be 2-D (height, width), got shape [1, 4, 4]',
    ));
  it('K is not 2-D', () =>
    expect(() => corr2d(zeros([4, 4]), zeros([2]))).toThrow(
      'corr2d: K must be 2-D (height, width), got shape [2]',
    ));
  it('K is larger than X', () =>
    expect(() => corr2d(zeros([2, 4]), zeros([3, 1]))).toThrow(
      'corr2d: kernel 3x1 is larger than the padded input 2x4',
    ));
});

describe.each([
  ['maxPool2d', maxPool2d],
  ['avgPool2d', avgPool2d],
] as const)('%s throws when', (op, pool) => {
  it('the input is not 3-D or 4-D', () => {
    expect(() => pool(zeros([4, 4]), 2)).toThrow(
      `${op}: input must be 3-D (channels, height, width) or 4-D (batch, channels, height, width), got shape [4, 4]`,
    );
  });
  it('the kernel size is not a positive integer', () => {
    expect(() => pool(x, 0)).toThrow(`${op}: kernel size must be a positive integer, got 0`);
  });
  it('the padding is more than half the kernel size', () => {
    expect(() => pool(x, 3, { padding: 2 })).toThrow(
      `${op}: padding [2, 2] must be at most half the kernel size [3, 3]`,
    );
    expect(() => pool(x, [2, 4], { padding: [1, 3] })).toThrow(
      `${op}: padding [1, 3] must be at most half the kernel size [2, 4]`,
    );
  });
  it('the padding is negative', () => {
    expect(() => pool(x, 2, { padding: -1 })).toThrow(
      `${op}: padding must be a non-negative integer, got -1`,
    );
  });
  it('the stride is not a positive integer', () => {
    expect(() => pool(x, 2, { stride: 0 })).toThrow(`${op}: stride must be a positive integer, got 0`);
  });
  it('the window is larger than the padded input', () => {
    expect(() => pool(zeros([1, 1, 2, 5]), 3)).toThrow(
      `${op}: kernel 3x3 is larger than the padded input 2x5`,
    );
  });
});

describe('pad throws when', () => {
  it('the mode is unknown', () => {
    expect(() => pad(x, [1, 1, 1, 1], 'mirror' as 'reflect')).toThrow(
      `pad: mode must be 'constant', 'zeros', 'reflect', 'replicate' or 'circular', got "mirror"`,
    );
  });
  it('the padding is not four non-negative integers', () => {
    expect(() => pad(x, [1, 1, 1] as unknown as [number, number, number, number])).toThrow(
      'pad: padding must be 4 non-negative integers [left, right, top, bottom], got [1,1,1]',
    );
    expect(() => pad(x, [1, -1, 0, 0])).toThrow(
      'pad: padding must be 4 non-negative integers [left, right, top, bottom], got [1,-1,0,0]',
    );
  });
  it('the input has fewer than 2 dimensions', () => {
    expect(() => pad(zeros([4]), [1, 1, 0, 0])).toThrow(
      'pad: input must have at least 2 dimensions (height, width), got shape [4]',
    );
  });
  it('reflect padding is not smaller than the input size', () => {
    expect(() => pad(x, [4, 0, 0, 0], 'reflect')).toThrow(
      'pad: reflect padding width must be smaller than the input width (4), got 4 (padding [4,0,0,0] as [left, right, top, bottom])',
    );
    expect(() => pad(zeros([1, 1, 2, 9]), [0, 0, 0, 2], 'reflect')).toThrow(
      'pad: reflect padding height must be smaller than the input height (2), got 2',
    );
  });
  it('circular padding wraps around more than once', () => {
    expect(() => pad(x, [0, 0, 5, 0], 'circular')).toThrow(
      'pad: circular padding height must be at most the input height (4), got 5 (padding [0,0,5,0] as [left, right, top, bottom])',
    );
  });
  it('replicate padding has no edge to repeat (empty input)', () => {
    expect(() => pad(zeros([1, 0, 3]), [1, 0, 0, 0], 'replicate')).toThrow(
      'pad: replicate padding needs a non-empty input, got shape [1, 0, 3]',
    );
  });
});
