// Loading the four idx files from a folder in Node (core/node/fashionMnist.ts): plain or gzipped, and
// one-line refusals naming the path for a folder without them, a broken gzip stream or a bad file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_IDX_BYTES,
  SHIPPED_FASHION_MNIST_DIR,
  defaultFashionMnistDir,
  loadFashionMnist,
} from '../../../core/node/fashionMnist.ts';
import { FASHION_MNIST_FILES } from '../../../core/src/data/fashionMnist.ts';
import { encodeIdxImages, encodeIdxLabels } from '../../../core/src/data/idx.ts';
import { FormatError } from '../../../core/src/formats/json.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convlab-fmnist-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function images(count: number): Uint8Array {
  const pixels = Uint8Array.from({ length: count * 784 }, (_, i) => i % 251);
  return encodeIdxImages({ count, rows: 28, cols: 28, pixels });
}

/** Writes the four files, `gzip` choosing which are compressed (named with .gz). */
function writeSet(gzip: (name: string) => boolean, train = 3, test = 2): void {
  const files: Array<[string, Uint8Array]> = [
    [FASHION_MNIST_FILES.trainImages, images(train)],
    [FASHION_MNIST_FILES.trainLabels, encodeIdxLabels(Uint8Array.from({ length: train }, (_, i) => i % 10))],
    [FASHION_MNIST_FILES.testImages, images(test)],
    [FASHION_MNIST_FILES.testLabels, encodeIdxLabels(Uint8Array.from({ length: test }, (_, i) => 9 - i))],
  ];
  for (const [name, bytes] of files) {
    if (gzip(name)) writeFileSync(join(dir, `${name}.gz`), gzipSync(bytes));
    else writeFileSync(join(dir, name), bytes);
  }
}

describe('loadFashionMnist', () => {
  it('reads a folder of gzipped files and one of plain files alike', () => {
    writeSet(() => true);
    const zipped = loadFashionMnist(dir);
    rmSync(dir, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'convlab-fmnist-'));
    writeSet((name) => name.startsWith('t10k'));
    const mixed = loadFashionMnist(dir);
    expect(mixed).toEqual(zipped);
    expect(zipped.train.count).toBe(3);
    expect(Array.from(zipped.test.labels)).toEqual([9, 8]);
    expect(zipped.train.images[785]).toBe(Math.fround((785 % 251) / 255));
  });

  it('throws when the folder lacks one of the files, naming it', () => {
    writeSet(() => true);
    rmSync(join(dir, `${FASHION_MNIST_FILES.testLabels}.gz`));
    expect(() => loadFashionMnist(dir)).toThrow(
      new FormatError(`fashion-mnist: ${dir} has no t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz`),
    );
  });

  it('throws when the path is not a folder', () => {
    expect(() => loadFashionMnist(join(dir, 'nowhere'))).toThrow(
      `fashion-mnist: ${join(dir, 'nowhere')} is not a folder`,
    );
  });

  it('throws for a truncated gzip file, naming its path', () => {
    writeSet(() => true);
    const path = join(dir, `${FASHION_MNIST_FILES.trainImages}.gz`);
    writeFileSync(path, gzipSync(images(3)).subarray(0, 200));
    expect(() => loadFashionMnist(dir)).toThrow(`${path}: not a complete gzip file (unexpected end of file)`);
  });

  it('throws for a truncated idx file, naming its path and the bytes expected', () => {
    writeSet(() => false);
    const path = join(dir, FASHION_MNIST_FILES.trainImages);
    writeFileSync(path, images(3).subarray(0, 1000));
    expect(() => loadFashionMnist(dir)).toThrow(
      `${path}: idx images: expected 2368 bytes for 3 images of 28 x 28, got 1000`,
    );
  });

  it('throws when labels do not match the images, naming the labels file', () => {
    writeSet(() => false);
    const path = join(dir, FASHION_MNIST_FILES.trainLabels);
    writeFileSync(path, encodeIdxLabels(new Uint8Array(7)));
    expect(() => loadFashionMnist(dir)).toThrow(
      `${path}: labels file has 7 labels but the images file has 3 images`,
    );
  });

  it('throws for a gzip file that expands beyond the size limit', () => {
    writeSet(() => true);
    const path = join(dir, `${FASHION_MNIST_FILES.trainImages}.gz`);
    writeFileSync(path, gzipSync(new Uint8Array(MAX_IDX_BYTES + 1)));
    expect(() => loadFashionMnist(dir)).toThrow(
      `${path}: decompresses to more than the limit of ${MAX_IDX_BYTES} bytes`,
    );
  });
});

describe('defaultFashionMnistDir', () => {
  it("is Debian's folder when it holds the training images, else the shipped subset", () => {
    expect(defaultFashionMnistDir(dir)).toBe(SHIPPED_FASHION_MNIST_DIR);
    writeSet(() => true);
    expect(defaultFashionMnistDir(dir)).toBe(dir);
  });
});
