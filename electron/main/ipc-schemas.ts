/**
 * zod schemas for every payload the renderer sends. Main trusts nothing that crosses IPC: a
 * compromised renderer could send any structured-clonable value.
 */
import { z } from 'zod';
import { LIMITS } from '../../core/src/limits.ts';

/** Largest payload main will write: no larger than a file ConvLab would read back (lab, weights, PNG). */
export const maxWriteBytes = Math.max(LIMITS.fileBytes.max, LIMITS.imageFileBytes.max);

const fileFilter = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z
    .array(
      z.string().regex(/^(\*|[A-Za-z0-9]+(\.[A-Za-z0-9]+)*)$/, 'an extension without the dot, e.g. "json"'),
    )
    .min(1)
    .max(10),
});

const fileFilters = z.array(fileFilter).max(10);

/** A bare file name: the renderer suggests a name, never a directory to write into. */
const suggestedName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..' && !name.includes('\0'), {
    message: 'a bare file name without directories',
  });

export const saveFileRequestSchema = z.strictObject({
  suggestedName,
  bytes: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.byteLength <= maxWriteBytes, { message: `at most ${maxWriteBytes} bytes` }),
  filters: fileFilters,
});

export const openFileRequestSchema = z.strictObject({ filters: fileFilters });

/** Turns a zod failure into one line naming the channel and every problem, for the renderer to show. */
export function describeInvalidPayload(channel: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`);
  return `${channel}: invalid request (${problems.join('; ')})`;
}

/** The folder dialog takes no arguments: the renderer sends nothing, and anything else is refused. */
export const openDatasetFolderRequestSchema = z.undefined();
