import { describe, expect, it } from 'vitest';
import { tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';

describe('autograd engine', () => {
  it('a graph of 100,000 nodes backpropagates without overflowing the stack', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1);
    y.sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([1, 1]);
    expect(Array.from(y.data)).toEqual([100_001, 100_002]);
  });

  it('a tensor used twice accumulates both paths: y = x * x + x', () => {
    const x = tensor([2, -3], { requiresGrad: true });
    x.mul(x).add(x).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([5, -5]); // 2x + 1
    gradcheck((t) => t.mul(t).add(t), [tensor([0.7, -1.2, 2])]);
  });

  it('a diamond (one intermediate feeding two branches) sums the branches', () => {
    gradcheck(
      (t) => {
        const e = t.exp();
        return e.mul(e.sigmoid()).add(e.pow(2));
      },
      [tensor([0.5, 1.5])],
    );
  });

  it('a second backward through a new graph adds to .grad, as in PyTorch', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([6, 6]);
  });

  it('leaves without requiresGrad and detached branches get no gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const c = tensor([3, 4]);
    x.mul(c).add(x.detach().mul(10)).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([3, 4]);
    expect(c.grad).toBeNull();
  });

  it('intermediate tensors keep no gradient, as in PyTorch', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    h.sum().backward();
    expect(h.grad).toBeNull();
    expect(h.isLeaf).toBe(false);
  });

  it('an op output requires grad only when one of its inputs does', () => {
    expect(tensor([1]).add(tensor([2])).requiresGrad).toBe(false);
    expect(tensor([1]).add(tensor([2], { requiresGrad: true })).requiresGrad).toBe(true);
  });
});
