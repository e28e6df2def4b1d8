import { describe, expect, it } from 'vitest';
import {
  compareConv1x1,
  conv1x1AsMatrixProduct,
  corr2dMultiIn,
  corr2dMultiInOut,
  multiChannelParts,
  stackChannels,
  textbookKernelStack,
  TEXTBOOK_MULTI_IN_K,
  TEXTBOOK_MULTI_IN_X,
} from '../../../core/src/explain/multiChannel.ts';
import { expectClose, leaf, randomValues, conv2d } from './reference.ts';

describe('multiple channels', () => {
  it("corr2d_multi_in on the chapter's X and K gives the book's [[56, 72], [104, 120]]", () => {
    const y = corr2dMultiIn(TEXTBOOK_MULTI_IN_X, TEXTBOOK_MULTI_IN_K);
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(y.data)).toEqual([56, 72, 104, 120]);
  });

  it('K, K+1, K+2: corr2d_multi_in_out equals the core conv2d, output shape [3, 2, 2]', () => {
    const k = textbookKernelStack();
    expect(k.shape).toEqual([3, 2, 2, 2]);
    expect(Array.from(k.data.slice(8, 12))).toEqual([1, 2, 3, 4]);
    const y = corr2dMultiInOut(TEXTBOOK_MULTI_IN_X, k);
    expect(y.shape).toEqual([3, 2, 2]);
    const ref = conv2d(leaf(TEXTBOOK_MULTI_IN_X.data, [1, 2, 3, 3]), leaf(k.data, [3, 2, 2, 2]));
    expectClose(y.data, ref.data, 1e-6);
    // The book prints the first output channel as corr2d_multi_in with K itself.
    expect(Array.from(y.data.slice(0, 4))).toEqual([56, 72, 104, 120]);
  });

  it('x=[3,3,3] k=[2,3,1,1]: the 1x1 convolution beside its matrix product differs only by float32 rounding', () => {
    const x = { shape: [3, 3, 3], data: randomValues(27, 1) };
    const k = { shape: [2, 3, 1, 1], data: randomValues(6, 2) };
    const y = conv2d(leaf(x.data, [1, 3, 3, 3]), leaf(k.data, [2, 3, 1, 1]));
    const cmp = compareConv1x1(x, k, y);
    expect(cmp.passed).toBe(true);
    expect(cmp.maxAbsDifference).toBeLessThan(1e-6);
    expect(cmp.matrixProduct.shape).toEqual([2, 3, 3]);
    expect(cmp.message).toMatch(/^The 1x1 convolution is a matrix product: K \(2x3\) times X \(3x9/);
    // The product agrees with the channel-summing loop, an independent formulation.
    expectClose(conv1x1AsMatrixProduct(x, k).data, corr2dMultiInOut(x, k).data, 1e-12);
  });

  it('compareConv1x1 fails when the convolution output is not that of this kernel', () => {
    const x = { shape: [2, 2, 2], data: randomValues(8, 3) };
    const k = { shape: [1, 2], data: [1, 2] };
    const wrong = conv2d(leaf(x.data, [1, 2, 2, 2]), leaf([2, 1], [1, 2, 1, 1]));
    const cmp = compareConv1x1(x, k, wrong);
    expect(cmp.passed).toBe(false);
    expect(cmp.message).toMatch(/^The convolution and the matrix product differ by up to/);
  });

  it('throws when channels do not match or the kernel is not 1x1', () => {
    expect(() => corr2dMultiIn(TEXTBOOK_MULTI_IN_X, { shape: [1, 2, 2], data: [1, 2, 3, 4] })).toThrow(
      'corr2dMultiIn: input has 2 channels but kernel has 1',
    );
    expect(() =>
      conv1x1AsMatrixProduct(TEXTBOOK_MULTI_IN_X, { shape: [1, 2, 2, 2], data: new Float64Array(8) }),
    ).toThrow(
      'conv1x1AsMatrixProduct: kernel must be [outChannels, inChannels, 1, 1] or [outChannels, inChannels], got shape [1, 2, 2, 2]',
    );
    expect(() => conv1x1AsMatrixProduct(TEXTBOOK_MULTI_IN_X, { shape: [1, 3], data: [1, 2, 3] })).toThrow(
      'conv1x1AsMatrixProduct: input has 2 channels but kernel has 3',
    );
    expect(() =>
      compareConv1x1(
        TEXTBOOK_MULTI_IN_X,
        { shape: [1, 2], data: [1, 2] },
        { shape: [2, 3, 3], data: new Float64Array(18) },
      ),
    ).toThrow(
      'compareConv1x1: the convolution output has shape [2, 3, 3] but the product has shape [1, 3, 3]',
    );
    expect(() => corr2dMultiInOut(TEXTBOOK_MULTI_IN_X, TEXTBOOK_MULTI_IN_K)).toThrow(
      'corr2dMultiInOut: kernel must be 4-D, got shape [2, 2, 2]',
    );
  });
});

describe('multi-channel parts and stacking', () => {
  it("K, K+1, K+2: each output channel's parts sum to the core conv2d's channel; part 0 of channel 0 is corr2d(X0, K0)", () => {
    const k = textbookKernelStack();
    const parts = multiChannelParts(TEXTBOOK_MULTI_IN_X, k);
    expect(parts).toHaveLength(3);
    const ref = conv2d(leaf(TEXTBOOK_MULTI_IN_X.data, [1, 2, 3, 3]), leaf(k.data, [3, 2, 2, 2]));
    parts.forEach((p, o) =>
      expectClose(p.sum.data, ref.data.slice(o * 4, (o + 1) * 4), 1e-6, `channel ${o}`),
    );
    // corr2d([[0,1,2],[3,4,5],[6,7,8]], [[0,1],[2,3]]) is the textbook's [[19, 25], [37, 43]].
    expect(Array.from(parts[0].parts[0].data)).toEqual([19, 25, 37, 43]);
  });

  it('stackChannels puts same-sized grids one after the other as [C, H, W]', () => {
    const a = { shape: [1, 2], data: [1, 2] };
    const b = { shape: [1, 2], data: [3, 4] };
    const s = stackChannels([a, b]);
    expect(s.shape).toEqual([2, 1, 2]);
    expect(Array.from(s.data)).toEqual([1, 2, 3, 4]);
  });

  it('throws when channels differ in size, none is given, or the kernel expects other channels', () => {
    expect(() => stackChannels([])).toThrow('stackChannels: needs at least one channel');
    expect(() =>
      stackChannels([
        { shape: [1, 2], data: [1, 2] },
        { shape: [2, 1], data: [1, 2] },
      ]),
    ).toThrow('stackChannels: channel 1 is 2x1 but channel 0 is 1x2');
    expect(() => multiChannelParts(TEXTBOOK_MULTI_IN_X, { shape: [1, 3, 1, 1], data: [1, 2, 3] })).toThrow(
      'multiChannelParts: input has 2 channels but kernel expects 3',
    );
  });
});
