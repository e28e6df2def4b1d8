import { describe, expect, it } from 'vitest';
import { arange, full, ones, tensor, zeros, type NestedArray } from '../../core/src/index.ts';

describe('tensor()', () => {
  it('a number gives a 0-d tensor', () => {
    const t = tensor(3.5);
    expect(t.shape).toEqual([]);
    expect(t.item()).toBe(3.5);
    expect(t.toArray()).toBe(3.5);
  });

  it('nested arrays give their shape and row-major data', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(tensor([[[1], [2]]]).shape).toEqual([1, 2, 1]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('toArray gives back the nested arrays', () => {
    const nested: NestedArray = [[[1, 2]], [[3, 4]], [[5, 6]]];
    expect(tensor(nested).toArray()).toEqual(nested);
  });

  it('a Float32Array is 1-d unless shape reshapes it, and is copied', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(tensor(src).shape).toEqual([6]);
    const t = tensor(src, { shape: [3, 2] });
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    src[0] = 99;
    expect(t.data[0]).toBe(1);
  });

  it('values are rounded to float32', () => {
    expect(tensor(0.1).item()).toBe(Math.fround(0.1));
  });

  it('requiresGrad is off by default and can be turned on', () => {
    expect(tensor([1]).requiresGrad).toBe(false);
    expect(tensor([1], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(tensor([1], { requiresGrad: true }).isLeaf).toBe(true);
  });

  it('throws when nested arrays are ragged', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      'tensor: ragged nested arrays: [1] has length 1 where 2 values were expected (shape [2, 2])',
    );
    expect(() => tensor([[1, 2], 3] as unknown as NestedArray)).toThrow(
      'tensor: ragged nested arrays: [1] has 3 where 2 values were expected (shape [2, 2])',
    );
  });

  it('throws when a value is not a number', () => {
    expect(() => tensor([1, '2'] as unknown as NestedArray)).toThrow(
      'tensor: expected a number at [1], got the string "2"',
    );
    expect(() => tensor([[1], [[2]]] as unknown as NestedArray)).toThrow(
      'tensor: expected a number at [1][0], got an array of length 1',
    );
    expect(() => tensor('abc' as unknown as NestedArray)).toThrow(
      'tensor: data must be a number, nested arrays of numbers or a typed array, got the string "abc"',
    );
  });

  it('throws when shape does not match the number of values or is not a shape', () => {
    expect(() => tensor(Float32Array.from([1, 2, 3]), { shape: [2, 2] })).toThrow(
      'tensor: 3 values cannot take shape [2, 2] (4 values)',
    );
    expect(() => tensor([1, 2], { shape: [2, -1] })).toThrow(
      'tensor: shape must be a list of non-negative integers, got [2,-1]',
    );
  });

  it('throws when requiresGrad is not a boolean', () => {
    expect(() => tensor([1], { requiresGrad: 'yes' as unknown as boolean })).toThrow(
      'tensor: requiresGrad must be true or false, got yes',
    );
  });
});

describe('zeros, ones, full, arange', () => {
  it('fill a shape', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(zeros([]).shape).toEqual([]);
    expect(ones([2], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('arange counts as torch.arange', () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 4).toArray()).toEqual([1, 2, 3]);
    expect(arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(3, 0, -1).toArray()).toEqual([3, 2, 1]);
    expect(arange(0).shape).toEqual([0]);
  });

  it('throws when the shape, value or range is invalid', () => {
    expect(() => zeros([2.5])).toThrow('zeros: shape must be a list of non-negative integers, got [2.5]');
    expect(() => ones(3 as unknown as number[])).toThrow(
      'ones: shape must be a list of non-negative integers, got 3',
    );
    expect(() => full([2], '1' as unknown as number)).toThrow(
      'full: value must be a number, got the string "1"',
    );
    expect(() => arange(0, 3, 0)).toThrow(
      'arange: start, end and step must be finite numbers with step not 0, got 0, 3, 0',
    );
  });
});
