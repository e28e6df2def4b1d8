import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { overLimit, type LimitName } from '../../core/src/limits.ts';
import type { OpenedFile } from '../ipc/bridge-api.ts';

/** The size limit of the limits table that applies to a file the user picked: images or lab files. */
export function readLimitFor(path: string): Extract<LimitName, 'fileBytes' | 'imageFileBytes'> {
  return extname(path).toLowerCase() === '.png' ? 'imageFileBytes' : 'fileBytes';
}

/**
 * Reads a whole file for the renderer, refusing anything but a regular file, or one larger than
 * LIMITS[limit], before reading it: a mistaken pick (a video, a disk image) cannot exhaust memory,
 * and a FIFO or a device cannot hang the main process. The path is checked with stat before it is
 * opened (opening a FIFO waits for a writer), then opened without blocking and checked again
 * through the handle, so the file checked is the file read.
 */
export async function readLimitedFile(
  path: string,
  limit: Extract<LimitName, 'fileBytes' | 'imageFileBytes' | 'idxFileBytes'>,
): Promise<OpenedFile> {
  // Quoted as JSON, so a name holding a newline stays on the message's one line.
  const name = JSON.stringify(basename(path));
  const check = (stats: { isFile(): boolean; size: number }) => {
    if (!stats.isFile()) throw new Error(`${name} is not a regular file`);
    const tooLarge = overLimit(limit, `the size in bytes of ${name}`, stats.size);
    if (tooLarge !== null) throw new Error(tooLarge);
  };
  const before = await stat(path);
  check(before);
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat();
    check(opened);
    if (opened.dev !== before.dev || opened.ino !== before.ino)
      throw new Error(`${name} was replaced while it was being opened; open it again`);
    const buffer = await handle.readFile();
    // A copy with its own exact-size ArrayBuffer: IPC serializes a view's whole backing buffer.
    return { name: basename(path), bytes: new Uint8Array(buffer) };
  } finally {
    await handle.close();
  }
}
