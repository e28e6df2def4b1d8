// The one table of limits. Every entry point (the lab's number fields, the file readers, the lab's
// stored state, the CLI options, the trainer) checks values against these, so a value the lab refuses
// is refused everywhere with the same words, and no accepted value can freeze the lab or exhaust
// memory. The README's limits table is checked against this one by a test.

export interface Limit {
  /** The largest value allowed. */
  readonly max: number;
  /** What is limited, for the README's table and for messages ("padding", "input height and width"). */
  readonly what: string;
}

export const LIMITS = {
  /** Height or width of an input image: the CLI's images, an experiment's input. */
  inputSide: { max: 2048, what: 'input height and width' },
  /** Values in one input (channels x height x width): 2048 x 2048 with one channel. */
  inputValues: { max: 2048 * 2048, what: 'values in an input (channels x height x width)' },
  /** Height or width of the grid the lab draws and edits by hand. */
  labInputSide: { max: 64, what: 'height and width of the lab’s input grid' },
  /** Input or output channels of the learnable layer. */
  channels: { max: 16, what: 'input and output channels' },
  /** Height or width of a kernel in a file, an experiment or the CLI. */
  kernelSide: { max: 64, what: 'kernel height and width' },
  /** Height or width of the kernel the lab edits cell by cell. */
  labKernelSide: { max: 7, what: 'height and width of the lab’s kernel editor' },
  /** Weights in one layer (out x in x kh x kw). */
  kernelValues: { max: 1 << 16, what: 'weights in a layer (out x in x height x width)' },
  /** Padding on any side. */
  padding: { max: 64, what: 'padding' },
  /** Stride along either axis. */
  stride: { max: 64, what: 'stride' },
  /** Dilation along either axis. */
  dilation: { max: 16, what: 'dilation' },
  /** Values in one output (channels x height x width). */
  outputValues: { max: 2048 * 2048, what: 'values in an output (channels x height x width)' },
  /** Multiply-adds of one forward pass (output values x input channels x kernel height x width). */
  epochWork: { max: 2 ** 28, what: 'multiply-adds in one forward pass' },
  /** A training seed: the generator takes a 32-bit unsigned integer. */
  seed: { max: 0xffff_ffff, what: 'training seed' },
  /** Epochs of one run. */
  epochs: { max: 1_000_000, what: 'epochs in one run' },
  /** Multiply-adds of a whole run's forward passes (epochs x the forward pass's). */
  runWork: { max: 2 ** 36, what: 'multiply-adds in one run (epochs x one forward pass)' },
  /** Loss values a file stores for one run; longer histories are decimated to this many. */
  historyPoints: { max: 20_000, what: 'loss values stored per run' },
  /** Nesting of the free-form view settings (`ui`) a lab file carries: the writer indents every level. */
  uiDepth: { max: 64, what: 'levels of nesting in a lab’s view settings (ui)' },
  /** Size of a lab or weights file. */
  fileBytes: { max: 64 * 1024 * 1024, what: 'bytes in a lab or weights file' },
  /** Size of an image file to import. */
  imageFileBytes: { max: 64 * 1024 * 1024, what: 'bytes in an image file' },
  /**
   * Size of one Fashion-MNIST idx file, read or decompressed (the full training images are
   * 47,040,016 bytes); also stops a small gzip file from expanding without bound.
   */
  idxFileBytes: { max: 64 * 1024 * 1024, what: 'bytes in an idx file (after decompressing)' },

  // LeNet on Fashion-MNIST (core/src/lenet): a run's size, so no accepted value exhausts memory or
  // keeps the worker busy for days. A batch's activations are about 40 KB per image.
  /** Epochs of one LeNet run. */
  lenetEpochs: { max: 1000, what: 'epochs of a LeNet run' },
  /** Images in one LeNet mini-batch. */
  lenetBatchSize: { max: 1024, what: 'images in a LeNet mini-batch' },
  /** Training images of one LeNet run (Fashion-MNIST has 60,000). */
  lenetTrainSize: { max: 60_000, what: 'training images of a LeNet run' },
  /** The LeNet model the lab keeps in local storage (its JSON is about 0.8 MB; browsers allow ~5 MB an origin). */
  lenetStoredModel: { max: 2 * 1024 * 1024, what: 'characters of the LeNet model the lab stores' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/**
 * The one-line refusal for `value` over `LIMITS[name]`, or null when it is within the limit.
 * `field` names the value as the user wrote it: `layer.padding[0]`, `--padding`, `Padding`.
 */
export function overLimit(name: LimitName, field: string, value: number): string | null {
  const { max } = LIMITS[name];
  return value > max ? `${field} is ${formatCount(value)}, over the limit of ${formatCount(max)}` : null;
}

/** Whole numbers with thousands separators (1,000,000); others as JavaScript prints them. */
export function formatCount(value: number): string {
  return Number.isSafeInteger(value) ? value.toLocaleString('en-US') : String(value);
}
