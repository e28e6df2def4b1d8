import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor, type Tensor } from '../../../core/src/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';
import { expectTensorClose } from './naive.ts';

const gen = new Generator().manualSeed(11);
/** Normal values moved at least 0.2 away from 0, where relu and abs have their kink. */
const noKink = (shape: number[]): Tensor =>
  tensor(
    randn(shape, { generator: gen }).data.map((v) => (v >= 0 ? v + 0.2 : v - 0.2)),
    { shape },
  );
const positive = (shape: number[]): Tensor =>
  tensor(
    randn(shape, { generator: gen }).data.map((v) => Math.abs(v) + 0.3),
    { shape },
  );

const mapped = (x: Tensor, f: (v: number) => number): Tensor => tensor(x.data.map(f), { shape: x.shape });

const cases: Array<[string, (t: Tensor) => Tensor, (v: number) => number, (s: number[]) => Tensor]> = [
  ['neg', (t) => t.neg(), (v) => -v, noKink],
  ['exp', (t) => t.exp(), Math.exp, noKink],
  ['log', (t) => t.log(), Math.log, positive],
  ['relu', (t) => t.relu(), (v) => Math.max(v, 0), noKink],
  ['sigmoid', (t) => t.sigmoid(), (v) => 1 / (1 + Math.exp(-v)), noKink],
  ['tanh', (t) => t.tanh(), Math.tanh, noKink],
  ['abs', (t) => t.abs(), Math.abs, noKink],
  ['pow(2)', (t) => t.pow(2), (v) => v * v, noKink],
  ['pow(3)', (t) => t.pow(3), (v) => v ** 3, noKink],
  ['pow(-1)', (t) => t.pow(-1), (v) => 1 / v, noKink],
  ['pow(0.5)', (t) => t.pow(0.5), Math.sqrt, positive],
  ['pow(1.7)', (t) => t.pow(1.7), (v) => v ** 1.7, positive],
];

describe.each(cases)('%s', (_name, op, f, input) => {
  for (const shape of [[], [5], [2, 3, 2]]) {
    it(`matches Math per value and passes gradcheck shape=[${shape}]`, () => {
      const x = input(shape);
      const y = op(x);
      expect(y.shape).toEqual(shape);
      expectTensorClose(y, mapped(x, f));
      gradcheck(op, [x]);
    });
  }
});

describe('unary edge values as PyTorch', () => {
  it('relu and abs have gradient 0 at exactly 0', () => {
    const x = tensor([0, 0], { requiresGrad: true });
    x.relu().add(x.abs()).sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0]);
  });

  it('pow(0) is 1 with a zero gradient, also at 0', () => {
    const x = tensor([0, 2], { requiresGrad: true });
    const y = x.pow(0);
    expect(Array.from(y.data)).toEqual([1, 1]);
    y.sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0]);
  });

  it('log gives -Infinity at 0 and NaN below', () => {
    expect(Array.from(tensor([0, -1]).log().data)).toEqual([-Infinity, NaN]);
  });

  it('sigmoid and tanh saturate without NaN', () => {
    expect(Array.from(tensor([-200, 200]).sigmoid().data)).toEqual([0, 1]);
    expect(Array.from(tensor([-100, 100]).tanh().data)).toEqual([-1, 1]);
  });

  it('throws when the exponent of pow is not a number', () => {
    expect(() => tensor([1]).pow(tensor(2) as unknown as number)).toThrow(
      'pow: exponent must be a number, got object',
    );
  });
});
