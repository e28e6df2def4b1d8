import { describe, expect, it } from 'vitest';
import { Generator, nn, tensor, type Tensor } from '../../../core/src/index.ts';

const gen = (): Generator => new Generator().manualSeed(1);

/** A two-layer stack with named children: 0.weight, 0.bias, 1.weight. */
const model = (): nn.Sequential =>
  new nn.Sequential(
    new nn.Conv2d(1, 2, 3, { padding: 1, generator: gen() }),
    new nn.Conv2d(2, 1, 1, { bias: false, generator: gen() }),
  );

describe('Module', () => {
  it('namedParameters lists own then children parameters with dotted names', () => {
    const m = model();
    expect(m.namedParameters().map(([n, t]) => [n, t.shape])).toEqual([
      ['0.weight', [2, 1, 3, 3]],
      ['0.bias', [2]],
      ['1.weight', [1, 2, 1, 1]],
    ]);
    expect(m.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
  });

  it('Sequential applies its layers in order', () => {
    const m = model();
    const x = tensor(
      Float32Array.from({ length: 16 }, (_, i) => i),
      { shape: [1, 1, 4, 4] },
    );
    const [first, second] = m.layers;
    expect(Array.from(m.forward(x).data)).toEqual(Array.from(second.forward(first.forward(x)).data));
  });

  it('zeroGrad clears every gradient to null', () => {
    const m = model();
    m.forward(tensor(new Float32Array(16), { shape: [1, 1, 4, 4] }))
      .sum()
      .backward();
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('stateDict is plain JSON that loadStateDict restores into another module', () => {
    const a = model();
    const state = JSON.parse(JSON.stringify(a.stateDict()));
    expect(state['0.bias']).toEqual({ shape: [2], data: Array.from(a.parameters()[1].data) });
    const b = new nn.Sequential(
      new nn.Conv2d(1, 2, 3, { padding: 1, generator: new Generator().manualSeed(99) }),
      new nn.Conv2d(2, 1, 1, { bias: false, generator: new Generator().manualSeed(99) }),
    );
    const before = b.parameters();
    b.loadStateDict(state);
    expect(b.parameters()).toEqual(before); // same tensors, values copied in place
    b.parameters().forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(a.parameters()[i].data)));
  });

  it('throws when the state is not an object, and changes nothing when any entry is wrong', () => {
    const m = model();
    expect(() => m.loadStateDict(null)).toThrow(
      'loadStateDict: the state must be an object of named parameters, got null',
    );
    expect(() => m.loadStateDict([])).toThrow(
      'loadStateDict: the state must be an object of named parameters, got an array',
    );
    const state = m.stateDict();
    const original = Array.from(m.parameters()[0].data);
    const changed: nn.StateDict = {
      ...state,
      '0.weight': { ...state['0.weight'], data: state['0.weight'].data.map(() => 5) },
    };
    changed['1.weight'] = { shape: [1, 2, 1, 2], data: [1, 2, 3, 4] };
    expect(() => m.loadStateDict(changed)).toThrow(
      'loadStateDict: 1.weight has shape [1, 2, 1, 2] in the state but [1, 2, 1, 1] in the module',
    );
    expect(Array.from(m.parameters()[0].data)).toEqual(original);
  });

  it('throws when names are missing or unexpected', () => {
    const m = model();
    const { ['0.bias']: _dropped, ...state } = m.stateDict();
    expect(() => m.loadStateDict(state)).toThrow('loadStateDict: missing 0.bias');
    expect(() => m.loadStateDict({ ...m.stateDict(), extra: { shape: [1], data: [1] } })).toThrow(
      'loadStateDict: unexpected extra',
    );
    expect(() => m.loadStateDict({ ...state, extra: { shape: [1], data: [1] } })).toThrow(
      'loadStateDict: missing 0.bias; unexpected extra',
    );
  });

  it('throws when an entry is malformed or holds the wrong number of values', () => {
    const m = model();
    expect(() => m.loadStateDict({ ...m.stateDict(), '0.bias': [1, 2] })).toThrow(
      'loadStateDict: 0.bias must be { shape: number[], data: number[] }, got an array',
    );
    expect(() => m.loadStateDict({ ...m.stateDict(), '0.bias': { shape: [2], data: [1] } })).toThrow(
      'loadStateDict: 0.bias must hold 2 numbers for shape [2], got 1 values',
    );
    expect(() => m.loadStateDict({ ...m.stateDict(), '0.bias': { shape: [2], data: [1, 'x'] } })).toThrow(
      'loadStateDict: 0.bias must hold 2 numbers for shape [2], got 2 values',
    );
  });

  it('throws when a Sequential layer is not a Module', () => {
    expect(() => new nn.Sequential({} as nn.Module)).toThrow('Sequential: layer 0 is not a Module');
  });
});

describe('a subclass of Module', () => {
  class Affine extends nn.Module {
    constructor() {
      super();
      this.registerParameter('scale', tensor([2]));
    }
    forward(x: Tensor): Tensor {
      return x.mul(this.parameter('scale'));
    }
  }

  it('registers parameters that require grad and trains them', () => {
    const m = new Affine();
    expect(m.parameters()[0].requiresGrad).toBe(true);
    m.forward(tensor([3]))
      .sum()
      .backward();
    expect(m.parameters()[0].grad!.item()).toBe(3);
  });
});
