// The Fashion-MNIST subset shipped in data/fashion-mnist-subset: the committed bytes are the ones the
// script recorded, they parse as 10,000 and 2,000 images balanced by class, and (where Debian's data set
// is installed) running the script again gives the same bytes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_FASHION_MNIST_DIR,
  SHIPPED_FASHION_MNIST_DIR,
  loadFashionMnist,
} from '../../../core/node/fashionMnist.ts';
import { classCounts } from '../../../core/src/data/fashionMnist.ts';
import {
  CHECKSUMS_FILE,
  TEST_PER_CLASS,
  TRAIN_PER_CLASS,
  buildSubset,
  sha256,
  type SubsetChecksums,
} from '../../../scripts/make-fashion-mnist-subset.ts';

const checksums = JSON.parse(
  readFileSync(join(SHIPPED_FASHION_MNIST_DIR, CHECKSUMS_FILE), 'utf8'),
) as SubsetChecksums;
const names = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];

describe('the shipped Fashion-MNIST subset', () => {
  it('lists exactly the four idx files in checksums.json', () => {
    expect(Object.keys(checksums.files).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s has the SHA-256 recorded by the script, gzipped and inside', (name) => {
    const gz = readFileSync(join(SHIPPED_FASHION_MNIST_DIR, name));
    const recorded = checksums.files[name];
    expect({ sha256: sha256(gz), bytes: gz.length }).toEqual({
      sha256: recorded.sha256,
      bytes: recorded.bytes,
    });
    const idx = gunzipSync(gz);
    expect({ sha256: sha256(idx), bytes: idx.length }).toEqual({
      sha256: recorded.idxSha256,
      bytes: recorded.idxBytes,
    });
  });

  it('reads as 10,000 training and 2,000 test images, 1,000 and 200 of each class', () => {
    const { train, test } = loadFashionMnist(SHIPPED_FASHION_MNIST_DIR);
    expect([train.count, test.count]).toEqual([10 * TRAIN_PER_CLASS, 10 * TEST_PER_CLASS]);
    expect(classCounts(train.labels)).toEqual(new Array(10).fill(TRAIN_PER_CLASS));
    expect(classCounts(test.labels)).toEqual(new Array(10).fill(TEST_PER_CLASS));
    expect(train.images.length).toBe(10_000 * 28 * 28);
  });

  it('carries the data set licence (Expat, Zalando SE) beside it', () => {
    const licence = readFileSync(join(SHIPPED_FASHION_MNIST_DIR, 'LICENSE'), 'utf8');
    expect(licence).toContain('Copyright: 2017, Zalando SE');
    expect(licence).toContain('License: Expat');
  });

  it.skipIf(!existsSync(DEBIAN_FASHION_MNIST_DIR))(
    'is what the script makes from the Debian files today, byte for byte',
    () => {
      const rebuilt = buildSubset(DEBIAN_FASHION_MNIST_DIR);
      for (const name of names) {
        expect(sha256(rebuilt.get(name)!.gz), name).toBe(checksums.files[name].sha256);
      }
    },
  );
});
