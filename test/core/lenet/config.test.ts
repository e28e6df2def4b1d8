import { describe, expect, it } from 'vitest';
import { LENET_DEFAULTS, LenetConfigError, lenetRunConfig } from '../../../core/src/lenet/config.ts';
import { LIMITS } from '../../../core/src/limits.ts';

describe('lenetRunConfig', () => {
  it("fills in d2l's settings (lr 0.9, batch 256, 10 epochs, sigmoid, every image) for missing fields", () => {
    expect(lenetRunConfig({})).toEqual({
      epochs: 10,
      lr: 0.9,
      batchSize: 256,
      seed: 0,
      activation: 'sigmoid',
      trainSize: null,
    });
    expect(lenetRunConfig({ trainSize: undefined }).trainSize).toBeNull();
    expect(lenetRunConfig({ activation: 'relu', lr: 0.1 })).toEqual({
      ...LENET_DEFAULTS,
      activation: 'relu',
      lr: 0.1,
    });
  });

  it('accepts each limit exactly', () => {
    const config = lenetRunConfig({
      epochs: LIMITS.lenetEpochs.max,
      batchSize: LIMITS.lenetBatchSize.max,
      trainSize: LIMITS.lenetTrainSize.max,
    });
    expect(config.epochs).toBe(LIMITS.lenetEpochs.max);
  });

  it.each([
    [
      { epochs: LIMITS.lenetEpochs.max + 1 },
      `epochs is ${(LIMITS.lenetEpochs.max + 1).toLocaleString('en-US')}, over the limit of ${LIMITS.lenetEpochs.max.toLocaleString('en-US')}`,
    ],
    [
      { batchSize: LIMITS.lenetBatchSize.max + 1 },
      `batchSize is ${(LIMITS.lenetBatchSize.max + 1).toLocaleString('en-US')}, over the limit`,
    ],
    [{ trainSize: LIMITS.lenetTrainSize.max + 1 }, 'trainSize is 60,001, over the limit of 60,000'],
    [{ epochs: 0 }, 'epochs must be at least 1, got 0'],
    [{ epochs: 2.5 }, 'epochs must be a whole number, got 2.5'],
    [{ lr: -1 }, 'lr must be a positive number, got -1'],
    [{ lr: Number.NaN }, 'lr must be a number, got NaN'],
    [{ epochs: '3' }, 'epochs must be a number, got "3"'],
    [{ batchSize: 0 }, 'batchSize must be at least 1, got 0'],
    [{ seed: -1 }, 'seed must be at least 0, got -1'],
    [{ activation: 'tanh' }, 'activation must be one of sigmoid, relu, got "tanh"'],
    [{ trainSize: 0 }, 'trainSize must be at least 1, got 0'],
    [{ momentum: 0.9 }, 'unknown settings momentum'],
  ])('throws when given %j', (input, message) => {
    expect(() => lenetRunConfig(input)).toThrow(LenetConfigError);
    expect(() => lenetRunConfig(input)).toThrow(message);
  });

  it('names fields as the caller spells them (the CLI: --batch-size)', () => {
    expect(() =>
      lenetRunConfig({ batchSize: 5000 }, (field) => (field === 'batchSize' ? '--batch-size' : field)),
    ).toThrow('lenet config: --batch-size is 5,000, over the limit of 1,024');
  });

  it('throws when the settings are not an object', () => {
    expect(() => lenetRunConfig(null)).toThrow('lenet config: must be an object of settings');
  });
});
