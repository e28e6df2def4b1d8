// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017) as d2l's LeNet section uses it: 28 x 28 grayscale
// images of ten kinds of clothing, read from the four idx files and scaled as torchvision's
// ToTensor() does. The class names, the file names and the pairing of images with labels live here,
// once, for the CLI, the renderer and the tests.
import { FormatError } from '../formats/json.ts';
import { parseIdxImages, parseIdxLabels } from './idx.ts';

/** The class of label i, spelled as d2l's `get_fashion_mnist_labels`. */
export const FASHION_MNIST_CLASSES = [
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
] as const;

export type FashionMnistClass = (typeof FASHION_MNIST_CLASSES)[number];

/** Height and width of every Fashion-MNIST image (LeNet's input). */
export const FASHION_MNIST_SIDE = 28;

/** The four files' names as distributed (each may also be found with `.gz` appended). */
export const FASHION_MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export type FashionMnistFile = keyof typeof FASHION_MNIST_FILES;

/**
 * Examples ready for a network. `images` is count x 1 x 28 x 28, row-major (image n's pixel (y, x) at
 * n * 784 + y * 28 + x), each value the stored byte / 255 in float32, so in [0, 1]; `labels[n]` is
 * image n's class index into FASHION_MNIST_CLASSES.
 */
export interface LabelledImages {
  count: number;
  images: Float32Array;
  labels: Uint8Array;
}

/** The training and test sets. */
export interface FashionMnist {
  train: LabelledImages;
  test: LabelledImages;
}

/** The four files' decompressed bytes. */
export type FashionMnistBytes = Record<FashionMnistFile, Uint8Array>;

/**
 * Reads both sets from the four files' (decompressed) bytes; throws FormatError whose message starts
 * with the file's name in `names` (by default the distributed file names).
 */
export function fashionMnistFromBytes(
  bytes: FashionMnistBytes,
  names: Record<FashionMnistFile, string> = FASHION_MNIST_FILES,
): FashionMnist {
  return {
    train: labelledImagesFromBytes(bytes.trainImages, bytes.trainLabels, {
      images: names.trainImages,
      labels: names.trainLabels,
    }),
    test: labelledImagesFromBytes(bytes.testImages, bytes.testLabels, {
      images: names.testImages,
      labels: names.testLabels,
    }),
  };
}

/**
 * Pairs an images file with its labels file. Refuses images that are not 28 x 28, a different number
 * of labels than images, and labels that are not a class index (0 to 9). `names`, when given, start
 * each message with the file it is about (`train-labels-idx1-ubyte: idx labels: ...`).
 */
export function labelledImagesFromBytes(
  imageBytes: Uint8Array,
  labelBytes: Uint8Array,
  names?: { images: string; labels: string },
): LabelledImages {
  const imagesName = names ? `${names.images}: ` : '';
  const labelsName = names ? `${names.labels}: ` : '';
  const images = withPrefix(imagesName, () => parseIdxImages(imageBytes));
  const labels = withPrefix(labelsName, () => parseIdxLabels(labelBytes));
  if (images.rows !== FASHION_MNIST_SIDE || images.cols !== FASHION_MNIST_SIDE) {
    throw new FormatError(
      `${imagesName}idx images: images are ${images.rows} x ${images.cols} pixels, but Fashion-MNIST's are ${FASHION_MNIST_SIDE} x ${FASHION_MNIST_SIDE}`,
    );
  }
  if (labels.count !== images.count) {
    throw new FormatError(
      `${labelsName}labels file has ${labels.count} labels but the images file has ${images.count} images`,
    );
  }
  const classes = FASHION_MNIST_CLASSES.length;
  for (let i = 0; i < labels.count; i++) {
    if (labels.labels[i] >= classes) {
      throw new FormatError(
        `${labelsName}idx labels: label ${labels.labels[i]} at index ${i} is not a class (0 to ${classes - 1})`,
      );
    }
  }
  return { count: images.count, images: scaleToUnit(images.pixels), labels: labels.labels.slice() };
}

/** Bytes 0..255 -> float32 in [0, 1], as torchvision's ToTensor (`byte.float() / 255`). */
export function scaleToUnit(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  // Float32Array's store rounds the double quotient once, which is float32 division exactly.
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

/** The first `count` examples (a copy), for a smaller training set. */
export function firstExamples(set: LabelledImages, count: number): LabelledImages {
  if (!Number.isInteger(count) || count < 1 || count > set.count) {
    throw new RangeError(`firstExamples: count must be a whole number from 1 to ${set.count}, got ${count}`);
  }
  const pixels = FASHION_MNIST_SIDE * FASHION_MNIST_SIDE;
  return {
    count,
    images: set.images.slice(0, count * pixels),
    labels: set.labels.slice(0, count),
  };
}

/** How many examples of each class: `counts[c]` for class index c. */
export function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(FASHION_MNIST_CLASSES.length).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

function withPrefix<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FormatError) throw new FormatError(`${prefix}${error.message}`);
    throw error;
  }
}
