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
    const stats = await handle.stat();
    const size = stats.size;
    if (!stats.isFile()) throw new Error(`"${basename(path)}" is not a regular file`);
    if (size > maxBytes) {
      throw new Error(
        `"${basename(path)}" is ${size} bytes; ConvLab opens files of at most ${maxBytes} bytes`,
      );
    }
    const buffer = await handle.readFile();
    // A copy with its own exact-size ArrayBuffer: IPC serializes a view's whole backing buffer.
    return { name: basename(path), bytes: new Uint8Array(buffer) };
  } finally {
    await handle.close();
  }
}
