// The LeNet model file (`convlab lenet --out`, the lab's Export model): the weights of d2l's LeNet
// (section 7.6) under PyTorch's state-dict names, so they load into d2l's PyTorch network unchanged:
//   m = json.load(open("model.json"))
//   net.load_state_dict({k: torch.tensor(v["data"]).reshape(v["shape"]) for k, v in m["stateDict"].items()})
// `data` is flat and row-major (PyTorch's layout for each tensor); each value is written as its shortest
// decimal that reads back to the same float32, and read back as that exact float32.
// `activation` says which network the weights belong to: "sigmoid" is the book's (Sigmoid and
// AvgPool2d), "relu" the variant with ReLU and MaxPool2d; both have the same parameters and names.
import { z } from 'zod';
import { overLimit } from '../limits.ts';
import { LeNet, lenetActivations, type LeNetActivation } from '../models/lenet.ts';
import type { StateDict } from '../nn/module.ts';
import { Generator } from '../random/generator.ts';
import { shortestFloat32Array, toFloat32Numbers } from './float32.ts';
import { FormatError, parseJsonText, parseWith, stringifyCompact } from './json.ts';

const LENET_MODEL_FORMAT = 'convlab-lenet';
const LENET_MODEL_VERSION = 1;
const LABEL = 'lenet model';

/**
 * Every parameter of d2l's LeNet by its state-dict name and shape (`0.weight` [6, 1, 5, 5], ...: the
 * index in the nn.Sequential, so 0 conv1, 3 conv2, 7/9/11 the dense layers), read off the network
 * itself so the file format and the model cannot disagree. Its own generator, so building it draws
 * nothing from the default one.
 */
export const LENET_PARAMETER_SHAPES: Readonly<Record<string, readonly number[]>> = Object.fromEntries(
  new LeNet({ generator: new Generator() }).namedParameters().map(([name, t]) => [name, [...t.shape]]),
);

export const LENET_PARAMETER_NAMES: readonly string[] = Object.keys(LENET_PARAMETER_SHAPES);

/** The largest finite float32; a decimal beyond it would read back as Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;
const float32 = z.number().refine((v) => Math.abs(v) <= FLOAT32_MAX, {
  message: 'must be within the float32 range (±3.4e38)',
});

/** `{ shape: [exactly these], data: [exactly their product of float32 numbers] }`. */
function parameterSchema(shape: readonly number[]) {
  const values = shape.reduce((a, b) => a * b, 1);
  const [first, ...rest] = shape.map((n) => z.literal(n));
  return z.strictObject({
    shape: z.tuple([first, ...rest]),
    data: z
      .array(float32)
      .length(values, { message: `must hold ${values} values (${shape.join(' x ')}) in row-major order` }),
  });
}

const stateDictSchema = z.strictObject(
  Object.fromEntries(
    LENET_PARAMETER_NAMES.map((name) => [name, parameterSchema(LENET_PARAMETER_SHAPES[name])]),
  ) as Record<string, ReturnType<typeof parameterSchema>>,
);

const positive = z.number().refine((v) => v > 0, { message: 'must be a positive number' });
const fraction = z.number().min(0).max(1);

const historySchema = z.strictObject({
  epoch: z.number().int().min(1),
  loss: z.number(),
  trainAcc: fraction,
  testAcc: fraction,
});

const trainingSchema = z.strictObject({
  epochs: z.number().int().min(0),
  lr: positive,
  batchSize: z.number().int().min(1),
  seed: z.number().int().min(0),
  trainSize: z.number().int().min(1),
  history: z.array(historySchema),
});

const lenetModelSchema = z.strictObject({
  format: z.literal(LENET_MODEL_FORMAT),
  version: z.literal(LENET_MODEL_VERSION),
  app: z.strictObject({ name: z.string().max(100), version: z.string().max(100) }),
  activation: z.enum(lenetActivations),
  stateDict: stateDictSchema,
  training: trainingSchema.optional(),
});

export type LenetModelFile = z.infer<typeof lenetModelSchema>;
export type LenetTraining = z.infer<typeof trainingSchema>;
export type LenetEpoch = z.infer<typeof historySchema>;

/** What a trained (or freshly initialised) LeNet leaves behind; `lenetModelFile` makes the document. */
export interface TrainedLenet {
  activation: LeNetActivation;
  /** The network's `stateDict()`, or flat values by name; every name of LENET_PARAMETER_SHAPES. */
  stateDict: StateDict | Record<string, { shape: readonly number[]; data: ArrayLike<number> }>;
  training?: LenetTraining;
  app: { name: string; version: string };
}

/** The document for `trained`, checked as the reader checks it; throws FormatError on a wrong shape. */
export function lenetModelFile(trained: TrainedLenet): LenetModelFile {
  const stateDict = Object.fromEntries(
    Object.entries(trained.stateDict).map(([name, p]) => [
      name,
      { shape: [...p.shape], data: toFloat32Numbers(p.data) },
    ]),
  );
  const document = {
    format: LENET_MODEL_FORMAT,
    version: LENET_MODEL_VERSION,
    app: { ...trained.app },
    activation: trained.activation,
    stateDict,
    ...(trained.training === undefined
      ? {}
      : { training: { ...trained.training, history: trained.training.history.map((e) => ({ ...e })) } }),
  };
  return checked(parseWith(lenetModelSchema, document, LABEL));
}

/** The document as JSON text: float32 values as their shortest exact decimals, number arrays on one line. */
export function serializeLenetModel(file: LenetModelFile): string {
  const stateDict = Object.fromEntries(
    Object.entries(file.stateDict).map(([name, p]) => [
      name,
      { shape: p.shape, data: shortestFloat32Array(p.data) },
    ]),
  );
  return stringifyCompact({ ...file, stateDict });
}

/** Reads a model file; throws FormatError with one line naming the field for anything ConvLab cannot use. */
export function parseLenetModel(text: string): LenetModelFile {
  const file = checked(parseWith(lenetModelSchema, parseJsonText(text, LABEL), LABEL));
  // Restore exact float32 values (the file holds their shortest decimals).
  for (const name of LENET_PARAMETER_NAMES) {
    const parameter = file.stateDict[name];
    parameter.data = toFloat32Numbers(parameter.data);
  }
  return file;
}

/** The file's parameters in the form `Module.loadStateDict` takes (plain shapes and flat values). */
export function lenetStateDict(file: LenetModelFile): StateDict {
  return Object.fromEntries(
    LENET_PARAMETER_NAMES.map((name) => {
      const parameter = file.stateDict[name];
      return [name, { shape: [...parameter.shape], data: [...parameter.data] }];
    }),
  );
}

/** What the schema cannot say: the limits, and a history of completed epochs 1, 2, ... in order. */
function checked(file: LenetModelFile): LenetModelFile {
  const training = file.training;
  if (training === undefined) return file;
  const refusal =
    overLimit('epochs', 'training.epochs', training.epochs) ??
    overLimit('historyPoints', 'training.history', training.history.length);
  if (refusal !== null) throw new FormatError(`${LABEL}: ${refusal}`);
  if (training.history.length > training.epochs) {
    throw new FormatError(
      `${LABEL}: training.history has ${training.history.length} epochs but training.epochs is ${training.epochs}`,
    );
  }
  training.history.forEach((entry, i) => {
    if (entry.epoch !== i + 1) {
      throw new FormatError(`${LABEL}: training.history[${i}].epoch must be ${i + 1}, got ${entry.epoch}`);
    }
  });
  return file;
}
