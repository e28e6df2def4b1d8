// A LeNet training run's settings, checked once here for every entry point (the CLI's options, the
// lab's fields, the worker): the defaults are d2l's (section 7.6: SGD lr 0.9, batch 256, 10 epochs),
// the bounds come from LIMITS.
import { z } from 'zod';
import { LIMITS, overLimit, type LimitName } from '../limits.ts';
import { lenetActivations, type LeNetActivation } from '../models/lenet.ts';

export interface LenetRunConfig {
  epochs: number;
  /** SGD's learning rate (no momentum, no weight decay: d2l's train_ch6). */
  lr: number;
  batchSize: number;
  /** Seeds the initial weights and every epoch's shuffle. */
  seed: number;
  activation: LeNetActivation;
  /** How many training images to use; null for all of them. */
  trainSize: number | null;
}

/** d2l's settings: `lr, num_epochs = 0.9, 10`, `batch_size = 256`, the sigmoid network, all images. */
export const LENET_DEFAULTS: LenetRunConfig = {
  epochs: 10,
  lr: 0.9,
  batchSize: 256,
  seed: 0,
  activation: 'sigmoid',
  trainSize: null,
};

/** Thrown for a setting ConvLab cannot run; the message is one line naming the field and the value. */
export class LenetConfigError extends Error {
  override name = 'LenetConfigError';

  /** `detail`: the problem without the `lenet config:` label, for callers that name it their way. */
  constructor(readonly detail: string) {
    super(`lenet config: ${detail}`);
  }
}

const wholeNumber = (min: number) => z.number().int().min(min).max(Number.MAX_SAFE_INTEGER);

const configSchema = z.strictObject({
  epochs: wholeNumber(1),
  lr: z.number().refine((v) => Number.isFinite(v) && v > 0, { message: 'must be a positive number' }),
  batchSize: wholeNumber(1),
  seed: wholeNumber(0),
  activation: z.enum(lenetActivations),
  trainSize: wholeNumber(1).nullable(),
});

/** Which limit bounds which field. */
const FIELD_LIMITS: Array<[keyof LenetRunConfig, LimitName]> = [
  ['epochs', 'lenetEpochs'],
  ['batchSize', 'lenetBatchSize'],
  ['trainSize', 'lenetTrainSize'],
];

/**
 * The config with defaults filled in for missing fields, or LenetConfigError. `fieldName` spells a
 * field as the caller's user knows it (the CLI passes `--batch-size` for batchSize).
 */
export function lenetRunConfig(
  input: unknown,
  fieldName: (field: keyof LenetRunConfig) => string = (field) => field,
): LenetRunConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new LenetConfigError('must be an object of settings');
  }
  // A field given as undefined is a missing field (a form's empty box), not a wrong value.
  const given = Object.entries(input).filter(([, value]) => value !== undefined);
  const merged: Record<string, unknown> = { ...LENET_DEFAULTS, ...Object.fromEntries(given) };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new LenetConfigError(`unknown settings ${issue.keys.join(', ')}`);
    }
    const field = String(issue.path[0] ?? '');
    const name = fieldName(field as keyof LenetRunConfig);
    throw new LenetConfigError(
      `${name} ${describeIssue(issue)}, got ${describe((merged as Record<string, unknown>)[field])}`,
    );
  }
  const config = parsed.data;
  for (const [field, limit] of FIELD_LIMITS) {
    const value = config[field];
    if (typeof value !== 'number') continue;
    const refusal = overLimit(limit, fieldName(field), value);
    if (refusal !== null) throw new LenetConfigError(refusal);
  }
  return config;
}

/** The largest value of each bounded field, for help texts and the lab's number fields. */
export const LENET_MAX = {
  epochs: LIMITS.lenetEpochs.max,
  batchSize: LIMITS.lenetBatchSize.max,
  trainSize: LIMITS.lenetTrainSize.max,
} as const;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${lenetActivations.join(', ')}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type')
    return issue.expected === 'int' ? 'must be a whole number' : 'must be a number';
  if (issue.code === 'custom') return issue.message;
  return issue.message;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
