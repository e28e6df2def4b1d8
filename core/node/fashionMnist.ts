// Loading Fashion-MNIST from a folder in Node: finds the four idx files (plain or gzip-compressed, as
// Debian and the original distribution ship them), decompresses with node:zlib and hands the bytes to
// the core's pure reader. The CLI and the tests use it; the renderer decompresses in the browser.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  FASHION_MNIST_FILES,
  fashionMnistFromBytes,
  type FashionMnist,
  type FashionMnistBytes,
  type FashionMnistFile,
} from '../src/data/fashionMnist.ts';
import { isGzip } from '../src/data/idx.ts';
import { FormatError } from '../src/formats/json.ts';
import { LIMITS } from '../src/limits.ts';

/** Where Debian's `dataset-fashion-mnist` package puts the full data set. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** The balanced subset shipped with ConvLab (10,000 training and 2,000 test images). */
export const SHIPPED_FASHION_MNIST_DIR = fileURLToPath(
  new URL('../../data/fashion-mnist-subset/', import.meta.url),
);

/** The most bytes one idx file may hold, read or decompressed: the limits table's. */
export const MAX_IDX_BYTES = LIMITS.idxFileBytes.max;

/** The Debian folder when it holds the data set, else the shipped subset (`debianDir` for tests). */
export function defaultFashionMnistDir(debianDir = DEBIAN_FASHION_MNIST_DIR): string {
  const name = FASHION_MNIST_FILES.trainImages;
  return existsSync(join(debianDir, `${name}.gz`)) || existsSync(join(debianDir, name))
    ? debianDir
    : SHIPPED_FASHION_MNIST_DIR;
}

/** Reads and parses the four files in `dir`; throws FormatError whose one-line message names the file. */
export function loadFashionMnist(dir: string): FashionMnist {
  const { bytes, paths } = readFashionMnistFiles(dir);
  return fashionMnistFromBytes(bytes, paths);
}

/**
 * The four files' decompressed bytes and the paths they came from; throws FormatError for a missing
 * folder or file, a file over the size limit, or a broken gzip stream.
 */
export function readFashionMnistFiles(dir: string): {
  bytes: FashionMnistBytes;
  paths: Record<FashionMnistFile, string>;
} {
  if (!isFolder(dir)) throw new FormatError(`fashion-mnist: ${dir} is not a folder`);
  const keys = Object.keys(FASHION_MNIST_FILES) as FashionMnistFile[];
  // Every file is found before any is read, so a folder missing one is refused at once.
  const paths = Object.fromEntries(keys.map((key) => [key, findIdxFile(dir, FASHION_MNIST_FILES[key])]));
  const bytes = Object.fromEntries(keys.map((key) => [key, readIdxFile(paths[key])]));
  return {
    bytes: bytes as FashionMnistBytes,
    paths: paths as Record<FashionMnistFile, string>,
  };
}

/** `dir/name` or else `dir/name.gz`. */
function findIdxFile(dir: string, name: string): string {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(dir, candidate);
    if (existsSync(path)) return path;
  }
  throw new FormatError(`fashion-mnist: ${dir} has no ${name} or ${name}.gz`);
}

/** The file's bytes, gunzipped when they start with gzip's magic (whatever the file is called). */
function readIdxFile(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new FormatError(`${path}: cannot read it (${(error as Error).message})`);
  }
  if (size > MAX_IDX_BYTES) {
    throw new FormatError(`${path}: the file is ${size} bytes, more than the limit of ${MAX_IDX_BYTES}`);
  }
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new FormatError(`${path}: cannot read it (${(error as Error).message})`);
  }
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_IDX_BYTES });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FormatError(`${path}: decompresses to more than the limit of ${MAX_IDX_BYTES} bytes`);
    }
    throw new FormatError(`${path}: not a complete gzip file (${(error as Error).message})`);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
