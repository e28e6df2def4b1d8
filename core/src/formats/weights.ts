// The weights file: what a trained layer leaves behind, in a form PyTorch reads.
//   j = json.load(open("weights.json"))
//   conv = torch.nn.Conv2d(j["layer"]["inChannels"], j["layer"]["outChannels"], j["layer"]["kernelSize"], bias=j["bias"] is not None)
//   conv.weight.data = torch.tensor(j["weight"]["data"])
// `weight.data` is nested [out][in][kh][kw] as PyTorch's Conv2d.weight. In memory the values are
// exact float32 numbers; on disk each is its shortest decimal that reads back to the same float32.
import { z } from 'zod';
import {
  layerSchema,
  lossKinds,
  type Layer,
  type LossKind,
  type OptimizerConfig,
} from '../train/experiment.ts';
import { float32Value } from '../train/float32Value.ts';
import { kernelLimitIssue, layerLimitIssue } from '../train/validate.ts';
import { shortestFloat32Array, toFloat32Numbers } from './float32.ts';
import { FormatError, checkedFileText, parseJsonText, parseWith, stringifyCompact } from './json.ts';
import { storedHistory, storedHistoryFields, storedHistoryIssue } from './lossHistory.ts';

export const WEIGHTS_FORMAT = 'convlab-weights';
export const WEIGHTS_VERSION = 1;
const LABEL = 'weights file';

const finite = float32Value;
const positiveInt = z.number().int().min(1);
const shape4 = z.tuple([positiveInt, positiveInt, positiveInt, positiveInt]);
const nested4 = z.array(z.array(z.array(z.array(finite))));
const nestedKernelSchema = z.strictObject({ shape: shape4, data: nested4 });

const trainingSchema = z.strictObject({
  optimizer: z.enum(['sgd', 'adam']),
  lr: z.number().refine((v) => v > 0, { message: 'must be a positive number' }),
  momentum: z.number().min(0).max(1).optional(),
  nesterov: z.boolean().optional(),
  betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).optional(),
  /** Optional for files written before it existed; the notebook's sum-squared when absent. */
  loss: z.enum(lossKinds).optional(),
  epochs: z.number().int().min(0),
  seed: z.number().int().min(0).max(0xffffffff).nullable(),
  /** See lossHistory.ts: every epoch, or a decimation of a long run with the epoch of each value. */
  ...storedHistoryFields,
  targetKernel: nestedKernelSchema.nullable(),
});

const weightsSchema = z.strictObject({
  format: z.literal(WEIGHTS_FORMAT),
  version: z.literal(WEIGHTS_VERSION),
  layer: layerSchema,
  weight: nestedKernelSchema,
  bias: z.strictObject({ shape: z.tuple([positiveInt]), data: z.array(finite) }).nullable(),
  training: trainingSchema,
  app: z.strictObject({ name: z.string().max(100), version: z.string().max(100) }),
});

/**
 * What the reader accepts beyond what the writer produces: `layer.flip` may be missing (false) and
 * `training.targetKernel.data` may be flat row-major, as early exports of the lab wrote them.
 */
const weightsInputSchema = weightsSchema.extend({
  layer: layerSchema.extend({ flip: z.boolean().default(false) }),
  training: trainingSchema.extend({
    targetKernel: z.strictObject({ shape: shape4, data: z.union([nested4, z.array(finite)]) }).nullable(),
  }),
});

export type WeightsFile = z.infer<typeof weightsSchema>;
export type NestedKernel = z.infer<typeof nestedKernelSchema>;

/** What the trainer knows after a run, flat and typed; `weightsFile` turns it into the document. */
export interface TrainedLayer {
  layer: Layer;
  weight: ArrayLike<number>;
  bias: ArrayLike<number> | null;
  optimizer: OptimizerConfig;
  loss: LossKind;
  epochs: number;
  seed: number | null;
  /** The loss of every epoch (index i = epoch i + 1); the file stores it decimated beyond LIMITS.historyPoints. */
  lossHistory: ArrayLike<number>;
  targetKernel: { shape: readonly [number, number, number, number]; data: ArrayLike<number> } | null;
  app: { name: string; version: string };
}

/** Flat row-major values of the given [out, in, kh, kw] shape -> nested arrays of float32 values. */
export function nestKernel(
  shape: readonly [number, number, number, number],
  data: ArrayLike<number>,
): NestedKernel {
  const [out, inChannels, kh, kw] = shape;
  if (data.length !== out * inChannels * kh * kw) {
    throw new FormatError(`${LABEL}: ${data.length} values do not fill shape [${shape.join(', ')}]`);
  }
  let index = 0;
  const nested = Array.from({ length: out }, () =>
    Array.from({ length: inChannels }, () =>
      Array.from({ length: kh }, () => Array.from({ length: kw }, () => Math.fround(data[index++]))),
    ),
  );
  return { shape: [out, inChannels, kh, kw], data: nested };
}

/** Nested [out][in][kh][kw] values -> flat row-major float32 values. */
export function flattenKernel(kernel: NestedKernel): Float32Array {
  return Float32Array.from(kernel.data.flat(3));
}

export function weightsFile(trained: TrainedLayer): WeightsFile {
  const { layer, optimizer } = trained;
  checkLimits(layer, trained.targetKernel?.shape ?? null);
  const shape: [number, number, number, number] = [layer.outChannels, layer.inChannels, ...layer.kernelSize];
  const file: WeightsFile = {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    layer: structuredCloneLayer(layer),
    weight: nestKernel(shape, trained.weight),
    bias:
      trained.bias === null
        ? null
        : { shape: [trained.bias.length], data: shortestFloat32Array(trained.bias) },
    training: {
      optimizer: optimizer.kind,
      lr: optimizer.lr,
      ...(optimizer.kind === 'sgd' && optimizer.momentum !== undefined
        ? { momentum: optimizer.momentum }
        : {}),
      ...(optimizer.kind === 'sgd' && optimizer.nesterov !== undefined
        ? { nesterov: optimizer.nesterov }
        : {}),
      ...(optimizer.kind === 'adam' && optimizer.betas !== undefined
        ? { betas: [...optimizer.betas] as [number, number] }
        : {}),
      loss: trained.loss,
      epochs: trained.epochs,
      seed: trained.seed,
      ...storedHistory(trained.lossHistory),
      targetKernel:
        trained.targetKernel === null
          ? null
          : nestKernel(trained.targetKernel.shape, trained.targetKernel.data),
    },
    app: { ...trained.app },
  };
  checkConsistency(file);
  return file;
}

/** The document as JSON text: float32 values as their shortest exact decimals, number arrays on one line. */
export function serializeWeights(file: WeightsFile): string {
  const shortKernel = (kernel: NestedKernel): NestedKernel => ({
    shape: kernel.shape,
    data: kernel.data.map((a) => a.map((b) => b.map((row) => shortestFloat32Array(row)))),
  });
  const { training } = file;
  const text = stringifyCompact({
    ...file,
    weight: shortKernel(file.weight),
    bias: file.bias === null ? null : { shape: file.bias.shape, data: shortestFloat32Array(file.bias.data) },
    training: {
      ...training,
      lossHistory: shortestFloat32Array(training.lossHistory),
      targetKernel: training.targetKernel === null ? null : shortKernel(training.targetKernel),
    },
  });
  return checkedFileText(text, LABEL);
}

/** Reads a weights file; throws FormatError naming the field for anything ConvLab cannot use. */
export function parseWeights(text: string): WeightsFile {
  const input = parseWith(weightsInputSchema, parseJsonText(text, LABEL), LABEL);
  // Sizes first: nothing below allocates or walks by a shape that is over a limit.
  const target = input.training.targetKernel;
  checkLimits(input.layer, target?.shape ?? null);
  const historyIssue = storedHistoryIssue(input.training, 'training');
  if (historyIssue !== null) throw new FormatError(`${LABEL}: ${historyIssue}`);
  const file: WeightsFile = {
    ...input,
    training: {
      ...input.training,
      targetKernel:
        target === null ? null : { shape: target.shape, data: nestedData(target.shape, target.data) },
    },
  };
  checkConsistency(file);
  // Restore exact float32 values (the file holds their shortest decimals).
  file.weight.data = file.weight.data.map((a) => a.map((b) => b.map((row) => toFloat32Numbers(row))));
  if (file.bias !== null) file.bias.data = toFloat32Numbers(file.bias.data);
  // A full history longer than LIMITS.historyPoints (files from before decimation) is decimated here.
  const history = storedHistory(file.training.lossHistory, file.training.lossHistoryEpochs);
  file.training.lossHistory = history.lossHistory;
  if (history.lossHistoryEpochs !== undefined) file.training.lossHistoryEpochs = history.lossHistoryEpochs;
  const targetKernel = file.training.targetKernel;
  if (targetKernel !== null) {
    targetKernel.data = targetKernel.data.map((a) => a.map((b) => b.map((row) => toFloat32Numbers(row))));
  }
  return file;
}

/** Nested data as given, or flat row-major data nested by its shape. */
function nestedData(
  shape: [number, number, number, number],
  data: number[][][][] | number[],
): number[][][][] {
  if (data.length === 0 || Array.isArray(data[0])) return data as number[][][][];
  const flat = data as number[];
  const values = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== values) {
    throw new FormatError(
      `${LABEL}: training.targetKernel.data has ${flat.length} values but shape [${shape.join(', ')}] needs ${values}`,
    );
  }
  return nestKernel(shape, flat).data;
}

/** The optimiser of a weights file in the Experiment's form. */
export function optimizerOf(file: WeightsFile): OptimizerConfig {
  const t = file.training;
  if (t.optimizer === 'adam') return { kind: 'adam', lr: t.lr, ...(t.betas ? { betas: t.betas } : {}) };
  return {
    kind: 'sgd',
    lr: t.lr,
    ...(t.momentum !== undefined ? { momentum: t.momentum } : {}),
    ...(t.nesterov !== undefined ? { nesterov: t.nesterov } : {}),
  };
}

function structuredCloneLayer(layer: Layer): Layer {
  return {
    ...layer,
    kernelSize: [...layer.kernelSize],
    padding: [...layer.padding],
    stride: [...layer.stride],
    dilation: [...layer.dilation],
  };
}

/** The layer and the true kernel within LIMITS, as the reader requires: the writer checks it too. */
function checkLimits(layer: Layer, targetShape: readonly number[] | null): void {
  const issue =
    layerLimitIssue(layer) ??
    (targetShape === null ? null : kernelLimitIssue('training.targetKernel', targetShape));
  if (issue !== null) throw new FormatError(`${LABEL}: ${issue}`);
}

function checkConsistency(file: WeightsFile): void {
  const { layer } = file;
  const expected: [number, number, number, number] = [
    layer.outChannels,
    layer.inChannels,
    ...layer.kernelSize,
  ];
  if (file.weight.shape.some((n, i) => n !== expected[i])) {
    throw new FormatError(
      `${LABEL}: weight.shape is [${file.weight.shape.join(', ')}] but the layer needs [${expected.join(', ')}]`,
    );
  }
  checkNested('weight', file.weight);
  if (file.training.targetKernel !== null) {
    checkNested('training.targetKernel', file.training.targetKernel);
    if (file.training.targetKernel.shape[1] !== layer.inChannels) {
      throw new FormatError(
        `${LABEL}: training.targetKernel expects ${file.training.targetKernel.shape[1]} input channel(s) but the layer has ${layer.inChannels}`,
      );
    }
  }
  if (layer.bias && file.bias === null)
    throw new FormatError(`${LABEL}: bias is null but layer.bias is true`);
  if (!layer.bias && file.bias !== null)
    throw new FormatError(`${LABEL}: bias is given but layer.bias is false`);
  if (file.bias !== null) {
    if (file.bias.shape[0] !== layer.outChannels) {
      throw new FormatError(
        `${LABEL}: bias.shape is [${file.bias.shape[0]}] but the layer has ${layer.outChannels} out channel(s)`,
      );
    }
    if (file.bias.data.length !== file.bias.shape[0]) {
      throw new FormatError(
        `${LABEL}: bias.data has ${file.bias.data.length} values but bias.shape is [${file.bias.shape[0]}]`,
      );
    }
  }
}

/** Every level of the nested data must have the length its shape says. */
function checkNested(field: string, kernel: NestedKernel): void {
  const walk = (value: unknown[], depth: number, path: string): void => {
    if (value.length !== kernel.shape[depth]) {
      throw new FormatError(
        `${LABEL}: ${path} has ${value.length} entries but ${field}.shape [${kernel.shape.join(', ')}] needs ${kernel.shape[depth]}`,
      );
    }
    if (depth < 3) value.forEach((inner, i) => walk(inner as unknown[], depth + 1, `${path}[${i}]`));
  };
  walk(kernel.data, 0, `${field}.data`);
}
