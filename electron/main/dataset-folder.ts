/**
 * Finds and reads the four Fashion-MNIST idx files in a folder the user picked, as Debian's
 * `dataset-fashion-mnist` package and the original distribution lay them out: each file plain or
 * gzipped (`.gz`). The bytes go to the renderer as they are on disk; it decompresses them and the
 * core's pure reader decodes them, so the main process never spends time on 60,000 images.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FASHION_MNIST_FILES, type FashionMnistFile } from '../../core/src/data/fashionMnist.ts';
import type { OpenedDatasetFolder, OpenedFile } from '../ipc/bridge-api.ts';
import { readLimitedFile } from './read-limited-file.ts';

/** `folder/name`, else `folder/name.gz`, else null; a path that exists but is not a file still counts. */
async function findIdxFile(folder: string, name: string): Promise<string | null> {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(folder, candidate);
    try {
      await stat(path);
      return path;
    } catch {
      // Not there (or unreadable): try the next spelling.
    }
  }
  return null;
}

/**
 * The four files' names and raw bytes; throws an Error with a one-line message naming the folder and
 * the file: a missing file, one that is not a regular file, or one over LIMITS.idxFileBytes.
 * Every file is found before any is read, so a folder missing one is refused without reading 50 MB.
 */
export async function readDatasetFolder(folder: string): Promise<OpenedDatasetFolder> {
  // Quoted as JSON, so a folder whose name holds a newline stays on the message's one line.
  const where = JSON.stringify(folder);
  const keys = Object.keys(FASHION_MNIST_FILES) as FashionMnistFile[];
  const paths: Partial<Record<FashionMnistFile, string>> = {};
  for (const key of keys) {
    const name = FASHION_MNIST_FILES[key];
    const path = await findIdxFile(folder, name);
    if (path === null) throw new Error(`${where} has no ${name} or ${name}.gz`);
    paths[key] = path;
  }
  const files: Partial<Record<FashionMnistFile, OpenedFile>> = {};
  for (const key of keys) {
    try {
      files[key] = await readLimitedFile(paths[key] as string, 'idxFileBytes');
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  return { folder, files: files as Record<FashionMnistFile, OpenedFile> };
}
