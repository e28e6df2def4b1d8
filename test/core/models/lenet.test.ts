// d2l's LeNet (core/src/models/lenet.ts): its layers and state-dict keys, its initialisation, and one
// whole training step on a batch of 8 against PyTorch 1.13 (test/fixtures/torch/lenet_step.json, from
// make_nn_fixtures.py: the same weights, images and labels through d2l's net in float32).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { setSimdKernelsDisabled } from '../../../core/src/kernels/wasm/simdKernels.ts';
import { Generator, LeNet, nn, optim, tensor, type Tensor } from '../../../core/src/index.ts';

interface Packed {
  shape: number[];
  base64: string;
}
interface StepCase {
  id: string;
  activation: 'sigmoid' | 'relu';
  lr: number;
  images: Packed;
  labels: number[];
  stateDict: Record<string, Packed>;
  logits: { shape: number[]; data: number[] };
  loss: number;
  grads: Record<string, Packed>;
  after: Record<string, Packed>;
}

const cases = JSON.parse(
  readFileSync(new URL('../../fixtures/torch/lenet_step.json', import.meta.url), 'utf8'),
).cases as StepCase[];

const unpack = (p: Packed): Float32Array => {
  const bytes = Buffer.from(p.base64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};
const toState = (packed: Record<string, Packed>): nn.StateDict =>
  Object.fromEntries(
    Object.entries(packed).map(([k, p]) => [k, { shape: p.shape, data: Array.from(unpack(p)) }]),
  );

/** Every value within atol + rtol |want|, reporting the first that is not. */
function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
  atol: number,
  rtol: number,
) {
  expect(got.length, `${what} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= atol + rtol * Math.abs(want[i]))) {
      expect.fail(`${what}[${i}]: got ${got[i]}, PyTorch gives ${want[i]}`);
    }
  }
}

const KEYS = [
  '0.weight',
  '0.bias',
  '3.weight',
  '3.bias',
  '7.weight',
  '7.bias',
  '9.weight',
  '9.bias',
  '11.weight',
  '11.bias',
];

describe('LeNet', () => {
  it("has d2l's layers in d2l's order, and its state dict d2l's keys and shapes", () => {
    const net = new LeNet({ generator: new Generator().manualSeed(0) });
    expect(net.layers.map((l) => l.constructor.name)).toEqual([
      'Conv2d',
      'Sigmoid',
      'AvgPool2d',
      'Conv2d',
      'Sigmoid',
      'AvgPool2d',
      'Flatten',
      'Linear',
      'Sigmoid',
      'Linear',
      'Sigmoid',
      'Linear',
    ]);
    const state = net.stateDict();
    expect(Object.keys(state)).toEqual(KEYS);
    const sigmoid = cases.find((c) => c.activation === 'sigmoid')!;
    for (const key of KEYS) expect(state[key].shape, key).toEqual(sigmoid.stateDict[key].shape);
  });

  it('the relu variant swaps in ReLU and max pooling at the same indices', () => {
    const net = new LeNet({ activation: 'relu' });
    expect(net.layers.map((l) => l.constructor.name)).toEqual([
      'Conv2d',
      'ReLU',
      'MaxPool2d',
      'Conv2d',
      'ReLU',
      'MaxPool2d',
      'Flatten',
      'Linear',
      'ReLU',
      'Linear',
      'ReLU',
      'Linear',
    ]);
    expect(Object.keys(net.stateDict())).toEqual(KEYS);
  });

  it('maps a batch [N, 1, 28, 28] to logits [N, 10]', () => {
    const net = new LeNet();
    expect(net.forward(tensor(new Float32Array(3 * 784), { shape: [3, 1, 28, 28] })).shape).toEqual([3, 10]);
  });

  it("initialises as d2l's init_cnn: Xavier-uniform weights, PyTorch's default biases", () => {
    const net = new LeNet({ generator: new Generator().manualSeed(3) });
    const state = net.stateDict();
    for (const key of KEYS) {
      const shape = state[key].shape;
      const values = state[key].data;
      const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
      const bound = key.endsWith('weight')
        ? Math.sqrt(6 / (fanIn + shape[0] * shape.slice(2).reduce((a, b) => a * b, 1)))
        : 1 / Math.sqrt(state[key.replace('bias', 'weight')].shape.slice(1).reduce((a, b) => a * b, 1));
      const largest = Math.max(...values.map(Math.abs));
      expect(largest, key).toBeLessThanOrEqual(bound);
      // drawn across the whole range, not a narrower one (the largest of n uniform draws is near the bound)
      expect(largest, key).toBeGreaterThan(bound * (1 - 8 / values.length) - 1e-6);
    }
  });

  it('the same seed gives the same weights, another seed others', () => {
    const a = new LeNet({ generator: new Generator().manualSeed(7) }).stateDict();
    const b = new LeNet({ generator: new Generator().manualSeed(7) }).stateDict();
    const c = new LeNet({ generator: new Generator().manualSeed(8) }).stateDict();
    expect(b).toEqual(a);
    expect(c['0.weight'].data).not.toEqual(a['0.weight'].data);
  });

  it('throws when the activation is neither sigmoid nor relu', () => {
    expect(() => new LeNet({ activation: 'tanh' as 'relu' })).toThrow(
      `LeNet: activation must be 'sigmoid' or 'relu', got "tanh"`,
    );
  });
});

afterAll(() => setSimdKernelsDisabled(false));

// With the WebAssembly kernels, and with the JavaScript loops used where WebAssembly cannot run.
describe.each([
  ['WebAssembly kernels', false],
  ['WebAssembly disabled', true],
])('one LeNet training step against PyTorch 1.13 (%s)', (_how, disabled) => {
  for (const c of cases) {
    it(`${c.id}: logits, loss, every gradient, the weights after SGD`, () => {
      setSimdKernelsDisabled(disabled);
      const net = new LeNet({ activation: c.activation });
      net.loadStateDict(toState(c.stateDict));
      const images = tensor(unpack(c.images), { shape: c.images.shape });
      const optimizer = new optim.SGD(net.parameters(), { lr: c.lr });
      const logits: Tensor = net.forward(images);
      expect(logits.shape).toEqual(c.logits.shape);
      expectClose(logits.data, c.logits.data, 'logits', 1e-5, 1e-4);
      const loss = nn.crossEntropy(logits, Int32Array.from(c.labels));
      expect(Math.abs(loss.item() - c.loss)).toBeLessThan(1e-5 + 1e-5 * c.loss);
      optimizer.zeroGrad();
      loss.backward();
      const params = new Map(net.namedParameters());
      for (const key of KEYS) {
        expectClose(params.get(key)!.grad!.data, unpack(c.grads[key]), `grad ${key}`, 1e-6, 1e-3);
      }
      optimizer.step();
      const after = net.stateDict();
      for (const key of KEYS) expectClose(after[key].data, unpack(c.after[key]), `after ${key}`, 1e-6, 1e-4);
      setSimdKernelsDisabled(false);
    });
  }
});
