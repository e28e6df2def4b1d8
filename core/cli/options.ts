// Parsing and checking option values; every message names the option and the value it got.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { overLimit, type LimitName } from '../src/limits.ts';
import { UsageError } from './errors.ts';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into UsageErrors. */
export function parseOptions(
  command: string,
  args: string[],
  options: OptionSpecs,
): Record<string, string | boolean | undefined> {
  // `--init -0.6,-0.4`: parseArgs would take the negative number for an option; glue it to its name.
  const glued: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : '';
    if (options[name]?.type === 'string' && i + 1 < args.length && /^-[\d.]/.test(args[i + 1])) {
      glued.push(`${args[i]}=${args[i + 1]}`);
      i++;
    } else glued.push(args[i]);
  }
  try {
    const { values } = parseArgs({
      args: glued,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`convlab ${command}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function requireString(command: string, values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`convlab ${command}: --${name} is required (see convlab ${command} --help)`);
  return value;
}

/** A decimal number as typed; rejects "", "abc", "1e999", "0x10". */
function parseNumber(command: string, name: string, text: string): number {
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value))
    throw new UsageError(`convlab ${command}: --${name} must be a number, got ${JSON.stringify(text)}`);
  return value;
}

/** The largest finite float32, the type the core computes in. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A number that stays finite once stored as float32, as the core stores it: `1e39` would become
 * Infinity and turn every result into NaN.
 */
export function parseFloat32(command: string, name: string, text: string): number {
  const value = parseNumber(command, name, text);
  if (!Number.isFinite(Math.fround(value)))
    throw new UsageError(
      `convlab ${command}: --${name} ${text} is beyond the range of 32-bit floats (at most ${FLOAT32_MAX.toPrecision(8)} in size)`,
    );
  return value;
}

export function parsePositiveNumber(command: string, name: string, text: string): number {
  const value = parseFloat32(command, name, text);
  if (value <= 0)
    throw new UsageError(`convlab ${command}: --${name} must be a positive number, got ${text}`);
  return value;
}

export function parseInteger(
  command: string,
  name: string,
  text: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = parseNumber(command, name, text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const what =
      min === 0
        ? 'a non-negative integer'
        : min === 1
          ? 'a positive integer'
          : `an integer of at least ${min}`;
    throw new UsageError(
      `convlab ${command}: --${name} must be ${what}${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${text}`,
    );
  }
  return value;
}

/** An integer of at least `min` within LIMITS[limit]; over it, the one-line refusal of the limits table. */
export function parseLimitedInteger(
  command: string,
  name: string,
  text: string,
  min: number,
  limit: LimitName,
): number {
  const value = parseInteger(command, name, text, min);
  const refusal = overLimit(limit, `--${name}`, value);
  if (refusal !== null) throw new UsageError(`convlab ${command}: ${refusal}`);
  return value;
}

/** "N" or "H,W" (as PyTorch: one number stands for both height and width), each within LIMITS[limit]. */
export function parsePair(
  command: string,
  name: string,
  text: string,
  min: number,
  limit: LimitName,
): [number, number] {
  const parts = text.split(',');
  if (parts.length > 2)
    throw new UsageError(`convlab ${command}: --${name} must be N or H,W, got ${JSON.stringify(text)}`);
  const numbers = parts.map((part) => parseLimitedInteger(command, name, part, min, limit));
  return [numbers[0], numbers[numbers.length - 1]];
}

export function parseChoice<T extends string>(
  command: string,
  name: string,
  text: string,
  choices: readonly T[],
): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(
      `convlab ${command}: --${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`,
    );
  }
  return text as T;
}
