// Behaviour and refusals of the layers, loss and init LeNet adds (the numbers are checked against
// PyTorch in torchReference.test.ts and by finite differences in gradcheck.test.ts).
import { describe, expect, it } from 'vitest';
import { Generator, linear, nn, softmax, tensor, zeros } from '../../../core/src/index.ts';

describe('nn.Linear', () => {
  it('has weight [out, in] and bias [out] uniform in ±1/sqrt(in), as PyTorch', () => {
    const layer = new nn.Linear(400, 120, { generator: new Generator().manualSeed(1) });
    expect(layer.weight.shape).toEqual([120, 400]);
    expect(layer.bias!.shape).toEqual([120]);
    const bound = 1 / Math.sqrt(400);
    const largest = Math.max(...Array.from(layer.weight.data, Math.abs));
    expect(largest).toBeLessThanOrEqual(bound);
    expect(largest).toBeGreaterThan(bound * 0.99);
    expect(Math.max(...Array.from(layer.bias!.data, Math.abs))).toBeLessThanOrEqual(bound);
  });

  it('bias false: no bias parameter, y = x Wᵀ', () => {
    const layer = new nn.Linear(2, 1, { bias: false });
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight']);
    layer.loadStateDict({ weight: { shape: [1, 2], data: [3, -1] } });
    expect(Array.from(layer.forward(tensor([[1, 2]])).data)).toEqual([1]);
  });

  it('throws when the features are not positive integers', () => {
    expect(() => new nn.Linear(0, 3)).toThrow('Linear: inFeatures must be a positive integer, got 0');
    expect(() => new nn.Linear(3, 2.5)).toThrow('Linear: outFeatures must be a positive integer, got 2.5');
  });

  it('throws when the input does not end in inFeatures', () => {
    expect(() => new nn.Linear(4, 2).forward(zeros([3, 5]))).toThrow(
      'linear: input has shape [3, 5] but weight expects 4 features in the last dimension',
    );
  });

  it('throws when the bias does not match the weight', () => {
    expect(() => linear(zeros([1, 2]), zeros([3, 2]), zeros([2]))).toThrow(
      'linear: bias must have shape [3], got [2]',
    );
  });
});

describe('nn.Flatten', () => {
  it('keeps the batch dimension by default', () => {
    expect(new nn.Flatten().forward(zeros([8, 16, 5, 5])).shape).toEqual([8, 400]);
  });
  it('throws when startDim comes after endDim', () => {
    expect(() => new nn.Flatten(2, 1).forward(zeros([2, 3, 4]))).toThrow(
      'flatten: startDim 2 comes after endDim 1 for a 3-d tensor',
    );
  });
});

describe('softmax', () => {
  it('stays finite for logits of ±10,000', () => {
    expect(Array.from(softmax(tensor([[10000, 0, -10000]]), 1).data)).toEqual([1, 0, 0]);
  });
  it('throws when the dimension is out of range', () => {
    expect(() => softmax(zeros([2, 3]), 2)).toThrow('softmax: dimension 2 out of range for a 2-d tensor');
  });
});

describe('nn.crossEntropy', () => {
  it('stays finite for logits of ±10,000 (the loss of a confident mistake is their gap)', () => {
    const loss = nn.crossEntropy(tensor([[10000, -10000]], { requiresGrad: true }), [1]);
    expect(loss.item()).toBe(20000);
  });
  it('takes class indices as a float tensor, an Int32Array, a Uint8Array or an array alike', () => {
    const logits = tensor([
      [1, 2, 3],
      [0, 0, 5],
    ]);
    const want = nn.crossEntropy(logits, [2, 0]).item();
    expect(nn.crossEntropy(logits, tensor([2, 0])).item()).toBe(want);
    expect(nn.crossEntropy(logits, Int32Array.from([2, 0])).item()).toBe(want);
    expect(nn.crossEntropy(logits, Uint8Array.from([2, 0])).item()).toBe(want);
  });
  it('throws when a target is not a class index', () => {
    const logits = zeros([2, 3]);
    expect(() => nn.crossEntropy(logits, [0, 3])).toThrow(
      'crossEntropy: target[1] is 3, not a class index in [0, 2]',
    );
    expect(() => nn.crossEntropy(logits, tensor([0.5, 1]))).toThrow(
      'crossEntropy: target[0] is 0.5, not a class index in [0, 2]',
    );
  });
  it('throws when the target does not have one index per row', () => {
    expect(() => nn.crossEntropy(zeros([2, 3]), [0])).toThrow(
      'crossEntropy: target has 1 class indices but the logits have 2 rows',
    );
    expect(() => nn.crossEntropy(zeros([2, 3]), zeros([2, 1]))).toThrow(
      'crossEntropy: target must be 1-D (one class index per row), got shape [2, 1]',
    );
  });
  it('throws when the logits are not [batch, classes]', () => {
    expect(() => nn.crossEntropy(zeros([3]), [0])).toThrow(
      'crossEntropy: logits must be 2-D (batch, classes), got shape [3]',
    );
  });
  it('CrossEntropyLoss refuses an unknown reduction', () => {
    expect(() => new nn.CrossEntropyLoss({ reduction: 'max' as 'sum' })).toThrow(
      `CrossEntropyLoss: reduction must be 'mean', 'sum' or 'none', got "max"`,
    );
  });
});

describe('nn.init.xavierUniform', () => {
  it('fills a conv weight in ±sqrt(6 / (fanIn + fanOut)) with fans of channels x receptive field', () => {
    const w = zeros([16, 6, 5, 5]);
    expect(nn.init.xavierUniform(w, new Generator().manualSeed(2))).toBe(w);
    const bound = Math.sqrt(6 / (6 * 25 + 16 * 25));
    const largest = Math.max(...Array.from(w.data, Math.abs));
    expect(largest).toBeLessThanOrEqual(bound);
    expect(largest).toBeGreaterThan(bound * 0.99);
    const mean = w.data.reduce((a, b) => a + b, 0) / w.data.length;
    expect(Math.abs(mean)).toBeLessThan(bound / 20);
  });
  it('draws from the generator it is given', () => {
    const a = nn.init.xavierUniform(zeros([3, 4]), new Generator().manualSeed(9));
    const b = nn.init.xavierUniform(zeros([3, 4]), new Generator().manualSeed(9));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });
  it('throws when the tensor has fewer than 2 dimensions', () => {
    expect(() => nn.init.xavierUniform(zeros([5]))).toThrow(
      'xavierUniform: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions, got shape [5]',
    );
  });
});
