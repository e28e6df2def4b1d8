// The LeNet model file: round trips, every refusal (one line naming the field), and a file written by
// PyTorch 1.13 from d2l's LeNet (test/fixtures/torch/make_lenet_fixtures.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LENET_PARAMETER_NAMES,
  LENET_PARAMETER_SHAPES,
  lenetModelFile,
  lenetStateDict,
  parseLenetModel,
  serializeLenetModel,
  type TrainedLenet,
} from '../../../core/src/formats/lenetModel.ts';
import { FormatError } from '../../../core/src/formats/json.ts';
import { LIMITS } from '../../../core/src/limits.ts';

const APP = { name: 'ConvLab', version: '0.1.0' };

/** Values that need up to nine float32 digits, tiny and large magnitudes, and zero. */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = ((state / 2 ** 32 - 0.5) * 2) ** 3 * 10 ** ((i % 7) - 3);
  }
  out[1] = 0;
  return out;
}

function trained(overrides: Partial<TrainedLenet> = {}): TrainedLenet {
  return {
    activation: 'sigmoid',
    stateDict: Object.fromEntries(
      LENET_PARAMETER_NAMES.map((name, i) => {
        const shape: readonly number[] = LENET_PARAMETER_SHAPES[name];
        const count = shape.reduce((a, b) => a * b, 1);
        return [name, { shape, data: values(count, i + 1) }];
      }),
    ),
    training: {
      epochs: 3,
      lr: 0.9,
      batchSize: 256,
      seed: 0,
      trainSize: 10000,
      history: [
        { epoch: 1, loss: 2.31, trainAcc: 0.1, testAcc: 0.1 },
        { epoch: 2, loss: 1.2, trainAcc: 0.52, testAcc: 0.61 },
      ],
    },
    app: APP,
    ...overrides,
  };
}

/** A valid document as plain JSON, for tests that break one field. */
function document(): Record<string, unknown> {
  return JSON.parse(serializeLenetModel(lenetModelFile(trained()))) as Record<string, unknown>;
}

function stateDictOf(doc: Record<string, unknown>): Record<string, { shape: number[]; data: unknown[] }> {
  return doc.stateDict as Record<string, { shape: number[]; data: unknown[] }>;
}

function refusal(doc: unknown): string {
  try {
    parseLenetModel(typeof doc === 'string' ? doc : JSON.stringify(doc));
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return (error as Error).message;
  }
  throw new Error('the model file was accepted');
}

describe('lenet model file: round trip', () => {
  it('reads back exactly what was written: every float32, the activation and the training', () => {
    const original = trained({ activation: 'relu' });
    const text = serializeLenetModel(lenetModelFile(original));
    const read = parseLenetModel(text);
    expect(read.activation).toBe('relu');
    expect(read.training).toEqual(original.training);
    for (const name of LENET_PARAMETER_NAMES) {
      const written = original.stateDict[name];
      expect(read.stateDict[name].shape).toEqual([...written.shape]);
      // Object.is equality per value: bit-exact.
      expect(Float32Array.from(read.stateDict[name].data)).toEqual(Float32Array.from(written.data));
    }
    expect(serializeLenetModel(read)).toBe(text);
  });

  it('writes each value as its shortest float32 decimal, arrays on one line', () => {
    const text = serializeLenetModel(lenetModelFile(trained()));
    expect(text).toMatch(/"shape": \[6, 1, 5, 5\]/);
    const digits = (token: string) =>
      token
        .replace(/^-|e.*$/g, '')
        .replace('.', '')
        .replace(/^0+/, '');
    const numbers = text.match(/-?[\d.]+(?:e[-+]?\d+)?/g) ?? [];
    expect(Math.max(...numbers.map((n) => digits(n).length))).toBeLessThanOrEqual(9);
    expect(text.length).toBeLessThan(LIMITS.fileBytes.max);
  });

  it('leaves training out when the model was not trained', () => {
    const file = lenetModelFile(trained({ training: undefined }));
    const text = serializeLenetModel(file);
    expect(JSON.parse(text)).not.toHaveProperty('training');
    expect(parseLenetModel(text).training).toBeUndefined();
  });

  it('gives the parameters in the form Module.loadStateDict takes', () => {
    const state = lenetStateDict(parseLenetModel(serializeLenetModel(lenetModelFile(trained()))));
    expect(Object.keys(state)).toEqual(LENET_PARAMETER_NAMES);
    expect(state['7.weight'].shape).toEqual([120, 400]);
    expect(state['7.weight'].data).toHaveLength(48000);
  });

  it('refuses to write a state dict of the wrong shape', () => {
    const bad = trained();
    bad.stateDict = { ...bad.stateDict, '0.bias': { shape: [5], data: new Float32Array(5) } };
    expect(() => lenetModelFile(bad)).toThrow(
      new FormatError('lenet model: stateDict["0.bias"].shape[0] must be 6, got 5'),
    );
  });
});

describe('lenet model file: refusals', () => {
  it('throws for a wrong shape, naming the dimension', () => {
    const doc = document();
    stateDictOf(doc)['3.weight'].shape = [16, 6, 3, 3];
    expect(refusal(doc)).toBe('lenet model: stateDict["3.weight"].shape[2] must be 5, got 3');
  });

  it('throws for a shape with a dimension too many', () => {
    const doc = document();
    stateDictOf(doc)['0.bias'].shape = [6, 1];
    expect(refusal(doc)).toMatch(/^lenet model: stateDict\["0\.bias"\]\.shape /);
  });

  it('throws for data that does not fill the shape', () => {
    const doc = document();
    stateDictOf(doc)['9.bias'].data.pop();
    expect(refusal(doc)).toBe(
      'lenet model: stateDict["9.bias"].data must hold 84 values (84) in row-major order, got an array of 83',
    );
  });

  it('throws for a missing parameter', () => {
    const doc = document();
    delete stateDictOf(doc)['11.weight'];
    expect(refusal(doc)).toBe('lenet model: stateDict["11.weight"] must be an object, got nothing');
  });

  it('throws for an unknown parameter and an unknown field', () => {
    const doc = document();
    stateDictOf(doc)['1.weight'] = { shape: [1], data: [0] };
    expect(refusal(doc)).toBe('lenet model: stateDict has unknown field "1.weight"');
    expect(refusal({ ...document(), optimizer: 'sgd' })).toBe(
      'lenet model: (the document) has unknown field optimizer',
    );
  });

  it('throws for a non-finite number, written as 1e999, "NaN" or null', () => {
    const doc = document();
    const text = JSON.stringify(doc).replace(/("0\.weight":\{"shape":\[6,1,5,5\],"data":\[)[^,]+/, '$11e999');
    expect(refusal(text)).toBe(
      'lenet model: stateDict["0.weight"].data[0] must be a finite number, got Infinity',
    );
    stateDictOf(doc)['0.weight'].data[3] = 'NaN';
    expect(refusal(doc)).toBe(
      'lenet model: stateDict["0.weight"].data[3] must be a finite number, got "NaN"',
    );
    stateDictOf(doc)['0.weight'].data[3] = null;
    expect(refusal(doc)).toBe('lenet model: stateDict["0.weight"].data[3] must be a finite number, got null');
  });

  it('throws for a number that float32 cannot hold', () => {
    const doc = document();
    stateDictOf(doc)['3.bias'].data[2] = -1e39;
    expect(refusal(doc)).toBe(
      'lenet model: stateDict["3.bias"].data[2] must be within the float32 range (±3.4e38), got -1e+39',
    );
  });

  it('throws for another format, version or activation', () => {
    expect(refusal({ ...document(), format: 'convlab-weights' })).toBe(
      'lenet model: format must be "convlab-lenet", got "convlab-weights"',
    );
    expect(refusal({ ...document(), version: 2 })).toBe('lenet model: version must be 1, got 2');
    expect(refusal({ ...document(), activation: 'tanh' })).toBe(
      'lenet model: activation must be "sigmoid" or "relu", got "tanh"',
    );
  });

  it('throws for a training history out of order or longer than the epochs', () => {
    const doc = document();
    const training = doc.training as { epochs: number; history: Array<{ epoch: number }> };
    training.history[1].epoch = 3;
    expect(refusal(doc)).toBe('lenet model: training.history[1].epoch must be 2, got 3');
    training.history[1].epoch = 2;
    training.epochs = 1;
    expect(refusal(doc)).toBe('lenet model: training.history has 2 epochs but training.epochs is 1');
  });

  it('throws for an accuracy outside [0, 1] and a learning rate that is not positive', () => {
    const doc = document();
    const training = doc.training as { lr: number; history: Array<{ testAcc: number }> };
    training.history[0].testAcc = 1.5;
    expect(refusal(doc)).toMatch(/^lenet model: training\.history\[0\]\.testAcc .*, got 1\.5$/);
    training.history[0].testAcc = 0.5;
    training.lr = 0;
    expect(refusal(doc)).toBe('lenet model: training.lr must be a positive number, got 0');
  });

  it('throws for epochs over the limit of LIMITS.epochs', () => {
    const doc = document();
    (doc.training as { epochs: number }).epochs = LIMITS.epochs.max + 1;
    expect(refusal(doc)).toBe('lenet model: training.epochs is 1,000,001, over the limit of 1,000,000');
  });

  it('throws for text that is not JSON, and for a file over the size cap', () => {
    expect(refusal('{"format": ')).toMatch(/^lenet model: not valid JSON \(/);
    expect(refusal(' '.repeat(LIMITS.fileBytes.max + 1))).toMatch(
      /^lenet model: the file's size in bytes is [\d,]+, over the limit of/,
    );
  });
});

describe('lenet model file: written by PyTorch', () => {
  const text = readFileSync(new URL('../../fixtures/torch/lenet_model_torch.json', import.meta.url), 'utf8');

  it("reads the state dict of d2l's PyTorch LeNet, every value as its float32", () => {
    const raw = JSON.parse(text) as { stateDict: Record<string, { shape: number[]; data: number[] }> };
    const file = parseLenetModel(text);
    expect(file.app.name).toBe('PyTorch');
    expect(file.activation).toBe('sigmoid');
    expect(Object.keys(raw.stateDict)).toEqual(LENET_PARAMETER_NAMES);
    for (const name of LENET_PARAMETER_NAMES) {
      expect(file.stateDict[name].shape).toEqual(raw.stateDict[name].shape);
      expect(file.stateDict[name].data).toEqual(raw.stateDict[name].data.map(Math.fround));
    }
    expect(file.training?.history.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('writes the PyTorch file back with the same values', () => {
    const file = parseLenetModel(text);
    const again = parseLenetModel(serializeLenetModel(file));
    expect(again).toEqual(file);
  });
});
