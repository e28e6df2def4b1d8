import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conv2d, Generator, nn, randn, tensor, type Tensor } from '../../../core/src/index.ts';
import { expectTensorClose } from '../ops/naive.ts';

interface Json {
  shape: number[];
  data: number[];
}
interface PaddingModeCase {
  id: string;
  padding_mode: nn.PaddingMode;
  padding: number | [number, number] | 'same';
  kernel_size: number | [number, number];
  stride: number | [number, number];
  dilation: number | [number, number];
  input: Json;
  weight: Json;
  bias: Json;
  output: Json;
}
const leaf = (j: Json): Tensor => tensor(Float32Array.from(j.data), { shape: j.shape });
const gen = (seed = 1): Generator => new Generator().manualSeed(seed);

describe('Conv2d', () => {
  it('creates weight [out, in / groups, kH, kW] and bias [out] within ±1/sqrt(fanIn), as PyTorch', () => {
    const m = new nn.Conv2d(4, 6, [3, 2], { groups: 2, generator: gen() });
    expect(m.weight.shape).toEqual([6, 2, 3, 2]);
    expect(m.bias!.shape).toEqual([6]);
    const bound = 1 / Math.sqrt(2 * 3 * 2);
    const w = Array.from(m.weight.data);
    expect(w.every((v) => Math.abs(v) <= bound)).toBe(true);
    // 72 uniform draws spread over the interval: both ends are approached.
    expect(Math.max(...w)).toBeGreaterThan(0.8 * bound);
    expect(Math.min(...w)).toBeLessThan(-0.8 * bound);
    expect(Array.from(m.bias!.data).every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(m.inChannels).toBe(4);
  });

  it('the same generator seed gives the same initial weights', () => {
    const a = new nn.Conv2d(1, 2, 3, { generator: gen(5) });
    const b = new nn.Conv2d(1, 2, 3, { generator: gen(5) });
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data));
  });

  it('bias false leaves only the weight', () => {
    const m = new nn.Conv2d(1, 1, [1, 2], { bias: false });
    expect(m.bias).toBeNull();
    expect(m.namedParameters().map(([n]) => n)).toEqual(['weight']);
  });

  it('forward is conv2d with its weight, bias and options', () => {
    const m = new nn.Conv2d(2, 3, 3, { stride: 2, padding: 1, dilation: 1, generator: gen() });
    const x = randn([2, 2, 7, 6], { generator: gen(2) });
    const want = conv2d(x, m.weight, m.bias, { stride: 2, padding: 1 });
    expectTensorClose(m.forward(x), want);
  });

  const cases = JSON.parse(
    readFileSync(new URL('../../fixtures/torch/conv_padding_modes.json', import.meta.url), 'utf8'),
  ).cases as PaddingModeCase[];
  for (const c of cases) {
    it(`matches torch.nn.Conv2d ${c.id}`, () => {
      const m = new nn.Conv2d(c.weight.shape[1], c.weight.shape[0], c.kernel_size, {
        padding: c.padding,
        stride: c.stride,
        dilation: c.dilation,
        paddingMode: c.padding_mode,
      });
      m.loadStateDict({ weight: c.weight, bias: c.bias });
      expectTensorClose(m.forward(leaf(c.input)), leaf(c.output), 1e-4);
    });
  }

  it('throws when channels, kernel, stride, padding, groups or paddingMode are invalid', () => {
    expect(() => new nn.Conv2d(0, 1, 3)).toThrow('Conv2d: inChannels must be a positive integer, got 0');
    expect(() => new nn.Conv2d(1, 1.5, 3)).toThrow('Conv2d: outChannels must be a positive integer, got 1.5');
    expect(() => new nn.Conv2d(1, 1, 0)).toThrow('Conv2d: kernel size must be a positive integer, got 0');
    expect(() => new nn.Conv2d(1, 1, 3, { stride: [1, 0] })).toThrow(
      'Conv2d: stride must be a positive integer, got [1, 0]',
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padding: -1 })).toThrow(
      'Conv2d: padding must be a non-negative integer, got -1',
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padding: 'same', stride: 2 })).toThrow(
      "Conv2d: padding 'same' is not supported for strided convolutions (stride [2, 2])",
    );
    expect(() => new nn.Conv2d(3, 2, 3, { groups: 2 })).toThrow(
      'Conv2d: inChannels 3 is not divisible by groups 2',
    );
    expect(() => new nn.Conv2d(2, 3, 3, { groups: 2 })).toThrow(
      'Conv2d: outChannels 3 is not divisible by groups 2',
    );
    expect(() => new nn.Conv2d(2, 2, 3, { groups: 0 })).toThrow(
      'Conv2d: groups must be a positive integer, got 0',
    );
    expect(() => new nn.Conv2d(1, 1, 3, { paddingMode: 'mirror' as nn.PaddingMode })).toThrow(
      `Conv2d: paddingMode must be 'zeros', 'reflect', 'replicate' or 'circular', got "mirror"`,
    );
    expect(() => new nn.Conv2d(1, 1, 3, { bias: 1 as unknown as boolean })).toThrow(
      'Conv2d: bias must be true or false, got 1',
    );
    expect(() => new nn.Conv2d(1, 1, 3, { generator: {} as Generator })).toThrow(
      'Conv2d: generator must be a Generator',
    );
  });
});

describe('LazyConv2d', () => {
  it('infers inChannels from the first input, as the notebook nn.LazyConv2d(1, kernel_size=(1, 2), bias=False)', () => {
    const m = new nn.LazyConv2d(1, [1, 2], { bias: false, generator: gen() });
    expect(m.inChannels).toBeNull();
    const y = m.forward(randn([1, 3, 6, 8], { generator: gen(3) }));
    expect(m.inChannels).toBe(3);
    expect(m.weight.shape).toEqual([1, 3, 1, 2]);
    expect(y.shape).toEqual([1, 1, 6, 7]);
    const bound = 1 / Math.sqrt(3 * 2);
    expect(Array.from(m.weight.data).every((v) => Math.abs(v) <= bound)).toBe(true);
  });

  it('keeps its parameters after the first call and accepts unbatched CHW input', () => {
    const m = new nn.LazyConv2d(2, 3, { padding: 1 });
    m.forward(randn([1, 4, 4]));
    const w = m.weight;
    m.forward(randn([1, 4, 4]));
    expect(m.weight).toBe(w);
    expect(m.parameters()).toHaveLength(2);
  });

  it('a state dict creates its parameters from the weight shape', () => {
    const src = new nn.Conv2d(2, 1, [1, 2], { generator: gen(4) });
    const m = new nn.LazyConv2d(1, [1, 2]);
    m.loadStateDict(src.stateDict());
    expect(m.inChannels).toBe(2);
    expect(Array.from(m.weight.data)).toEqual(Array.from(src.weight.data));
  });

  it('throws when parameters are asked for before the first forward call', () => {
    const m = new nn.LazyConv2d(1, [1, 2]);
    expect(() => m.parameters()).toThrow(
      'LazyConv2d: weight does not exist before the first forward call (its shape is inferred from the input)',
    );
    expect(() => m.weight).toThrow('LazyConv2d: weight does not exist before the first forward call');
  });

  it('throws when the first input is neither 3-D nor 4-D, or its channels do not fit groups', () => {
    expect(() => new nn.LazyConv2d(1, 2).forward(randn([6, 8]))).toThrow(
      'LazyConv2d: input must be 3-D (channels, height, width) or 4-D (batch, channels, height, width), got shape [6, 8]',
    );
    expect(() => new nn.LazyConv2d(2, 2, { groups: 2 }).forward(randn([1, 3, 4, 4]))).toThrow(
      'LazyConv2d: inChannels 3 is not divisible by groups 2',
    );
  });
});
