// Pairing Fashion-MNIST's images with labels, scaling as torchvision's ToTensor, and the refusals.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FASHION_MNIST_CLASSES,
  classCounts,
  fashionMnistFromBytes,
  firstExamples,
  labelledImagesFromBytes,
  scaleToUnit,
} from '../../../core/src/data/fashionMnist.ts';
import { encodeIdxImages, encodeIdxLabels } from '../../../core/src/data/idx.ts';

const SIDE = 28;

/** `count` 28 x 28 images whose pixel i of image n is (n + i) mod 256. */
function imagesFile(count: number, side = SIDE): Uint8Array {
  const pixels = Uint8Array.from(
    { length: count * side * side },
    (_, i) => (Math.floor(i / (side * side)) + i) % 256,
  );
  return encodeIdxImages({ count, rows: side, cols: side, pixels });
}

describe('FASHION_MNIST_CLASSES', () => {
  it("is d2l's get_fashion_mnist_labels list, in label order", () => {
    expect(FASHION_MNIST_CLASSES).toEqual([
      't-shirt',
      'trouser',
      'pullover',
      'dress',
      'coat',
      'sandal',
      'shirt',
      'sneaker',
      'bag',
      'ankle boot',
    ]);
  });
});

describe('labelledImagesFromBytes', () => {
  it('gives N x 1 x 28 x 28 float32 images scaled to [0, 1] and the labels', () => {
    const set = labelledImagesFromBytes(imagesFile(3), encodeIdxLabels(Uint8Array.from([9, 0, 4])));
    expect(set.count).toBe(3);
    expect(set.images).toBeInstanceOf(Float32Array);
    expect(set.images.length).toBe(3 * 1 * SIDE * SIDE);
    // Image 2, pixel (y=1, x=3) is byte (2 + 2*784 + 28 + 3) mod 256.
    const flat = 2 * SIDE * SIDE + 1 * SIDE + 3;
    expect(set.images[flat]).toBe(Math.fround(((2 + flat) % 256) / 255));
    expect(Array.from(set.labels)).toEqual([9, 0, 4]);
  });

  it('throws when the labels file holds a different number of labels than there are images', () => {
    expect(() => labelledImagesFromBytes(imagesFile(3), encodeIdxLabels(new Uint8Array(2)))).toThrow(
      'labels file has 2 labels but the images file has 3 images',
    );
  });

  it('starts each message with the file it is about when the files are named', () => {
    const names = { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' };
    expect(() => labelledImagesFromBytes(imagesFile(3), encodeIdxLabels(new Uint8Array(2)), names)).toThrow(
      'train-labels-idx1-ubyte: labels file has 2 labels but the images file has 3 images',
    );
    expect(() => labelledImagesFromBytes(imagesFile(3).subarray(0, 100), new Uint8Array(), names)).toThrow(
      'train-images-idx3-ubyte: idx images: expected 2368 bytes for 3 images of 28 x 28, got 100',
    );
  });

  it('throws for a label that is not one of the ten classes', () => {
    expect(() => labelledImagesFromBytes(imagesFile(2), encodeIdxLabels(Uint8Array.from([3, 10])))).toThrow(
      'idx labels: label 10 at index 1 is not a class (0 to 9)',
    );
  });

  it('throws for images that are not 28 x 28', () => {
    expect(() => labelledImagesFromBytes(imagesFile(1, 32), encodeIdxLabels(new Uint8Array(1)))).toThrow(
      "idx images: images are 32 x 32 pixels, but Fashion-MNIST's are 28 x 28",
    );
  });
});

describe('scaleToUnit', () => {
  it("matches torchvision's ToTensor (uint8.float() / 255 in PyTorch 1.13) for every byte", () => {
    // test/fixtures/torch/make_lenet_fixtures.py: torch.arange(256, dtype=torch.uint8).float().div(255)
    const reference = JSON.parse(
      readFileSync(new URL('../../fixtures/torch/to_tensor.json', import.meta.url), 'utf8'),
    ) as { data: number[] };
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(scaleToUnit(bytes))).toEqual(reference.data);
  });
});

describe('fashionMnistFromBytes', () => {
  it('names the distributed file in a refusal', () => {
    const good = { images: imagesFile(2), labels: encodeIdxLabels(new Uint8Array(2)) };
    expect(() =>
      fashionMnistFromBytes({
        trainImages: good.images,
        trainLabels: good.labels,
        testImages: good.images,
        testLabels: encodeIdxLabels(new Uint8Array(5)),
      }),
    ).toThrow('t10k-labels-idx1-ubyte: labels file has 5 labels but the images file has 2 images');
  });
});

describe('firstExamples and classCounts', () => {
  it('take the first N images and labels, and count each class', () => {
    const set = labelledImagesFromBytes(imagesFile(4), encodeIdxLabels(Uint8Array.from([1, 1, 7, 9])));
    const first = firstExamples(set, 3);
    expect(first.count).toBe(3);
    expect(first.images).toEqual(set.images.subarray(0, 3 * SIDE * SIDE));
    expect(classCounts(first.labels)).toEqual([0, 2, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(() => firstExamples(set, 5)).toThrow(
      'firstExamples: count must be a whole number from 1 to 4, got 5',
    );
  });
});
