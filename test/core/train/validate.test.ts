import { describe, expect, it } from 'vitest';
import { notebookExperiment, type Experiment } from '../../../core/src/train/experiment.ts';
import { ExperimentError, validateExperiment } from '../../../core/src/train/validate.ts';
import { LIMITS, overLimit } from '../../../core/src/limits.ts';

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
      'experiment: input.height is 4,096, over the limit of 2,048',
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
      'experiment: layer: reflect padding height must be smaller than the input height (6), got 6',
    );
  });
  it('throws when circular padding is larger than the input', () => {
    expectRejected(
      (e) => void Object.assign(e.layer, { paddingMode: 'circular', padding: [0, 9] }),
      'experiment: layer: circular padding width must be at most the input width (8), got 9',
    );
  });
  it('throws when the output would have size zero', () => {
    expectRejected(
      (e) => void (e.layer.kernelSize = [7, 2]),
      'experiment: layer: the output height would be 0: the dilated kernel spans 7 but the padded input height is only 6',
    );
  });
  it('throws when the layer has too many weights', () => {
    expectRejected(
      (e) => void Object.assign(e.layer, { outChannels: 16, inChannels: 2, kernelSize: [64, 64] }),
      "experiment: layer's weight count (16 x 2 x 64 x 64) is 131,072, over the limit of 65,536",
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

/** A 1-channel image of `height x width` zeros but for a vertical stripe: big inputs for the limits. */
function stripes(height: number, width: number, channels = 1): Experiment['input'] {
  const data = new Array<number>(channels * height * width).fill(0);
  for (let i = 0; i < data.length; i++) if (i % width < width / 2) data[i] = 1;
  return { channels, height, width, data };
}

/** The notebook's experiment with a true kernel of zeros of the layer's shape, so only sizes matter. */
function sized(e: Experiment, layer: Partial<Experiment['layer']>, input = e.input): Experiment {
  const merged = { ...e.layer, ...layer };
  const shape: [number, number, number, number] = [
    merged.outChannels,
    merged.inChannels,
    ...merged.kernelSize,
  ];
  const values = shape.reduce((a, b) => a * b, 1);
  return {
    ...e,
    input,
    layer: merged,
    target: { kind: 'kernel', kernel: { shape, data: new Array<number>(values).fill(0) }, bias: null },
  };
}

describe('validateExperiment applies every limit of LIMITS, naming the field, the value and the limit', () => {
  const over = (name: keyof typeof LIMITS) => LIMITS[name].max + 1;
  const message = (name: keyof typeof LIMITS, field: string, value: number) =>
    `experiment: ${overLimit(name, field, value)}`;

  it('input height and width (inputSide)', () => {
    expectRejected(
      (e) => ({ ...e, input: { ...e.input, height: over('inputSide') } }),
      message('inputSide', 'input.height', over('inputSide')),
    );
    expectRejected(
      (e) => ({ ...e, input: { ...e.input, width: over('inputSide') } }),
      message('inputSide', 'input.width', over('inputSide')),
    );
  });
  it('input values (inputValues): 2 x 2048 x 2048', () => {
    const side = LIMITS.inputSide.max;
    expectRejected(
      (e) => ({ ...e, input: { channels: 2, height: side, width: side, data: [] } }),
      message('inputValues', `input's value count (2 x 2,048 x 2,048)`, 2 * side * side),
    );
  });
  it('channels in and out (channels)', () => {
    const c = over('channels');
    expectRejected(
      (e) => ({ ...e, input: { ...e.input, channels: c } }),
      message('channels', 'input.channels', c),
    );
    expectRejected((e) => sized(e, { outChannels: c }), message('channels', 'layer.outChannels', c));
    expectRejected((e) => sized(e, { inChannels: c }), message('channels', 'layer.inChannels', c));
  });
  it('kernel side (kernelSide), in the layer, the true kernel and the initial weights', () => {
    const k = over('kernelSide');
    expectRejected((e) => sized(e, { kernelSize: [1, k] }), message('kernelSide', 'layer.kernelSize[1]', k));
    expectRejected(
      (e) => ({ ...e, target: { kind: 'kernel', kernel: { shape: [1, 1, k, 1], data: [] }, bias: null } }),
      message('kernelSide', 'target.kernel.shape[2] (kernel height)', k),
    );
    expectRejected(
      (e) => ({ ...e, init: { kind: 'weights', weight: { shape: [1, 1, 1, k], data: [] }, bias: null } }),
      message('kernelSide', 'init.weight.shape[3] (kernel width)', k),
    );
  });
  it('padding, stride and dilation: padding 600 is refused with the limit', () => {
    expectRejected((e) => sized(e, { padding: [600, 0] }), message('padding', 'layer.padding[0]', 600));
    expectRejected(
      (e) => sized(e, { stride: [1, over('stride')] }),
      message('stride', 'layer.stride[1]', over('stride')),
    );
    expectRejected(
      (e) => sized(e, { dilation: [over('dilation'), 1] }),
      message('dilation', 'layer.dilation[0]', over('dilation')),
    );
  });
  it('output values (outputValues): 2 output channels of a 2048 x 2048 input', () => {
    const side = LIMITS.inputSide.max;
    expectRejected(
      (e) => sized(e, { outChannels: 2, kernelSize: [1, 1] }, stripes(side, side)),
      message('outputValues', `the output's value count (2 x 2,048 x 2,048)`, 2 * side * side),
    );
  });
  it('one forward pass (epochWork = output values x in channels x kh x kw)', () => {
    // 1 x 1024 x 1024 input, 1 x 1 x 17 x 17 kernel padded to keep the size: 2^20 * 289 > 2^28.
    const layer = { kernelSize: [17, 17] as [number, number], padding: [8, 8] as [number, number] };
    const work = 1024 * 1024 * 17 * 17;
    expect(work).toBeGreaterThan(LIMITS.epochWork.max);
    expectRejected(
      (e) => sized(e, layer, stripes(1024, 1024)),
      message('epochWork', `one forward pass's multiply-adds (1,048,576 x 1 x 17 x 17)`, work),
    );
  });
  it('epochs, and the run (runWork = epochs x one forward pass)', () => {
    expectRejected((e) => ({ ...e, epochs: over('epochs') }), message('epochs', 'epochs', over('epochs')));
    // 256 x 256 input, 3 x 3 kernel, padding 1: 65,536 * 9 multiply-adds per epoch.
    const perEpoch = 256 * 256 * 9;
    const epochs = Math.ceil((LIMITS.runWork.max + 1) / perEpoch);
    expect(epochs).toBeLessThanOrEqual(LIMITS.epochs.max);
    expectRejected(
      (e) => ({ ...sized(e, { kernelSize: [3, 3], padding: [1, 1] }, stripes(256, 256)), epochs }),
      message(
        'runWork',
        `the run's multiply-adds (${epochs.toLocaleString('en-US')} x 589,824)`,
        epochs * perEpoch,
      ),
    );
  });
  it('accepts every size at its limit: padding 64, stride 64, dilation 16, 1,000,000 epochs of the notebook', () => {
    const e = notebookExperiment();
    expect(() => validateExperiment({ ...e, epochs: LIMITS.epochs.max })).not.toThrow();
    expect(() =>
      validateExperiment(sized(e, { padding: [64, 64], stride: [64, 64], dilation: [16, 16] })),
    ).not.toThrow();
  });
  it('a value that is Infinity as float32 (1e39) is refused naming the field and the value', () => {
    expectRejected(
      (e) => void (e.input.data[2] = 1e39),
      'experiment: input.data[2] is outside the float32 range (±3.4028235e38), got 1e+39',
    );
  });
  it('an unknown key is refused, not dropped: layer.fliq', () => {
    expectRejected(
      (e) => ({ ...e, layer: { ...e.layer, fliq: true } }),
      'experiment: layer has unknown field fliq',
    );
  });
});
