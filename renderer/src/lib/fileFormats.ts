// The weights and lab files as the lab reads and writes them (formats of the worker issue #3):
// weights as `{ format: "convlab-weights", version: 1, layer, weight: { shape, data: [out][in][kh][kw] },
// bias, training, app }`, a lab as `{ format: "convlab-lab", version: 1, experiment, results, ui }` with
// the renderer's snapshot in `ui`. Parsing validates everything and throws one Error naming the field.
import { z } from 'zod';
import type { Experiment } from '../../../core/src/train/experiment.ts';
import type { LayerGeometry } from './geometry.ts';
import type { Grid } from './grid.ts';
import { readSnapshot, type Snapshot } from './snapshot.ts';
import type { TrainingResults } from '../state/Training.svelte.ts';

export const MAX_FILE_CHARS = 5_000_000;
const APP = { name: 'ConvLab', version: '0.1.0' };

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const positiveInt = z.number().int().min(1);

const weightsSchema = z.object({
  format: z.literal('convlab-weights'),
  version: z.literal(1),
  layer: z.object({
    kernelSize: z.tuple([positiveInt, positiveInt]),
    inChannels: z.literal(1),
    outChannels: z.literal(1),
    padding: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
    paddingMode: z.enum(['zeros', 'reflect', 'replicate', 'circular']),
    stride: z.tuple([positiveInt, positiveInt]),
    dilation: z.tuple([positiveInt, positiveInt]),
    bias: z.boolean(),
    flip: z.boolean().optional(),
  }),
  weight: z.object({
    shape: z.tuple([
      z.literal(1),
      z.literal(1),
      z.number().int().min(1).max(7),
      z.number().int().min(1).max(7),
    ]),
    data: z.array(z.array(z.array(z.array(finite)))),
  }),
  bias: z.object({ shape: z.array(positiveInt), data: z.array(finite) }).nullable(),
  training: z
    .object({ lossHistory: z.array(z.number()).optional() })
    .passthrough()
    .nullable()
    .optional(),
});

function describe(prefix: string, error: z.ZodError): Error {
  const issue = error.issues[0];
  const path = issue.path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');
  return new Error(`${prefix}: ${path || '(the document)'} ${issue.message}`);
}

function parseJson(prefix: string, text: string): unknown {
  if (text.length > MAX_FILE_CHARS) {
    throw new Error(
      `${prefix}: the file has ${text.length} characters, more than the ${MAX_FILE_CHARS} allowed`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${prefix}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}

export interface ImportedWeights {
  weight: { shape: number[]; data: number[] };
  geometry: LayerGeometry;
  flip: boolean;
  lossHistory: number[];
}

/** Validates a weights file against its format and the current input; throws a message naming the field. */
export function parseWeightsFile(text: string, input: Pick<Grid, 'height' | 'width'>): ImportedWeights {
  const prefix = 'Import weights';
  const parsed = weightsSchema.safeParse(parseJson(prefix, text));
  if (!parsed.success) throw describe(prefix, parsed.error);
  const doc = parsed.data;
  const [, , kh, kw] = doc.weight.shape;
  const nested = doc.weight.data;
  if (
    nested.length !== 1 ||
    nested[0].length !== 1 ||
    nested[0][0].length !== kh ||
    nested[0][0].some((r) => r.length !== kw)
  ) {
    throw new Error(
      `${prefix}: weight.data does not have the shape [1, 1, ${kh}, ${kw}] that weight.shape says`,
    );
  }
  if (doc.layer.kernelSize[0] !== kh || doc.layer.kernelSize[1] !== kw) {
    throw new Error(
      `${prefix}: layer.kernelSize [${doc.layer.kernelSize.join(', ')}] does not match weight.shape [1, 1, ${kh}, ${kw}]`,
    );
  }
  if (kh > input.height + 2 * doc.layer.padding[0] || kw > input.width + 2 * doc.layer.padding[1]) {
    throw new Error(
      `${prefix}: the ${kh} × ${kw} kernel does not fit the ${input.height} × ${input.width} input`,
    );
  }
  return {
    weight: { shape: [1, 1, kh, kw], data: nested[0][0].flat() },
    geometry: {
      padding: doc.layer.padding,
      paddingMode: doc.layer.paddingMode,
      stride: doc.layer.stride,
      dilation: doc.layer.dilation,
    },
    flip: doc.layer.flip ?? false,
    lossHistory: (doc.training?.lossHistory ?? []).filter(Number.isFinite),
  };
}

const nest = (data: readonly number[], kh: number, kw: number): number[][][][] => [
  [Array.from({ length: kh }, (_, r) => Array.from(data.slice(r * kw, (r + 1) * kw)))],
];

export function serializeWeightsFile(experiment: Experiment, results: TrainingResults): string {
  const [, , kh, kw] = results.weight.shape;
  const doc = {
    format: 'convlab-weights',
    version: 1,
    layer: { ...experiment.layer, kernelSize: [kh, kw] },
    weight: { shape: [1, 1, kh, kw], data: nest(results.weight.data, kh, kw) },
    bias: null,
    training: {
      optimizer: experiment.optimizer.kind,
      lr: experiment.optimizer.lr,
      epochs: results.epoch,
      seed: experiment.init.kind === 'seed' ? experiment.init.seed : null,
      lossHistory: results.lossHistory,
      targetKernel: experiment.target.kind === 'kernel' ? experiment.target.kernel : null,
    },
    app: APP,
  };
  return JSON.stringify(doc, null, 2);
}

export function serializeLabFile(experiment: Experiment, snapshot: Snapshot): string {
  const results = snapshot.results
    ? { lossHistory: snapshot.results.lossHistory, weight: snapshot.results.weight, bias: null }
    : null;
  return JSON.stringify({ format: 'convlab-lab', version: 1, experiment, results, ui: snapshot, app: APP });
}

/** The lab's on-screen state from a lab file; throws a message naming the field. */
export function parseLabFile(text: string): Snapshot {
  const prefix = 'Open lab';
  const doc = parseJson(prefix, text);
  if (typeof doc !== 'object' || doc === null || (doc as { format?: unknown }).format !== 'convlab-lab') {
    throw new Error(`${prefix}: format must be "convlab-lab"`);
  }
  if ((doc as { version?: unknown }).version !== 1) throw new Error(`${prefix}: version must be 1`);
  const snapshot = readSnapshot((doc as { ui?: unknown }).ui);
  if (snapshot instanceof Error) throw new Error(`${prefix}: ui: ${snapshot.message}`);
  return snapshot;
}
