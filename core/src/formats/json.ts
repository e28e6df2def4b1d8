// What the weights and lab readers share: their error type, the size cap, JSON parsing with a message
// that says what went wrong, and compact pretty-printing (number arrays on one line).
import type { z } from 'zod';
import { overLimit } from '../limits.ts';
import { describeIssue, oneLine } from './issues.ts';

/** Thrown for any file ConvLab will not read; `message` starts with the kind of file and is one line. */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(message: string) {
    super(oneLine(message));
  }
}

/** The size of `text` in UTF-8, in bytes. */
export function utf8Length(text: string): number {
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

/** The refusal for a file of `bytes` bytes over LIMITS.fileBytes, or null. */
export function fileSizeIssue(bytes: number): string | null {
  return overLimit('fileBytes', "the file's size in bytes", bytes);
}

/**
 * Parses JSON text of at most LIMITS.fileBytes (in UTF-8); throws FormatError. A UTF-8 byte-order
 * mark at the start (Windows editors write one) is skipped.
 */
export function parseJsonText(text: string, label: string): unknown {
  if (typeof text !== 'string') throw new FormatError(`${label}: expected text, got ${typeof text}`);
  const tooLarge = fileSizeIssue(utf8Length(text));
  if (tooLarge !== null) throw new FormatError(`${label}: ${tooLarge}`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    // JSON.parse quotes the file around the error, newlines included; FormatError keeps it on one line.
    throw new FormatError(`${label}: not valid JSON (${(error as Error).message})`);
  }
}

/** Runs a zod schema; the first issue becomes a FormatError naming the field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new FormatError(`${label}: ${describeIssue(result.error.issues[0])}`);
  return result.data;
}

/** A writer's text, refused when its reader would refuse it for its size. */
export function checkedFileText(text: string, label: string): string {
  const tooLarge = fileSizeIssue(utf8Length(text));
  if (tooLarge !== null) throw new FormatError(`${label}: cannot write the file: ${tooLarge}`);
  return text;
}

type Work = { text: string } | { value: unknown; indent: string };

/**
 * Two-space JSON as JSON.stringify(value, null, 2) writes it, except that arrays holding only numbers
 * stay on one line (`[1, -1]`). Written with an explicit stack rather than recursion or a regular
 * expression over the text, so neither a deep document nor an array of millions of numbers can
 * overflow the call stack.
 */
export function stringifyCompact(value: unknown): string {
  const parts: string[] = [];
  const stack: Work[] = [{ value, indent: '' }];
  while (stack.length > 0) {
    const work = stack.pop() as Work;
    if ('text' in work) {
      parts.push(work.text);
      continue;
    }
    const { indent } = work;
    const current = work.value;
    if (Array.isArray(current)) {
      if (current.length === 0) parts.push('[]');
      else if (current.every((item) => typeof item === 'number')) {
        parts.push(`[${current.map((item) => JSON.stringify(item)).join(', ')}]`);
      } else {
        const inner = `${indent}  `;
        stack.push({ text: `\n${indent}]` });
        for (let i = current.length - 1; i >= 0; i--) {
          // As JSON.stringify: holes, undefined and functions in arrays are written null.
          const item: unknown = current[i];
          stack.push({
            value: item === undefined || typeof item === 'function' ? null : item,
            indent: inner,
          });
          stack.push({ text: `${i === 0 ? '[' : ','}\n${inner}` });
        }
      }
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current).filter(
        ([, item]) => item !== undefined && typeof item !== 'function',
      );
      if (entries.length === 0) parts.push('{}');
      else {
        const inner = `${indent}  `;
        stack.push({ text: `\n${indent}}` });
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, item] = entries[i];
          stack.push({ value: item, indent: inner });
          stack.push({ text: `${i === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: ` });
        }
      }
    } else parts.push(JSON.stringify(current) ?? 'null');
  }
  return `${parts.join('')}\n`;
}
