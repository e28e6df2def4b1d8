// The multi-channel view (channels.ts): the core's conv2d against corr2dMultiInOut.
import { describe, expect, it } from 'vitest';
import {
  corr2dMultiInOut,
  textbookKernelStack,
  TEXTBOOK_MULTI_IN_X,
} from '../../../core/src/explain/index.ts';
import {
  coreConv,
  kernelStack,
  oneByOneKernel,
  stackedLabChannels,
} from '../../../renderer/src/chapter/channels.ts';
import { gridFromRows } from '../../../renderer/src/lib/grid.ts';

describe('channels', () => {
  it("kernelStack without a lab kernel is the chapter's K, K+1, K+2", () => {
    expect(kernelStack(2, null)).toEqual(textbookKernelStack());
  });
  it("kernelStack with the lab's kernel repeats it on every channel, plus 0, 1 and 2", () => {
    const k = kernelStack(3, gridFromRows([[1, -1]]));
    expect(k.shape).toEqual([3, 3, 1, 2]);
    expect(Array.from(k.data.slice(6, 12))).toEqual([2, 0, 2, 0, 2, 0]);
  });
  it('stackedLabChannels: the grid, 1 − grid and the grid moved one cell right', () => {
    const g = gridFromRows([[1, 0, 0.5]]);
    expect(Array.from(stackedLabChannels(g).input.data)).toEqual([1, 0, 0.5, 0, 1, 0.5, 0, 1, 0]);
  });
  it("coreConv x=[2,3,3] k=[3,2,2,2] (the chapter's): equals corr2dMultiInOut", () => {
    const got = coreConv(TEXTBOOK_MULTI_IN_X, textbookKernelStack());
    expect(got.shape).toEqual([3, 2, 2]);
    expect(Array.from(got.data)).toEqual(
      Array.from(corr2dMultiInOut(TEXTBOOK_MULTI_IN_X, textbookKernelStack()).data),
    );
  });
  it('oneByOneKernel(3): the average of the channels, and the first minus the second', () => {
    const k = oneByOneKernel(3);
    expect(k.shape).toEqual([2, 3, 1, 1]);
    expect(Array.from(k.data)).toEqual([1 / 3, 1 / 3, 1 / 3, 1, -1, 0]);
  });
});
