// File access for the CLI: reads that explain what is wrong, outputs checked before any work starts
// (writable, not one of the inputs), and writes that leave the old file intact on failure (see
// core/node/atomicWrite.ts).
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import { dirname } from 'node:path';
import { probeWritable, writeFileAtomicSync } from '../node/atomicWrite.ts';
import { overLimit, type LimitName } from '../src/limits.ts';
import { UsageError } from './errors.ts';

/**
 * A path as it goes into a one-line message: as typed, or quoted with escapes when it holds a
 * newline or another control character that would break the line.
 */
export function displayPath(path: string): string {
  return hasControlCharacter(path) ? JSON.stringify(path) : path;
}

/** The message with every control character escaped, so it stays one line whatever it quotes. */
export function oneLine(message: string): string {
  return hasControlCharacter(message) ? JSON.stringify(message).slice(1, -1) : message;
}

function hasControlCharacter(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return /[\u0000-\u001f\u007f]/.test(text);
}

/**
 * The whole file, refused before reading when it is not a regular file or is larger than
 * LIMITS[limit]. It is opened without blocking, so a FIFO named by mistake cannot hang the command.
 */
export function readInputFile(
  command: string,
  option: string,
  path: string,
  limit: Extract<LimitName, 'fileBytes' | 'imageFileBytes'> = 'fileBytes',
): Buffer {
  const shown = `--${option} ${displayPath(path)}`;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(`convlab ${command}: cannot read ${shown}: ${describeFsError(error)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`convlab ${command}: ${shown} is not a file`);
    const tooLarge = overLimit(limit, `the size in bytes of ${shown}`, stats.size);
    if (tooLarge !== null) throw new UsageError(`convlab ${command}: ${tooLarge}`);
    return readFileSync(fd);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`convlab ${command}: cannot read ${shown}: ${describeFsError(error)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses an output that is the same file as one of the inputs (by device and inode, so `./a.png`
 * and `a.png`, a symbolic link or a hard link to an input are all caught): writing it would destroy
 * the input. Inputs that are not files (a preset name) are left out by the caller.
 */
export function refuseOutputOverInput(
  command: string,
  output: readonly [option: string, path: string],
  inputs: ReadonlyArray<readonly [option: string, path: string]>,
): void {
  const out = identity(output[1]);
  if (out === null) return;
  for (const [option, path] of inputs) {
    const input = identity(path);
    if (input !== null && input.dev === out.dev && input.ino === out.ino) {
      throw new UsageError(
        `convlab ${command}: --${output[0]} ${displayPath(output[1])} is the same file as --${option} ${displayPath(path)}; writing it would destroy the input, choose another --${output[0]}`,
      );
    }
  }
}

function identity(path: string): BigIntStats | null {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return null;
  }
}

/** Checks that `path` can be written, before the command does any work (see probeWritable). */
export function checkOutputWritable(command: string, option: string, path: string): void {
  try {
    probeWritable(path);
  } catch (error) {
    throw new UsageError(
      `convlab ${command}: cannot write --${option} ${displayPath(path)}: ${describeWriteError(error, path)}`,
    );
  }
}

/** Writes `contents` to `path` atomically; the old file (if any) is intact when this throws. */
export function writeOutputFile(
  command: string,
  option: string,
  path: string,
  contents: string | Uint8Array,
): void {
  try {
    writeFileAtomicSync(path, contents);
  } catch (error) {
    throw new UsageError(
      `convlab ${command}: cannot write --${option} ${displayPath(path)}: ${describeWriteError(error, path)}`,
    );
  }
}

function describeWriteError(error: unknown, path: string): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return `the folder ${displayPath(dirname(path))} does not exist`;
  if (code === 'ENOTDIR') return `${displayPath(dirname(path))} is not a folder`;
  if (code === 'EISDIR') return 'it is a folder; give a file name';
  if (code === 'ENOTREGULAR') return 'it is not a regular file';
  if (code === 'EREADONLYFILE') return 'the file is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  return describeFsError(error);
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ELOOP') return 'too many symbolic links';
  return oneLine((error as Error).message);
}
