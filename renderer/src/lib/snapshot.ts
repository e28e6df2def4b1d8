// Everything on screen that a reload must bring back, as a versioned plain object, and the one schema
// that checks it: the autosave, an opened lab and imported weights all pass through it, with the same
// bounds as the lab's fields (read from the core's LIMITS), so a state the lab would refuse to type
// cannot come back from storage or a file either. Validated on the way in: a damaged or foreign
// snapshot is rejected whole instead of half-applied. Copies go through JSON: the parts may be Svelte
// state proxies, which structuredClone rejects.
import { z } from 'zod';
import { LIMITS, overLimit, type LimitName } from '../../../core/src/limits.ts';
import { describeIssue, formatPath } from '../../../core/src/formats/issues.ts';
import type { Grid } from './grid.ts';
import { PAD_MODES, type LayerGeometry } from '../../../core/src/conv/geometry.ts';
import type { TrainingResults } from '../state/Training.svelte.ts';
import type { TrainingSettings } from '../lab/labExperiment.ts';
import type { Plane } from '../../../core/src/shape.ts';

export const SNAPSHOT_APP = 'convlab-renderer';
export const SNAPSHOT_VERSION = 2;

/** A number the lab can hold: finite, and still finite once stored as float32 (1e39 is not). */
const value = z.number().refine((v) => Number.isFinite(v) && Number.isFinite(Math.fround(v)), {
  message: 'must be a finite number within float32 range',
});

/** A whole number from `min` up to the limit `name`, refused with the limit's own one-line words. */
const bounded = (name: LimitName, min: number) =>
  z
    .number()
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .superRefine((v, ctx) => {
      // overLimit names the field itself; the path is put in front when the issue is reported.
      const refusal = overLimit(name, '', v);
      if (refusal !== null) ctx.addIssue({ code: 'custom', message: refusal.trimStart() });
    });

const gridSchema = (side: z.ZodType<number>) =>
  z
    .object({ height: side, width: side, data: z.array(value) })
    .strict()
    .refine((g) => g.data.length === g.height * g.width, {
      message: 'data must have height × width values',
    });

/** The largest output the lab can make: stride 1, a 1 x 1 kernel and the most padding on both sides. */
const MAX_OUTPUT_SIDE = LIMITS.labInputSide.max + 2 * LIMITS.padding.max;
const outputSide = z
  .number()
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be at least 1' })
  .max(MAX_OUTPUT_SIDE, { message: `is over the largest output side the lab makes, ${MAX_OUTPUT_SIDE}` });

const kernelSide = bounded('labKernelSide', 1);
const pair = (item: z.ZodType<number>) => z.tuple([item, item]);

/** A one-channel kernel tensor [1, 1, kh, kw] whose data fills its shape. */
const kernelTensor = z
  .object({ shape: z.tuple([z.literal(1), z.literal(1), kernelSide, kernelSide]), data: z.array(value) })
  .strict()
  .refine((w) => w.data.length === w.shape[2] * w.shape[3], {
    message: 'data must have kernel height × width values',
  });

export const geometrySchema = z
  .object({
    padding: pair(bounded('padding', 0)),
    paddingMode: z.enum(PAD_MODES),
    stride: pair(bounded('stride', 1)),
    dilation: pair(bounded('dilation', 1)),
  })
  .strict();

export const settingsSchema = z
  .object({
    targetKind: z.enum(['kernel', 'output']),
    kernelSize: pair(kernelSide).nullable(),
    seed: z.number().int().min(0).max(0xffffffff),
    // Absent in snapshots saved before runs could start from the learned kernel: those start from the seed.
    startWeights: kernelTensor.nullable().default(null),
    optimizer: z.enum(['sgd', 'momentum', 'adam']),
    learningRate: value.refine((v) => v > 0, { message: 'must be a positive number' }),
    epochs: bounded('epochs', 1),
    loss: z.enum(['sum-squared', 'mse']),
  })
  .strict();

const resultsSchema = (history: z.ZodType<number[]>) =>
  z
    .object({
      weight: kernelTensor,
      weightGrad: kernelTensor.nullable(),
      lossHistory: history,
      // A decimated history (a long run from a file): the epoch of each value, rising.
      lossHistoryEpochs: z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).optional(),
      epoch: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      key: z.string(),
    })
    .strict()
    // A history may be decimated (long runs in lab files) but never longer than the epochs run.
    .refine((r) => r.lossHistory.length <= r.epoch, { message: 'lossHistory is longer than epoch' })
    .refine(
      (r) =>
        r.lossHistoryEpochs === undefined ||
        (r.lossHistoryEpochs.length === r.lossHistory.length &&
          r.lossHistoryEpochs.every((e, i, all) => e <= r.epoch && (i === 0 || e > all[i - 1]))),
      { message: 'lossHistoryEpochs must rise, one per lossHistory value, up to epoch' },
    );

const snapshotShape = <H extends z.ZodType<number[]>>(history: H, version: 1 | 2) =>
  z
    .object({
      app: z.literal(SNAPSHOT_APP),
      version: z.literal(version),
      input: gridSchema(bounded('labInputSide', 1)),
      kernel: gridSchema(kernelSide),
      flip: z.boolean(),
      geometry: geometrySchema,
      settings: settingsSchema,
      targetOutput: gridSchema(outputSide).nullable(),
      results: resultsSchema(history).nullable(),
    })
    .strict();

/** The snapshot in memory: the loss history as plain numbers. */
export const snapshotSchema = snapshotShape(z.array(value), SNAPSHOT_VERSION);
/** Version 1: the same fields, written by earlier builds into lab files' `ui`. */
export const snapshotV1Schema = snapshotShape(z.array(value), 1);

export type Snapshot = z.infer<typeof snapshotSchema>;
export type Geometry = z.infer<typeof geometrySchema>;

/** The lab's Float32 grid as plain numbers, as the file stores it. */
export const plainGrid = (g: Grid): Plane<number[]> => ({
  height: g.height,
  width: g.width,
  data: Array.from(g.data),
});

/** A stored plane (plain numbers) back as the lab's Float32 grid; the inverse of `plainGrid`. */
export const gridFromPlain = (g: Plane<number[]>): Grid => ({
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
    app: SNAPSHOT_APP,
    version: SNAPSHOT_VERSION,
    input: plainGrid(parts.input),
    kernel: plainGrid(parts.kernel),
    flip: parts.flip,
    geometry: JSON.parse(JSON.stringify(parts.geometry)) as Snapshot['geometry'],
    settings: JSON.parse(JSON.stringify(parts.settings)) as Snapshot['settings'],
    targetOutput: parts.targetOutput ? plainGrid(parts.targetOutput) : null,
    results: parts.results as Snapshot['results'],
  };
}

/**
 * Runs `schema` over `value`; the first issue becomes one line naming the field under `prefix`:
 * `lab state: geometry.padding[0] is 600, over the limit of 64`.
 */
export function check<T>(schema: z.ZodType<T>, value: unknown, prefix: string, where = ''): T | Error {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const issue = { ...first, path: [...(where === '' ? [] : [where]), ...first.path] };
  // The limits' refusals already name the value ("is 600, over the limit of 64"); others say what they got.
  const text = issue.code === 'custom' ? `${formatPath(issue.path)} ${issue.message}` : describeIssue(issue);
  return new Error(`${prefix}: ${oneLine(text)}`);
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The snapshot in `value` (the in-memory form), or an Error naming the first problem. */
export function readSnapshot(value: unknown): Snapshot | Error {
  return check(snapshotSchema, value, 'lab state');
}
