// One lab, as plain data: what to learn from, what to learn, and how.
// Everything here is structured-clone and JSON friendly, so the same object travels to the worker,
// into a lab file and back. Image and kernel values are flat row-major number arrays. Every object is
// strict: an unknown key (a misspelt `fliq: true`) is refused rather than silently dropped.
import { z } from 'zod';
import { PAD_MODES } from '../conv/geometry.ts';
import { float32Value } from './float32Value.ts';

const finite = float32Value;
const positiveInt = z.number().int().min(1);
const nonNegativeInt = z.number().int().min(0);
const pair = (item: z.ZodNumber) => z.tuple([item, item]);

/** A C x H x W image; `data` is row-major with channel outermost (length channels*height*width). */
export const imageSchema = z.strictObject({
  channels: positiveInt,
  height: positiveInt,
  width: positiveInt,
  data: z.array(finite),
});
export type Image = z.infer<typeof imageSchema>;

/** A kernel in PyTorch's layout: shape [out, in, kh, kw], `data` flat row-major. */
export const kernelSchema = z.strictObject({
  shape: z.tuple([positiveInt, positiveInt, positiveInt, positiveInt]),
  data: z.array(finite),
});
export type Kernel = z.infer<typeof kernelSchema>;

/** The learnable layer: a Conv2d with one group. */
export const layerSchema = z.strictObject({
  kernelSize: pair(positiveInt),
  inChannels: positiveInt,
  outChannels: positiveInt,
  padding: pair(nonNegativeInt),
  paddingMode: z.enum(PAD_MODES),
  stride: pair(positiveInt),
  dilation: pair(positiveInt),
  bias: z.boolean(),
  /** true: a real convolution (the kernel is flipped before sliding); false: cross-correlation as in PyTorch. */
  flip: z.boolean(),
});
export type Layer = z.infer<typeof layerSchema>;

/** What the layer should reproduce: Y = layer(X) with a true kernel, or a drawn output image. */
export const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('kernel'), kernel: kernelSchema, bias: z.array(finite).nullable() }),
  z.strictObject({ kind: z.literal('output'), output: imageSchema }),
]);
export type Target = z.infer<typeof targetSchema>;

/** Initial weights: drawn from a seed (PyTorch's Conv2d rule, U(-1/sqrt(fanIn), 1/sqrt(fanIn))) or given. */
export const initSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('seed'), seed: z.number().int().min(0).max(0xffffffff) }),
  z.strictObject({ kind: z.literal('weights'), weight: kernelSchema, bias: z.array(finite).nullable() }),
]);
export type Init = z.infer<typeof initSchema>;

export const lossKinds = ['sum-squared', 'mse'] as const;
/** 'sum-squared' is the notebook's ((Y_hat - Y) ** 2).sum(); 'mse' divides by the element count. */
export type LossKind = (typeof lossKinds)[number];

const learningRate = z
  .number()
  .refine((v) => Number.isFinite(v) && v > 0, { message: 'must be a positive number' });
export const optimizerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('sgd'),
    lr: learningRate,
    momentum: z.number().min(0).max(1).optional(),
    nesterov: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('adam'),
    lr: learningRate,
    betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).optional(),
  }),
]);
export type OptimizerConfig = z.infer<typeof optimizerSchema>;

export const experimentSchema = z.strictObject({
  input: imageSchema,
  target: targetSchema,
  layer: layerSchema,
  init: initSchema,
  loss: z.enum(lossKinds),
  optimizer: optimizerSchema,
  epochs: nonNegativeInt,
});
export type Experiment = z.infer<typeof experimentSchema>;

/** The textbook's X: 6 x 8 ones with columns 2-5 zero (a vertical stripe of black between white). */
export function notebookInput(): Image {
  const data: number[] = [];
  for (let row = 0; row < 6; row++) {
    for (let col = 0; col < 8; col++) data.push(col >= 2 && col < 6 ? 0 : 1);
  }
  return { channels: 1, height: 6, width: 8, data };
}

/**
 * The layer `corr2d` is: a kernel of `kernelShape` ([out, in, kh, kw]) with no padding, stride 1,
 * dilation 1, no bias, cross-correlation. What the notebook and `convlab train` start from.
 */
export function plainLayer(kernelShape: readonly [number, number, number, number]): Layer {
  const [outChannels, inChannels, kh, kw] = kernelShape;
  return {
    kernelSize: [kh, kw],
    inChannels,
    outChannels,
    padding: [0, 0],
    paddingMode: 'zeros',
    stride: [1, 1],
    dilation: [1, 1],
    bias: false,
    flip: false,
  };
}

/** The seed of seeded draws in the lab and the CLI; any fixed value would do. */
export const NOTEBOOK_SEED = 7;

/**
 * The book's run starts here. The notebook starts from a random draw and prints only the losses and the
 * learned kernel; gradient descent on its quadratic loss is affine in the weights, so
 * scripts/solve-book-start.py solves the start from those printed values (PyTorch 1.13, float32):
 * from these weights PyTorch prints every digit the book prints (test/fixtures/torch/book_run.json).
 * Held as float32 values, as PyTorch holds them, so a lab file stores and reopens them exactly.
 */
export const BOOK_START: readonly [number, number] = [Math.fround(-0.24912), Math.fround(0.11687)];

/** The book's start as an experiment's `init`: the 1 x 2 kernel the notebook learns. */
export function bookInit(): Init {
  return { kind: 'weights', weight: { shape: [1, 1, 1, 2], data: [...BOOK_START] }, bias: null };
}

/** The opening scene: learn K = [1, -1] from the stripes, as the notebook's 10-epoch loop does, from the book's start. */
export function notebookExperiment(): Experiment {
  return {
    input: notebookInput(),
    target: { kind: 'kernel', kernel: { shape: [1, 1, 1, 2], data: [1, -1] }, bias: null },
    layer: plainLayer([1, 1, 1, 2]),
    init: bookInit(),
    loss: 'sum-squared',
    optimizer: { kind: 'sgd', lr: 0.03 },
    epochs: 10,
  };
}
