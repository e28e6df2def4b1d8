// What the weights and lab readers share: their error type, the size cap, JSON parsing with a message
// that says what went wrong, and compact pretty-printing (number arrays on one line).
import type { z } from 'zod';
import { describeIssue } from './issues.ts';

/** Thrown for any file ConvLab will not read; `message` starts with the kind of file. */
export class FormatError extends Error {
  override name = 'FormatError';
}

/** Files larger than this are refused before parsing (5 MB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Parses JSON text that is at most MAX_FILE_BYTES long (in UTF-8); throws FormatError. */
export function parseJsonText(text: string, label: string): unknown {
  if (typeof text !== 'string') throw new FormatError(`${label}: expected text, got ${typeof text}`);
  const bytes = utf8Length(text);
  if (bytes > MAX_FILE_BYTES) {
    throw new FormatError(
      `${label}: the file is ${bytes} bytes, more than the limit of ${MAX_FILE_BYTES} (5 MB)`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FormatError(`${label}: not valid JSON (${(error as Error).message})`);
  }
}

/** Runs a zod schema; the first issue becomes a FormatError naming the field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new FormatError(`${label}: ${describeIssue(result.error.issues[0])}`);
  return result.data;
}

/** Two-space JSON, except that arrays holding only numbers stay on one line. */
export function stringifyCompact(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\[\s*((?:-?[\d.eE+-]+\s*,\s*)*-?[\d.eE+-]+)\s*\]/g, (_, inner: string) => `[${inner.split(/\s*,\s*/).join(', ')}]`)}\n`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
