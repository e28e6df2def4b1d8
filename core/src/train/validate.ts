// Checks an experiment beyond its schema: the fields must agree with each other (data lengths,
// channels, the target's shape equal to the layer's output) before the trainer touches them.
import { describeIssue } from '../formats/issues.ts';
import { experimentSchema, type Experiment, type Kernel } from './experiment.ts';
import { layerOutputSize } from './layerForward.ts';

/** Thrown for an experiment that cannot be trained; the message names the field and the values. */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
}

/** Inputs larger than this many values are refused (a 2048 x 2048 image with 1 channel). */
export const MAX_INPUT_VALUES = 2048 * 2048;
/** Kernels larger than this many values are refused. */
export const MAX_KERNEL_VALUES = 1 << 16;

const fail = (message: string): never => {
  throw new ExperimentError(`experiment: ${message}`);
};

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Parses and cross-checks an experiment; returns it (as a fresh object) or throws ExperimentError. */
export function validateExperiment(value: unknown): Experiment {
  const parsed = experimentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) fail(describeIssue(parsed.error.issues[0]));
  const experiment = parsed.data as Experiment;
  const { input, layer, target, init } = experiment;

  const inputValues = input.channels * input.height * input.width;
  if (inputValues > MAX_INPUT_VALUES)
    fail(`input has ${inputValues} values, more than the limit of ${MAX_INPUT_VALUES}`);
  if (input.data.length !== inputValues) {
    fail(`input.data has ${input.data.length} values but channels x height x width = ${inputValues}`);
  }
  if (layer.inChannels !== input.channels) {
    fail(`layer.inChannels is ${layer.inChannels} but the input has ${input.channels} channel(s)`);
  }
  const [ph, pw] = layer.padding;
  if (layer.paddingMode === 'reflect' && (ph >= input.height || pw >= input.width)) {
    fail(
      `layer.padding [${ph}, ${pw}] must be smaller than the input (${input.height} x ${input.width}) for reflect padding`,
    );
  }
  if (layer.paddingMode === 'circular' && (ph > input.height || pw > input.width)) {
    fail(
      `layer.padding [${ph}, ${pw}] must be at most the input size (${input.height} x ${input.width}) for circular padding`,
    );
  }
  const kernelShape: [number, number, number, number] = [
    layer.outChannels,
    layer.inChannels,
    ...layer.kernelSize,
  ];
  if (product(kernelShape) > MAX_KERNEL_VALUES)
    fail(`layer has ${product(kernelShape)} weights, more than the limit of ${MAX_KERNEL_VALUES}`);
  const [outHeight, outWidth] = layerOutputSize(input.height, input.width, layer.kernelSize, layer);
  if (outHeight < 1 || outWidth < 1) {
    fail(
      `the output would have size ${Math.max(outHeight, 0)} x ${Math.max(outWidth, 0)}: a ${layer.kernelSize[0]} x ${layer.kernelSize[1]} kernel ` +
        `(dilation ${layer.dilation[0]} x ${layer.dilation[1]}) does not fit the ${input.height} x ${input.width} input with padding ${ph} x ${pw}`,
    );
  }

  const { optimizer } = experiment;
  if (optimizer.kind === 'sgd' && optimizer.nesterov === true && !((optimizer.momentum ?? 0) > 0)) {
    // torch.optim.SGD refuses this too: Nesterov's look-ahead is built on the momentum buffer.
    fail('optimizer.nesterov needs optimizer.momentum > 0');
  }

  if (target.kind === 'kernel') {
    checkKernel('target.kernel', target.kernel);
    const [out, inC, kh, kw] = target.kernel.shape;
    if (out !== layer.outChannels)
      fail(`target.kernel has ${out} out channel(s) but the layer has ${layer.outChannels}`);
    if (inC !== input.channels)
      fail(`target.kernel expects ${inC} input channel(s) but the input has ${input.channels}`);
    const [th, tw] = layerOutputSize(input.height, input.width, [kh, kw], layer);
    if (th !== outHeight || tw !== outWidth) {
      fail(
        `target.kernel (${kh} x ${kw}) gives a ${th} x ${tw} output but the layer gives ${outHeight} x ${outWidth}`,
      );
    }
    if (target.bias !== null && target.bias.length !== out)
      fail(`target.bias has ${target.bias.length} values but needs ${out}`);
  } else {
    const { output } = target;
    if (output.channels !== layer.outChannels || output.height !== outHeight || output.width !== outWidth) {
      fail(
        `target.output is ${output.channels} x ${output.height} x ${output.width} but the layer outputs ${layer.outChannels} x ${outHeight} x ${outWidth}`,
      );
    }
    const values = output.channels * output.height * output.width;
    if (output.data.length !== values)
      fail(`target.output.data has ${output.data.length} values but needs ${values}`);
  }

  if (init.kind === 'weights') {
    checkKernel('init.weight', init.weight);
    if (init.weight.shape.some((n, i) => n !== kernelShape[i])) {
      fail(
        `init.weight has shape [${init.weight.shape.join(', ')}] but the layer needs [${kernelShape.join(', ')}]`,
      );
    }
    if (layer.bias && init.bias === null) fail('init.bias is null but the layer has a bias');
    if (!layer.bias && init.bias !== null) fail('init.bias is given but the layer has no bias');
    if (init.bias !== null && init.bias.length !== layer.outChannels) {
      fail(`init.bias has ${init.bias.length} values but needs ${layer.outChannels}`);
    }
  }
  return experiment;
}

function checkKernel(field: string, kernel: Kernel): void {
  const values = product(kernel.shape);
  if (values > MAX_KERNEL_VALUES)
    fail(`${field} has ${values} values, more than the limit of ${MAX_KERNEL_VALUES}`);
  if (kernel.data.length !== values) {
    fail(
      `${field}.data has ${kernel.data.length} values but shape [${kernel.shape.join(', ')}] needs ${values}`,
    );
  }
}
