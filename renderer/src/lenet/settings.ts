// The LeNet view's fields as typed (strings), checked one by one so each can say what is wrong beside
// itself; the bounds come from LIMITS (through LENET_MAX) and the training set's size, and the run
// config itself is checked once more by the core's lenetRunConfig when the worker is configured.
import { formatCount } from '../../../core/src/limits.ts';
import { LENET_DEFAULTS, LENET_MAX, type LenetRunConfig } from '../../../core/src/lenet/config.ts';
import type { LeNetActivation } from '../../../core/src/models/lenet.ts';

export interface LenetFields {
  epochs: string;
  lr: string;
  batchSize: string;
  activation: LeNetActivation;
  trainSize: string;
}

export type LenetFieldName = Exclude<keyof LenetFields, 'activation'>;

/** The labels on screen, also used in the messages. */
export const FIELD_LABELS: Record<LenetFieldName | 'activation', string> = {
  epochs: 'Epochs',
  lr: 'Learning rate',
  batchSize: 'Batch size',
  activation: 'Activation',
  trainSize: 'Training images',
};

/**
 * Starting values: ReLU, learning rate 0.1, batches of 64, 5 epochs on every shipped training image,
 * which reaches a test accuracy near 0.78 within 3 epochs here (`convlab lenet --activation relu
 * --lr 0.1 --batch-size 64` on the subset). The book's sigmoid settings (LENET_DEFAULTS) need the full
 * 60,000 images to get going: on the 10,000 shipped they stay at 0.10 for all 10 epochs.
 */
export function defaultFields(trainAvailable: number): LenetFields {
  return {
    epochs: '5',
    lr: '0.1',
    batchSize: '64',
    activation: 'relu',
    trainSize: String(Math.min(trainAvailable, LENET_MAX.trainSize)),
  };
}

/** The book's settings (d2l section 7.6) with every training image the lab has. */
export function bookFields(trainAvailable: number): LenetFields {
  return {
    epochs: String(LENET_DEFAULTS.epochs),
    lr: String(LENET_DEFAULTS.lr),
    batchSize: String(LENET_DEFAULTS.batchSize),
    activation: LENET_DEFAULTS.activation,
    trainSize: String(Math.min(trainAvailable, LENET_MAX.trainSize)),
  };
}

function wholeNumber(field: LenetFieldName, text: string, min: number, max: number): number | string {
  const value = Number(text.trim());
  const label = FIELD_LABELS[field];
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    return `${label} must be a whole number from ${formatCount(min)} to ${formatCount(max)}, got ${text.trim() === '' ? 'nothing' : text.trim()}`;
  }
  return value;
}

/** The run settings the fields give (the seed stays the run's own, and every run names its images). */
export type FieldConfig = Omit<LenetRunConfig, 'seed' | 'trainSize'> & { trainSize: number };

export interface CheckedFields {
  /** The run's settings when every field holds a usable value, else null. */
  config: FieldConfig | null;
  /** One line per field that is out of bounds. */
  errors: Partial<Record<LenetFieldName, string>>;
}

/** Checks every field; `trainAvailable` is how many training images the loaded data set has. */
export function checkFields(fields: LenetFields, trainAvailable: number): CheckedFields {
  const errors: Partial<Record<LenetFieldName, string>> = {};
  const take = (field: LenetFieldName, result: number | string): number => {
    if (typeof result === 'string') errors[field] = result;
    return typeof result === 'number' ? result : NaN;
  };
  const epochs = take('epochs', wholeNumber('epochs', fields.epochs, 1, LENET_MAX.epochs));
  const batchSize = take('batchSize', wholeNumber('batchSize', fields.batchSize, 1, LENET_MAX.batchSize));
  const trainSize = take(
    'trainSize',
    wholeNumber('trainSize', fields.trainSize, 1, Math.min(LENET_MAX.trainSize, trainAvailable)),
  );
  const lr = Number(fields.lr.trim());
  if (fields.lr.trim() === '' || !Number.isFinite(lr) || lr <= 0) {
    errors.lr = `${FIELD_LABELS.lr} must be a positive number, got ${fields.lr.trim() === '' ? 'nothing' : fields.lr.trim()}`;
  }
  if (Object.keys(errors).length > 0) return { config: null, errors };
  return { config: { epochs, lr, batchSize, activation: fields.activation, trainSize }, errors };
}
