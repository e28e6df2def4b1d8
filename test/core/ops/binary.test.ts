import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor, type Tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';
import { expectTensorClose, naiveBinary } from './naive.ts';

const gen = new Generator().manualSeed(7);
const r = (shape: number[]): Tensor => randn(shape, { generator: gen });
/** Values kept away from 0 so that division and its finite differences stay well conditioned. */
const awayFromZero = (shape: number[]): Tensor => {
  const t = r(shape);
  return tensor(
    t.data.map((v) => (v >= 0 ? v + 0.5 : v - 0.5)),
    { shape },
  );
};

const ops = {
  add: { method: (a: Tensor, b: Tensor | number) => a.add(b), f: (x: number, y: number) => x + y },
  sub: { method: (a: Tensor, b: Tensor | number) => a.sub(b), f: (x: number, y: number) => x - y },
  mul: { method: (a: Tensor, b: Tensor | number) => a.mul(b), f: (x: number, y: number) => x * y },
  div: { method: (a: Tensor, b: Tensor | number) => a.div(b), f: (x: number, y: number) => x / y },
} as const;

// Pairs of shapes that broadcast: equal, scalar on either side, trailing, leading ones, both sides.
const shapePairs: Array<[number[], number[]]> = [
  [
    [2, 3],
    [2, 3],
  ],
  [[2, 3], []],
  [[], [2, 3]],
  [[2, 3], [3]],
  [
    [4, 1],
    [1, 3],
  ],
  [
    [2, 1, 4],
    [3, 1],
  ],
  [[1], [2, 2]],
  [[5, 1], [1]],
];

describe.each(Object.entries(ops))('%s', (name, { method, f }) => {
  for (const [sa, sb] of shapePairs) {
    it(`forward matches a naive broadcast a=[${sa}] b=[${sb}]`, () => {
      const a = r(sa);
      const b = name === 'div' ? awayFromZero(sb) : r(sb);
      expectTensorClose(method(a, b), naiveBinary(a, b, f));
    });
    it(`gradcheck a=[${sa}] b=[${sb}]`, () => {
      const b = name === 'div' ? awayFromZero(sb) : r(sb);
      gradcheck((x, y) => method(x, y), [r(sa), b]);
    });
  }

  it('takes a number as a 0-d operand', () => {
    const a = r([2, 3]);
    expectTensorClose(method(a, 2.5), naiveBinary(a, tensor(2.5), f));
    gradcheck((x) => method(x, 2.5), [a]);
  });

  it('gives a gradient only to operands that require one', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4]);
    method(a, b).sum().backward();
    expect(a.grad).not.toBeNull();
    expect(b.grad).toBeNull();
  });

  it(`throws when shapes cannot be broadcast`, () => {
    expect(() => method(r([2, 3]), r([4]))).toThrow(`${name}: shapes [2, 3] and [4] cannot be broadcast`);
    expect(() => method(r([2, 3]), r([3, 3]))).toThrow(
      `${name}: shapes [2, 3] and [3, 3] cannot be broadcast`,
    );
  });
});

describe('broadcast output shapes', () => {
  it('aligns from the right and keeps the larger size', () => {
    expect(tensor([[1], [2]]).add(tensor([1, 2, 3])).shape).toEqual([2, 3]);
    expect(tensor(1).add(tensor(2)).shape).toEqual([]);
    expect(tensor(1).mul(tensor([[1, 2]])).shape).toEqual([1, 2]);
  });

  it('an operand used on both sides gets both gradients: d(x*x)/dx = 2x', () => {
    const x = tensor([1.5, -2, 3], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([3, -4, 6]);
    gradcheck((t) => t.mul(t).add(t).div(t.add(4)), [tensor([0.5, -1, 2])]);
  });
});
