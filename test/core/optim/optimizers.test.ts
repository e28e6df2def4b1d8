import { describe, expect, it } from 'vitest';
import { optim, tensor, type Tensor } from '../../../core/src/index.ts';

const param = (): Tensor => tensor([1, -2], { requiresGrad: true });

describe('SGD', () => {
  it('plain SGD is p - lr * grad', () => {
    const p = param();
    p.grad = tensor([0.5, 1]);
    new optim.SGD([p], { lr: 0.1 }).step();
    expect(Array.from(p.data)).toEqual([Math.fround(1 - 0.05), Math.fround(-2 - 0.1)]);
  });

  it('skips parameters without a gradient and zeroGrad sets grads to null', () => {
    const p = param();
    const q = param();
    q.grad = tensor([1, 1]);
    const opt = new optim.SGD([p, q], { lr: 1 });
    opt.step();
    expect(Array.from(p.data)).toEqual([1, -2]);
    expect(Array.from(q.data)).toEqual([0, -3]);
    opt.zeroGrad();
    expect(q.grad).toBeNull();
  });

  it('throws when lr is missing, negative or not finite', () => {
    expect(() => new optim.SGD([param()], {} as optim.SGDOptions)).toThrow(
      'SGD: lr must be a finite number >= 0, got undefined',
    );
    expect(() => new optim.SGD([param()], { lr: -1 })).toThrow(
      'SGD: lr must be a finite number >= 0, got -1',
    );
    expect(() => new optim.SGD([param()], { lr: NaN })).toThrow(
      'SGD: lr must be a finite number >= 0, got NaN',
    );
    expect(() => new optim.SGD([param()], undefined as unknown as optim.SGDOptions)).toThrow(
      'SGD: options with a learning rate lr are required',
    );
  });

  it('throws when momentum, dampening or weightDecay is negative', () => {
    expect(() => new optim.SGD([param()], { lr: 0.1, momentum: -0.5 })).toThrow(
      'SGD: momentum must be a finite number >= 0, got -0.5',
    );
    expect(() => new optim.SGD([param()], { lr: 0.1, dampening: -1 })).toThrow(
      'SGD: dampening must be a finite number >= 0, got -1',
    );
    expect(() => new optim.SGD([param()], { lr: 0.1, weightDecay: -1 })).toThrow(
      'SGD: weightDecay must be a finite number >= 0, got -1',
    );
  });

  it('throws when nesterov has no momentum or a dampening', () => {
    expect(() => new optim.SGD([param()], { lr: 0.1, nesterov: true })).toThrow(
      'SGD: nesterov momentum requires momentum > 0 and dampening 0, got momentum 0 and dampening 0',
    );
    expect(
      () => new optim.SGD([param()], { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 }),
    ).toThrow(
      'SGD: nesterov momentum requires momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1',
    );
    expect(() => new optim.SGD([param()], { lr: 0.1, nesterov: 1 as unknown as boolean })).toThrow(
      'SGD: nesterov must be true or false, got 1',
    );
  });
});

describe('Adam', () => {
  it('the first step moves each value by lr against the sign of its gradient', () => {
    // At step 1, m / (1 - b1) = g and sqrt(v / (1 - b2)) = |g|, so the update is lr * g / (|g| + eps).
    const p = param();
    p.grad = tensor([0.5, -3]);
    new optim.Adam([p], { lr: 0.1 }).step();
    expect(p.data[0]).toBeCloseTo(0.9, 6);
    expect(p.data[1]).toBeCloseTo(-1.9, 6);
  });

  it('throws when lr, eps, betas or weightDecay are out of range', () => {
    expect(() => new optim.Adam([param()], { lr: -1 })).toThrow(
      'Adam: lr must be a finite number >= 0, got -1',
    );
    expect(() => new optim.Adam([param()], { eps: -1 })).toThrow(
      'Adam: eps must be a finite number >= 0, got -1',
    );
    expect(() => new optim.Adam([param()], { betas: [1, 0.999] })).toThrow(
      'Adam: betas[0] must be a number in [0, 1), got 1',
    );
    expect(() => new optim.Adam([param()], { betas: [0.9, -0.1] })).toThrow(
      'Adam: betas[1] must be a number in [0, 1), got -0.1',
    );
    expect(() => new optim.Adam([param()], { betas: [0.9] as unknown as [number, number] })).toThrow(
      'Adam: betas must be a pair [beta1, beta2], got [0.9]',
    );
    expect(() => new optim.Adam([param()], { weightDecay: -0.1 })).toThrow(
      'Adam: weightDecay must be a finite number >= 0, got -0.1',
    );
    expect(() => new optim.Adam([param()], { amsgrad: 'no' as unknown as boolean })).toThrow(
      'Adam: amsgrad must be true or false, got no',
    );
  });
});

describe('parameter lists', () => {
  it('throws when the list is empty, not a list, holds a non-tensor, a non-leaf or a duplicate', () => {
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow('SGD: got an empty parameter list');
    expect(() => new optim.Adam(5 as unknown as Tensor[])).toThrow(
      'Adam: params must be a list of tensors (e.g. model.parameters()), got 5',
    );
    expect(() => new optim.SGD([[1] as unknown as Tensor], { lr: 0.1 })).toThrow(
      'SGD: parameter 0 is not a Tensor',
    );
    const p = param();
    expect(() => new optim.SGD([p.mul(2)], { lr: 0.1 })).toThrow(
      'SGD: parameter 0 is not a leaf tensor (it was computed by an op); optimize the leaves',
    );
    expect(() => new optim.Adam([p, p])).toThrow('Adam: a parameter appears more than once in the list');
  });
});
