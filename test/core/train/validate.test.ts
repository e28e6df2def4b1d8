import { describe, expect, it } from 'vitest';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { ExperimentError, validateExperiment } from '../../../core/src/train/validate.ts';

type Edit = (e: Experiment) => unknown;

function expectRejected(edit: Edit, message: string | RegExp): void {
  const experiment = notebookExperiment();
  const changed = edit(experiment) ?? experiment;
  let error: unknown;
  try {
    validateExperiment(changed);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ExperimentError);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}

describe('validateExperiment', () => {
  it('accepts the notebook experiment and returns an equal copy', () => {
    const experiment = notebookExperiment();
    const validated = validateExperiment(experiment);
    expect(validated).toEqual(experiment);
    expect(validated).not.toBe(experiment);
  });

  it('throws when a field has the wrong type (names the field and the value)', () => {
    expectRejected(
      (e) => ({ ...e, optimizer: { kind: 'sgd', lr: 'fast' } }),
      'experiment: optimizer.lr must be a finite number, got "fast"',
    );
  });
  it('throws when the learning rate is not positive', () => {
    expectRejected(
      (e) => ({ ...e, optimizer: { kind: 'sgd', lr: 0 } }),
      'experiment: optimizer.lr must be a positive number, got 0',
    );
  });
  it('throws when an input value is not finite', () => {
    expectRejected(
      (e) => void (e.input.data[3] = Number.NaN),
      /^experiment: input\.data\[3\] must be a finite number, got NaN$/,
    );
  });
  it('throws when the stride is 0', () => {
    expectRejected((e) => void (e.layer.stride = [0, 1]), /^experiment: layer\.stride\[0\] .*got 0$/);
  });
  it('throws when the epochs are negative', () => {
    expectRejected((e) => ({ ...e, epochs: -1 }), /^experiment: epochs .*got -1$/);
  });
  it('throws when the padding mode is unknown', () => {
    expectRejected(
      (e) => ({ ...e, layer: { ...e.layer, paddingMode: 'mirror' } }),
      /^experiment: layer\.paddingMode must be "zeros" or "reflect" or "replicate" or "circular", got "mirror"$/,
    );
  });
  it('throws when the input data does not fill channels x height x width', () => {
    expectRejected(
      (e) => void e.input.data.pop(),
      'experiment: input.data has 47 values but channels x height x width = 48',
    );
  });
  it('throws when the input is larger than the limit', () => {
    expectRejected(
      (e) => ({ ...e, input: { channels: 1, height: 4096, width: 4096, data: [] } }),
      /^experiment: input has 16777216 values, more than the limit of 4194304$/,
    );
  });
  it('throws when the layer expects a different number of input channels', () => {
    expectRejected(
      (e) => void (e.layer.inChannels = 3),
      'experiment: layer.inChannels is 3 but the input has 1 channel(s)',
    );
  });
  it('throws when reflect padding is as large as the input', () => {
    expectRejected(
      (e) => void Object.assign(e.layer, { paddingMode: 'reflect', padding: [6, 0] }),
      /^experiment: layer\.padding \[6, 0\] must be smaller than the input/,
    );
  });
  it('throws when circular padding is larger than the input', () => {
    expectRejected(
      (e) => void Object.assign(e.layer, { paddingMode: 'circular', padding: [0, 9] }),
      /^experiment: layer\.padding \[0, 9\] must be at most the input size/,
    );
  });
  it('throws when the output would have size zero', () => {
    expectRejected(
      (e) => void (e.layer.kernelSize = [7, 2]),
      /^experiment: the output would have size 0 x 7: a 7 x 2 kernel/,
    );
  });
  it('throws when the layer has too many weights', () => {
    expectRejected(
      (e) => void Object.assign(e.layer, { outChannels: 300, kernelSize: [15, 15], padding: [7, 7] }),
      /^experiment: layer has 67500 weights, more than the limit of 65536$/,
    );
  });
  it('throws when the target kernel data does not fill its shape', () => {
    expectRejected(
      (e) => void (e.target.kind === 'kernel' && e.target.kernel.data.push(2)),
      'experiment: target.kernel.data has 3 values but shape [1, 1, 1, 2] needs 2',
    );
  });
  it('throws when the target kernel has a different number of out channels', () => {
    expectRejected(
      (e) => ({
        ...e,
        target: { kind: 'kernel', kernel: { shape: [2, 1, 1, 2], data: [1, -1, 1, -1] }, bias: null },
      }),
      'experiment: target.kernel has 2 out channel(s) but the layer has 1',
    );
  });
  it('throws when the target kernel expects other input channels', () => {
    expectRejected(
      (e) => ({
        ...e,
        target: { kind: 'kernel', kernel: { shape: [1, 2, 1, 2], data: [1, -1, 1, -1] }, bias: null },
      }),
      'experiment: target.kernel expects 2 input channel(s) but the input has 1',
    );
  });
  it('throws when the target kernel gives another output size than the layer', () => {
    expectRejected(
      (e) => ({
        ...e,
        target: { kind: 'kernel', kernel: { shape: [1, 1, 2, 2], data: [1, -1, 1, -1] }, bias: null },
      }),
      'experiment: target.kernel (2 x 2) gives a 5 x 7 output but the layer gives 6 x 7',
    );
  });
  it('throws when the target bias has the wrong length', () => {
    expectRejected(
      (e) => void (e.target.kind === 'kernel' && (e.target.bias = [1, 2])),
      'experiment: target.bias has 2 values but needs 1',
    );
  });
  it('throws when a drawn target output has the wrong shape', () => {
    expectRejected(
      (e) => ({
        ...e,
        target: { kind: 'output', output: { channels: 1, height: 6, width: 8, data: new Array(48).fill(0) } },
      }),
      'experiment: target.output is 1 x 6 x 8 but the layer outputs 1 x 6 x 7',
    );
  });
  it('throws when a drawn target output does not fill its shape', () => {
    expectRejected(
      (e) => ({ ...e, target: { kind: 'output', output: { channels: 1, height: 6, width: 7, data: [0] } } }),
      'experiment: target.output.data has 1 values but needs 42',
    );
  });
  it('throws when the initial weights have another shape than the layer', () => {
    expectRejected(
      (e) => ({ ...e, init: { kind: 'weights', weight: { shape: [1, 1, 2, 1], data: [1, 2] }, bias: null } }),
      'experiment: init.weight has shape [1, 1, 2, 1] but the layer needs [1, 1, 1, 2]',
    );
  });
  it('throws when the layer has a bias but the initial weights do not', () => {
    expectRejected(
      (e) => ({
        ...e,
        layer: { ...e.layer, bias: true },
        init: { kind: 'weights', weight: { shape: [1, 1, 1, 2], data: [1, 2] }, bias: null },
      }),
      'experiment: init.bias is null but the layer has a bias',
    );
  });
  it('throws when the initial weights have a bias the layer does not', () => {
    expectRejected(
      (e) => ({ ...e, init: { kind: 'weights', weight: { shape: [1, 1, 1, 2], data: [1, 2] }, bias: [0] } }),
      'experiment: init.bias is given but the layer has no bias',
    );
  });
  it('throws when the initial bias has the wrong length', () => {
    expectRejected(
      (e) => ({
        ...e,
        layer: { ...e.layer, bias: true },
        init: { kind: 'weights', weight: { shape: [1, 1, 1, 2], data: [1, 2] }, bias: [0, 1] },
      }),
      'experiment: init.bias has 2 values but needs 1',
    );
  });
  it('throws when the initial weight data does not fill its shape', () => {
    expectRejected(
      (e) => ({ ...e, init: { kind: 'weights', weight: { shape: [1, 1, 1, 2], data: [1] }, bias: null } }),
      'experiment: init.weight.data has 1 values but shape [1, 1, 1, 2] needs 2',
    );
  });
  it('throws when nesterov is on without momentum', () => {
    expectRejected(
      (e) => ({ ...e, optimizer: { kind: 'sgd', lr: 0.1, nesterov: true } }),
      'experiment: optimizer.nesterov needs optimizer.momentum > 0',
    );
  });
  it('throws when the seed is not an integer', () => {
    expectRejected(
      (e) => ({ ...e, init: { kind: 'seed', seed: 1.5 } }),
      /^experiment: init\.seed .*got 1\.5$/,
    );
  });
  it('throws when the target kind is unknown', () => {
    expectRejected((e) => ({ ...e, target: { kind: 'image' } }), /^experiment: target\.kind .*got "image"$/);
  });
});
