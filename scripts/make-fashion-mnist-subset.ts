// Makes the Fashion-MNIST subset that ships with ConvLab, so the app trains LeNet offline without apt:
//   npx tsx scripts/make-fashion-mnist-subset.ts [SOURCE_DIR] [OUT_DIR]
// SOURCE_DIR (default /usr/share/datasets/fashion-mnist, Debian's dataset-fashion-mnist) holds the four
// original idx files; OUT_DIR (default data/fashion-mnist-subset) receives the same four files, gzipped,
// holding the first 1,000 training and the first 200 test images of each class in file order (10,000
// and 2,000 in all, in their original order), plus checksums.json and the data set's licence.
// The output is the same bytes on every run: gzip level 9, no file name, mtime 0, OS byte fixed to Unix.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEBIAN_FASHION_MNIST_DIR, readFashionMnistFiles } from '../core/node/fashionMnist.ts';
import { FASHION_MNIST_CLASSES, FASHION_MNIST_FILES } from '../core/src/data/fashionMnist.ts';
import {
  encodeIdxImages,
  encodeIdxLabels,
  parseIdxImages,
  parseIdxLabels,
  type IdxImages,
} from '../core/src/data/idx.ts';

export const TRAIN_PER_CLASS = 1000;
export const TEST_PER_CLASS = 200;
export const DEBIAN_COPYRIGHT = '/usr/share/doc/dataset-fashion-mnist/copyright';
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../data/fashion-mnist-subset/', import.meta.url));
export const CHECKSUMS_FILE = 'checksums.json';

/** What checksums.json records per file: the gzip file's SHA-256 and that of the idx bytes inside. */
export interface SubsetChecksum {
  sha256: string;
  bytes: number;
  idxSha256: string;
  idxBytes: number;
}

export interface SubsetChecksums {
  source: string;
  trainPerClass: number;
  testPerClass: number;
  files: Record<string, SubsetChecksum>;
}

/** Indices of the first `perClass` examples of every class, in file order. */
export function firstPerClass(labels: Uint8Array, perClass: number): number[] {
  const taken = new Array<number>(FASHION_MNIST_CLASSES.length).fill(0);
  const chosen: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (taken[labels[i]] < perClass) {
      taken[labels[i]]++;
      chosen.push(i);
    }
  }
  const short = taken.findIndex((n) => n < perClass);
  if (short >= 0) {
    throw new Error(`subset: class ${short} has only ${taken[short]} examples, fewer than ${perClass}`);
  }
  return chosen;
}

/** The idx images of `indices`, in that order. */
export function pickImages(images: IdxImages, indices: readonly number[]): IdxImages {
  const size = images.rows * images.cols;
  const pixels = new Uint8Array(indices.length * size);
  indices.forEach((source, n) =>
    pixels.set(images.pixels.subarray(source * size, (source + 1) * size), n * size),
  );
  return { count: indices.length, rows: images.rows, cols: images.cols, pixels };
}

/** gzip with nothing that depends on the time or the platform. */
export function gzipReproducibly(bytes: Uint8Array): Uint8Array {
  const out = gzipSync(bytes, { level: 9 });
  // Byte 9 of the gzip header names the OS that wrote it (zlib's compile-time OS_CODE); always say
  // Unix (3). The mtime (bytes 4-7) is already 0: Node writes no timestamp.
  out[9] = 3;
  return out;
}

/** The subset's four files (gzip-compressed, named `<original>.gz`) from the originals' idx bytes. */
export function buildSubset(sourceDir: string): Map<string, { gz: Uint8Array; idx: Uint8Array }> {
  const { bytes } = readFashionMnistFiles(sourceDir);
  const out = new Map<string, { gz: Uint8Array; idx: Uint8Array }>();
  const splits = [
    { images: 'trainImages', labels: 'trainLabels', perClass: TRAIN_PER_CLASS },
    { images: 'testImages', labels: 'testLabels', perClass: TEST_PER_CLASS },
  ] as const;
  for (const split of splits) {
    const images = parseIdxImages(bytes[split.images]);
    const labels = parseIdxLabels(bytes[split.labels]);
    const chosen = firstPerClass(labels.labels, split.perClass);
    const files: Array<[string, Uint8Array]> = [
      [FASHION_MNIST_FILES[split.images], encodeIdxImages(pickImages(images, chosen))],
      [FASHION_MNIST_FILES[split.labels], encodeIdxLabels(Uint8Array.from(chosen, (i) => labels.labels[i]))],
    ];
    for (const [name, idx] of files) out.set(`${name}.gz`, { gz: gzipReproducibly(idx), idx });
  }
  return out;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function main(argv: string[]): void {
  const sourceDir = resolve(argv[0] ?? DEBIAN_FASHION_MNIST_DIR);
  const outDir = resolve(argv[1] ?? DEFAULT_OUT_DIR);
  const subset = buildSubset(sourceDir);
  mkdirSync(outDir, { recursive: true });
  const checksums: SubsetChecksums = {
    source: sourceDir,
    trainPerClass: TRAIN_PER_CLASS,
    testPerClass: TEST_PER_CLASS,
    files: {},
  };
  for (const [name, { gz, idx }] of subset) {
    writeFileSync(join(outDir, name), gz);
    checksums.files[name] = {
      sha256: sha256(gz),
      bytes: gz.length,
      idxSha256: sha256(idx),
      idxBytes: idx.length,
    };
    console.log(`${sha256(gz)}  ${name} (${gz.length} bytes; idx ${sha256(idx)}, ${idx.length} bytes)`);
  }
  writeFileSync(join(outDir, CHECKSUMS_FILE), `${JSON.stringify(checksums, null, 2)}\n`);
  writeFileSync(join(outDir, 'LICENSE'), readFileSync(DEBIAN_COPYRIGHT));
  console.log(`wrote ${subset.size} files, ${CHECKSUMS_FILE} and LICENSE to ${outDir}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
