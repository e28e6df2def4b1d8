// File access for the CLI: reads that explain what is wrong, and writes that leave nothing behind on
// failure (a temporary file renamed into place only once it is complete).
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LIMITS } from '../src/limits.ts';
import { UsageError } from './errors.ts';

export function readInputFile(
  command: string,
  option: string,
  path: string,
  maxBytes = LIMITS.fileBytes.max,
): Buffer {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`convlab ${command}: --${option} ${path} is not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`convlab ${command}: cannot read --${option} ${path}: ${describeFsError(error)}`);
  }
  if (size > maxBytes)
    throw new UsageError(
      `convlab ${command}: --${option} ${path} is ${size} bytes, more than the limit of ${maxBytes}`,
    );
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`convlab ${command}: cannot read --${option} ${path}: ${describeFsError(error)}`);
  }
}

/** Writes `contents` to `path` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(command: string, path: string, contents: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`convlab ${command}: cannot write --out ${path}: ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return (error as Error).message;
}
