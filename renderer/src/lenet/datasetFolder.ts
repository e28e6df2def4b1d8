// A Fashion-MNIST folder the desktop app read (the four idx files' bytes as on disk, gzipped or not),
// made ready for the core's reader: decompressed here with the browser's DecompressionStream, each
// file capped at LIMITS.idxFileBytes so that a small gzip file cannot expand without bound.
import {
  FASHION_MNIST_FILES,
  isGzip,
  type FashionMnistBytes,
  type FashionMnistFile,
} from '../../../core/src/data/index.ts';
import { LIMITS, formatCount } from '../../../core/src/limits.ts';
import type { OpenedDatasetFolder, OpenedFile } from '../platform/platform.ts';

/** The data set the LeNet view trains on, for the line that says so. */
export type DatasetInUse = { kind: 'shipped' } | { kind: 'folder'; folder: string };

/** Gunzips `bytes`, refusing output over LIMITS.idxFileBytes and a stream that ends early. */
async function gunzipCapped(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  const max = LIMITS.idxFileBytes.max;
  const inflate = new DecompressionStream('gzip');
  const writer = inflate.writable.getWriter();
  // A broken stream rejects these too; the reader below reports it, once.
  writer.write(bytes.slice()).catch(() => {});
  writer.close().catch(() => {});
  const reader = inflate.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel();
        throw new Error(
          `${name} decompresses to more than ${formatCount(max)} bytes, the limit of ${LIMITS.idxFileBytes.what}`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (total > max) throw error;
    throw new Error(
      `${name} is not a complete gzip file (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** One file's idx bytes: decompressed when gzipped, else a copy (the worker takes its buffers). */
function idxBytes(file: OpenedFile): Promise<Uint8Array> {
  return isGzip(file.bytes) ? gunzipCapped(file.name, file.bytes) : Promise.resolve(file.bytes.slice());
}

/**
 * The four files' idx bytes, fresh buffers on every call: the view transfers them to each new worker
 * and keeps `folder`'s bytes to call this again after a worker dies.
 */
export async function datasetFolderBytes(folder: OpenedDatasetFolder): Promise<FashionMnistBytes> {
  const keys = Object.keys(FASHION_MNIST_FILES) as FashionMnistFile[];
  const entries = await Promise.all(
    keys.map(async (key) => [key, await idxBytes(folder.files[key])] as const),
  );
  return Object.fromEntries(entries) as FashionMnistBytes;
}

/** The published data set's sizes (Xiao, Rasul and Vollgraf, 2017): a folder with these is the full one. */
const FULL_SIZES = { train: 60_000, test: 10_000 };

/** The line under the LeNet heading: which data set is in use and how many images it has. */
export function describeDataset(dataset: DatasetInUse, trainCount: number, testCount: number): string {
  const counts = `${formatCount(trainCount)} training and ${formatCount(testCount)} test images`;
  if (dataset.kind === 'shipped') return `Shipped subset: ${counts}`;
  const full =
    trainCount === FULL_SIZES.train && testCount === FULL_SIZES.test ? 'Full Fashion-MNIST' : 'Fashion-MNIST';
  return `${full} from ${dataset.folder}: ${counts}`;
}
