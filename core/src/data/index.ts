// Data sets for the chapter's LeNet: the idx reader and Fashion-MNIST on top of it (pure: bytes in).
export {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  encodeIdxImages,
  encodeIdxLabels,
  isGzip,
  parseIdxImages,
  parseIdxLabels,
  type IdxImages,
  type IdxLabels,
} from './idx.ts';
export {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_FILES,
  FASHION_MNIST_SIDE,
  classCounts,
  fashionMnistFromBytes,
  firstExamples,
  labelledImagesFromBytes,
  scaleToUnit,
  type FashionMnist,
  type FashionMnistBytes,
  type FashionMnistClass,
  type FashionMnistFile,
  type LabelledImages,
} from './fashionMnist.ts';
