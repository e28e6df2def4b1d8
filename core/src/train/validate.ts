// Checks an experiment beyond its schema: the fields must agree with each other (data lengths,
// channels, the target's shape equal to the layer's output) and every size must be within LIMITS
// (core/src/limits.ts) before the trainer touches them.
import { describeIssue, oneLine } from '../formats/issues.ts';
import { formatCount, overLimit } from '../limits.ts';
import { experimentSchema, type Experiment, type Image, type Kernel, type Layer } from './experiment.ts';
import { geometryProblem, layerOutputSize, type LayerGeometry } from '../conv/geometry.ts';

/** Thrown for an experiment that cannot be trained; the message names the field and the values. */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
  constructor(message: string) {
    super(oneLine(message));
  }
}

const fail = (message: string): never => {
  throw new ExperimentError(`experiment: ${message}`);
};

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const times = (values: readonly number[]) => values.map(formatCount).join(' x ');

/** The first of `checks` that is over its limit, or null. */
const firstOver = (...checks: Array<string | null>): string | null =>
  checks.find((issue) => issue !== null) ?? null;

/**
 * The first limit a kernel of `shape` ([out, in, kh, kw]) exceeds: its channels, its height and
 * width, its number of weights. `field` names it as the file does (`layer`, `weight`, `target.kernel`).
 */
export function kernelLimitIssue(field: string, shape: readonly number[]): string | null {
  return firstOver(
    overLimit('channels', `${field}.shape[0] (out channels)`, shape[0]),
    overLimit('channels', `${field}.shape[1] (in channels)`, shape[1]),
    overLimit('kernelSide', `${field}.shape[2] (kernel height)`, shape[2]),
    overLimit('kernelSide', `${field}.shape[3] (kernel width)`, shape[3]),
    overLimit('kernelValues', `${field}'s weight count (${times(shape)})`, product(shape)),
  );
}

/** The first limit the layer's own fields exceed (channels, kernel, padding, stride, dilation), or null. */
export function layerLimitIssue(layer: Layer, field = 'layer'): string | null {
  const pairs = (name: 'padding' | 'stride' | 'dilation') =>
    layer[name].map((v, i) => overLimit(name, `${field}.${name}[${i}]`, v));
  return firstOver(
    overLimit('channels', `${field}.inChannels`, layer.inChannels),
    overLimit('channels', `${field}.outChannels`, layer.outChannels),
    overLimit('kernelSide', `${field}.kernelSize[0]`, layer.kernelSize[0]),
    overLimit('kernelSide', `${field}.kernelSize[1]`, layer.kernelSize[1]),
    overLimit(
      'kernelValues',
      `${field}'s weight count (${times([layer.outChannels, layer.inChannels, ...layer.kernelSize])})`,
      layer.outChannels * layer.inChannels * layer.kernelSize[0] * layer.kernelSize[1],
    ),
    ...pairs('padding'),
    ...pairs('stride'),
    ...pairs('dilation'),
  );
}

/** The first limit an input of this shape exceeds (height, width, channels, values), or null. */
export function inputLimitIssue(
  input: Pick<Image, 'channels' | 'height' | 'width'>,
  field = 'input',
): string | null {
  const { channels, height, width } = input;
  return firstOver(
    overLimit('inputSide', `${field}.height`, height),
    overLimit('inputSide', `${field}.width`, width),
    overLimit('channels', `${field}.channels`, channels),
    overLimit(
      'inputValues',
      `${field}'s value count (${times([channels, height, width])})`,
      product([channels, height, width]),
    ),
  );
}

/**
 * The first limit one forward pass of `layer` over an input of `inputHeight x inputWidth` exceeds:
 * the output's values, then its multiply-adds (output values x in channels x kernel height x width).
 * Null also when the output is empty; callers say that in their own words.
 */
export function forwardPassLimitIssue(
  inputHeight: number,
  inputWidth: number,
  layer: LayerGeometry & Pick<Layer, 'kernelSize' | 'inChannels' | 'outChannels'>,
): string | null {
  const [outHeight, outWidth] = layerOutputSize(inputHeight, inputWidth, layer.kernelSize, layer);
  if (outHeight < 1 || outWidth < 1) return null;
  const outputValues = layer.outChannels * outHeight * outWidth;
  const [kh, kw] = layer.kernelSize;
  return firstOver(
    overLimit(
      'outputValues',
      `the output's value count (${times([layer.outChannels, outHeight, outWidth])})`,
      outputValues,
    ),
    overLimit(
      'epochWork',
      `one forward pass's multiply-adds (${times([outputValues, layer.inChannels, kh, kw])})`,
      outputValues * layer.inChannels * kh * kw,
    ),
  );
}

/** Multiply-adds of one forward pass of the experiment's layer (see LIMITS.epochWork). */
export function epochWork(experiment: Experiment): number {
  const { input, layer } = experiment;
  const [outHeight, outWidth] = layerOutputSize(input.height, input.width, layer.kernelSize, layer);
  return (
    layer.outChannels * outHeight * outWidth * layer.inChannels * layer.kernelSize[0] * layer.kernelSize[1]
  );
}

/** The first limit a run of `epochs` epochs exceeds (epochs, then the run's multiply-adds), or null. */
export function runLimitIssue(experiment: Experiment, epochs: number, field = 'epochs'): string | null {
  const work = epochWork(experiment);
  return firstOver(
    overLimit('epochs', field, epochs),
    overLimit('runWork', `the run's multiply-adds (${times([epochs, work])})`, epochs * work),
  );
}

/** Parses and cross-checks an experiment; returns it (as a fresh object) or throws ExperimentError. */
export function validateExperiment(value: unknown): Experiment {
  const parsed = experimentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) fail(describeIssue(parsed.error.issues[0]));
  const experiment = parsed.data as Experiment;
  const { input, layer, target, init } = experiment;

  // Sizes first, before anything is computed from them.
  const sizeIssue = firstOver(inputLimitIssue(input), layerLimitIssue(layer));
  if (sizeIssue !== null) fail(sizeIssue);
  const inputValues = input.channels * input.height * input.width;
  if (input.data.length !== inputValues) {
    fail(`input.data has ${input.data.length} values but channels x height x width = ${inputValues}`);
  }
  if (layer.inChannels !== input.channels) {
    fail(`layer.inChannels is ${layer.inChannels} but the input has ${input.channels} channel(s)`);
  }
  const [kh, kw] = layer.kernelSize;
  const problem = geometryProblem(input, { height: kh, width: kw }, layer);
  if (problem !== null) fail(`layer: ${problem}`);
  const kernelShape: [number, number, number, number] = [
    layer.outChannels,
    layer.inChannels,
    ...layer.kernelSize,
  ];
  const [outHeight, outWidth] = layerOutputSize(input.height, input.width, layer.kernelSize, layer);
  const workIssue = firstOver(
    forwardPassLimitIssue(input.height, input.width, layer),
    runLimitIssue(experiment, experiment.epochs),
  );
  if (workIssue !== null) fail(workIssue);

  const { optimizer } = experiment;
  if (optimizer.kind === 'sgd' && optimizer.nesterov === true && !((optimizer.momentum ?? 0) > 0)) {
    // torch.optim.SGD refuses this too: Nesterov's look-ahead is built on the momentum buffer.
    fail('optimizer.nesterov needs optimizer.momentum > 0');
  }

  if (target.kind === 'kernel') {
    checkKernel('target.kernel', target.kernel);
    const [out, inC, th, tw] = target.kernel.shape;
    // The target is computed once with the true kernel, which may differ in size from the layer's.
    const targetIssue = forwardPassLimitIssue(input.height, input.width, {
      ...layer,
      kernelSize: [th, tw],
      inChannels: inC,
      outChannels: out,
    });
    if (targetIssue !== null) fail(`target.kernel: ${targetIssue}`);
    if (out !== layer.outChannels)
      fail(`target.kernel has ${out} out channel(s) but the layer has ${layer.outChannels}`);
    if (inC !== input.channels)
      fail(`target.kernel expects ${inC} input channel(s) but the input has ${input.channels}`);
    const [targetHeight, targetWidth] = layerOutputSize(input.height, input.width, [th, tw], layer);
    if (targetHeight !== outHeight || targetWidth !== outWidth) {
      fail(
        `target.kernel (${th} x ${tw}) gives a ${targetHeight} x ${targetWidth} output but the layer gives ${outHeight} x ${outWidth}`,
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
  const issue = kernelLimitIssue(field, kernel.shape);
  if (issue !== null) fail(issue);
  const values = product(kernel.shape);
  if (kernel.data.length !== values) {
    fail(
      `${field}.data has ${kernel.data.length} values but shape [${kernel.shape.join(', ')}] needs ${values}`,
    );
  }
}
