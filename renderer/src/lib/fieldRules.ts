// What a number field accepts, and the one-line reason a typed value is refused. A refused value is
// never applied: the lab keeps its last good value and the field says why, next to it. Upper bounds
// come from the core's limits table, so the field refuses exactly what a file or the CLI would.
import { LIMITS, formatCount, overLimit, type LimitName } from '../../../core/src/limits.ts';

export interface FieldRules {
  /** Smallest value allowed (inclusive). */
  readonly min?: number;
  /** Largest value allowed (inclusive); with `limit` it is the limit's max. */
  readonly max?: number;
  /** The limits-table entry bounding the field from above: its refusal is the field's message. */
  readonly limit?: LimitName;
  /** Only whole numbers (sizes, padding, epochs, seeds). */
  readonly integer?: boolean;
  /** Values must be above zero (a learning rate). */
  readonly positive?: boolean;
}

/** The largest finite 32-bit float: the lab computes in float32, so larger values become Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The field's upper bound: its limit's, else its own max, else float32's. */
export function upperBound(rules: FieldRules): number {
  return rules.limit !== undefined ? LIMITS[rules.limit].max : (rules.max ?? FLOAT32_MAX);
}

/** "a whole number from 0 to 64", "a number above 0": what the field takes, for its messages. */
export function describeRange(rules: FieldRules): string {
  const kind = rules.integer ? 'a whole number' : 'a number';
  const max = upperBound(rules);
  const maxText = max === FLOAT32_MAX ? null : formatCount(max);
  if (rules.positive) return maxText ? `${kind} above 0, up to ${maxText}` : `${kind} above 0`;
  if (rules.min !== undefined && maxText) return `${kind} from ${formatCount(rules.min)} to ${maxText}`;
  if (rules.min !== undefined) return `${kind} of at least ${formatCount(rules.min)}`;
  return maxText ? `${kind} up to ${maxText}` : kind;
}

export type FieldReading = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads a number field's text. `badInput` is the browser's verdict on text it could not parse (an
 * `<input type="number">` then reports an empty value): "1e999", a lone "-".
 */
export function readField(label: string, text: string, badInput: boolean, rules: FieldRules): FieldReading {
  const takes = describeRange(rules);
  const trimmed = text.trim();
  if (badInput) return { ok: false, message: `${label} is not a number it can use: it takes ${takes}` };
  if (trimmed === '') return { ok: false, message: `${label} is empty: it takes ${takes}` };
  const value = Number(trimmed);
  if (Number.isNaN(value))
    return { ok: false, message: `${label} "${trimmed}" is not a number: it takes ${takes}` };
  if (!Number.isFinite(value))
    return { ok: false, message: `${label} ${trimmed} is too large: it takes ${takes}` };
  if (rules.integer && !Number.isInteger(value)) {
    return { ok: false, message: `${label} must be a whole number, got ${trimmed}` };
  }
  if (rules.positive && !(value > 0)) {
    return { ok: false, message: `${label} must be above 0, got ${trimmed}` };
  }
  if (rules.min !== undefined && value < rules.min) {
    return {
      ok: false,
      message: `${label} is ${formatCount(value)}, under the minimum of ${formatCount(rules.min)}`,
    };
  }
  if (rules.limit !== undefined) {
    const refusal = overLimit(rules.limit, label, value);
    if (refusal !== null) return { ok: false, message: refusal };
  }
  const max = upperBound(rules);
  if (Math.abs(value) > FLOAT32_MAX) {
    return { ok: false, message: `${label} ${trimmed} is too large for the lab's 32-bit numbers` };
  }
  if (value > max) {
    return {
      ok: false,
      message: `${label} is ${formatCount(value)}, over the maximum of ${formatCount(max)}`,
    };
  }
  return { ok: true, value };
}

/** The message for characters the browser refused to type into a number field ("abc"). */
export function refusedCharacters(label: string, typed: string, rules: FieldRules): string {
  return `${label} takes digits only ("${typed}" is not part of a number): ${describeRange(rules)}`;
}
