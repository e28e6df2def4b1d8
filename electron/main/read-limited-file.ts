import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OpenedFile } from '../ipc/bridge-api.ts';

/**
 * Reads a whole file for the renderer, refusing anything larger than `maxBytes` before reading it,
 * so a mistaken pick (a video, a disk image) cannot exhaust memory. The size is taken from the open
 * handle, so the file checked is the file read.
 */
export async function readLimitedFile(path: string, maxBytes: number): Promise<OpenedFile> {
  const handle = await open(path, 'r');
  try {
    const { size, isFile } = await handle
      .stat()
      .then((stats) => ({ size: stats.size, isFile: stats.isFile() }));
    if (!isFile) throw new Error(`"${basename(path)}" is not a regular file`);
    if (size > maxBytes) {
      throw new Error(
        `"${basename(path)}" is ${size} bytes; ConvLab opens files of at most ${maxBytes} bytes`,
      );
    }
    const buffer = await handle.readFile();
    return {
      name: basename(path),
      bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    };
  } finally {
    await handle.close();
  }
}
