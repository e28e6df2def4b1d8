// Everything on screen that a reload must bring back, as a versioned plain object: stored in
// localStorage for autosave and carried in a lab file's free-form `ui` field. Validated on the way in,
// so a damaged or foreign snapshot is rejected whole instead of half-applied. Copies go through JSON:
// the parts may be Svelte state proxies, which structuredClone rejects.
import { z } from 'zod';
import type { Grid } from './grid.ts';
import { MAX_GRID_SIZE } from './grid.ts';
import type { LayerGeometry } from './geometry.ts';
import type { TrainingResults, TrainingSettings } from '../state/Training.svelte.ts';

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const count = (max: number) => z.number().int().min(1).max(max);

const gridSchema = (max: number) =>
  z
    .object({ height: count(max), width: count(max), data: z.array(finite) })
    .refine((g) => g.data.length === g.height * g.width, { message: 'data must have height × width values' });

const tensorSchema = z.object({ shape: z.array(z.number().int().min(1)), data: z.array(finite) });

export const snapshotSchema = z.object({
  app: z.literal('convlab-renderer'),
  version: z.literal(1),
  input: gridSchema(MAX_GRID_SIZE),
  kernel: gridSchema(7),
  flip: z.boolean(),
  geometry: z.object({
    padding: z.tuple([z.number(), z.number()]),
    paddingMode: z.enum(['zeros', 'reflect', 'replicate', 'circular']),
    stride: z.tuple([z.number(), z.number()]),
    dilation: z.tuple([z.number(), z.number()]),
  }),
  settings: z.object({
    targetKind: z.enum(['kernel', 'output']),
    kernelSize: z.tuple([count(7), count(7)]).nullable(),
    seed: z.number().int().min(0),
    // Absent in snapshots saved before runs could start from the learned kernel: those start from the seed.
    startWeights: z
      .object({ shape: z.tuple([count(1), count(1), count(7), count(7)]), data: z.array(finite) })
      .refine((w) => w.data.length === w.shape[2] * w.shape[3], {
        message: 'data must have kernel height × width values',
      })
      .nullable()
      .default(null),
    optimizer: z.enum(['sgd', 'momentum', 'adam']),
    learningRate: z.number(),
    epochs: z.number().int().min(1),
    loss: z.enum(['sum-squared', 'mse']),
  }),
  targetOutput: gridSchema(MAX_GRID_SIZE).nullable(),
  results: z
    .object({
      weight: tensorSchema,
      weightGrad: tensorSchema.nullable(),
      lossHistory: z.array(z.number()),
      epoch: z.number().int().min(0),
      key: z.string(),
    })
    .nullable(),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

export const plainGrid = (g: Grid): { height: number; width: number; data: number[] } => ({
  height: g.height,
  width: g.width,
  data: Array.from(g.data),
});

export const toGrid = (g: { height: number; width: number; data: number[] }): Grid => ({
  height: g.height,
  width: g.width,
  data: Float32Array.from(g.data),
});

export function makeSnapshot(parts: {
  input: Grid;
  kernel: Grid;
  flip: boolean;
  geometry: LayerGeometry;
  settings: TrainingSettings;
  targetOutput: Grid | null;
  results: TrainingResults | null;
}): Snapshot {
  return {
    app: 'convlab-renderer',
    version: 1,
    input: plainGrid(parts.input),
    kernel: plainGrid(parts.kernel),
    flip: parts.flip,
    geometry: JSON.parse(JSON.stringify(parts.geometry)) as Snapshot['geometry'],
    settings: JSON.parse(JSON.stringify(parts.settings)) as Snapshot['settings'],
    targetOutput: parts.targetOutput ? plainGrid(parts.targetOutput) : null,
    results: parts.results,
  };
}

/** The snapshot in `value`, or an Error naming the first problem. */
export function readSnapshot(value: unknown): Snapshot | Error {
  const parsed = snapshotSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return new Error(`lab state: ${issue.path.join('.') || '(the document)'} ${issue.message}`);
}

export const AUTOSAVE_KEY = 'convlab.lab.v1';
