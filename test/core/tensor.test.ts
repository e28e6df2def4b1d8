import { describe, expect, it } from 'vitest';
import { noGrad, tensor } from '../../core/src/index.ts';

describe('Tensor', () => {
  it('item() throws when the tensor holds more than one value', () => {
    expect(() => tensor([1, 2]).item()).toThrow(
      'item: only a tensor with one value can be converted to a number, got shape [2]',
    );
  });

  it('detach() shares the values but leaves the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const d = y.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    expect(d.data).toBe(y.data);
  });

  it('noGrad builds no graph and restores recording afterwards', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(3).add(1));
    expect(y.requiresGrad).toBe(false);
    expect(y.isLeaf).toBe(true);
    expect(x.mul(3).requiresGrad).toBe(true);
    expect(() =>
      noGrad(() => {
        throw new Error('inner');
      }),
    ).toThrow('inner');
    expect(x.mul(3).requiresGrad).toBe(true);
  });

  it('grad can be assigned null to clear it', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([1, 1]);
    x.grad = null;
    x.sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([1, 1]);
  });

  it('backward(gradient) seeds a non-scalar output', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).backward(tensor([1, 0, 2]));
    expect(Array.from(x.grad!.data)).toEqual([2, 0, 12]);
  });

  it('throws when backward is called on a tensor that needs no grad', () => {
    expect(() => tensor([1]).backward()).toThrow('backward: this tensor does not require grad');
  });

  it('throws when backward has no gradient for a non-scalar output', () => {
    expect(() => tensor([1, 2], { requiresGrad: true }).mul(2).backward()).toThrow(
      'backward: grad can be implicitly created only for a single value, but the tensor has shape [2]',
    );
  });

  it('throws when the backward gradient has the wrong size', () => {
    expect(() =>
      tensor([1, 2], { requiresGrad: true })
        .mul(2)
        .backward(tensor([1, 2, 3])),
    ).toThrow('backward: gradient has shape [3] but the tensor has shape [2]');
  });

  it('toString shows values, shape and requiresGrad', () => {
    expect(String(tensor([[1, 2]], { requiresGrad: true }))).toBe(
      'tensor([[1,2]], shape=[1, 2], requiresGrad=true)',
    );
  });
});
